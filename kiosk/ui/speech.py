"""Read aloud: speaks an answer through the speech process and says which sentence is read.

The engine lives in a process of its own (``kiosk.speech.helper``), started after the first
paint: building it can block for seconds, or for ever when the speech service is stuck, and
nothing of that may reach the screen. Every call here only writes a line to that process.
A helper that does not come up in time, stops answering, or never finishes an utterance is
killed and started again later, waiting longer each time; meanwhile ``available`` is False and
Listen is hidden.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Sequence

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from kiosk import paths
from kiosk.core import speech_protocol as proto
from kiosk.core.session import MIN_VOLUME

log = logging.getLogger(__name__)

SENTENCE_END = re.compile(r"[.!?:]\s|\n")
OFF = "none"  # the speech_engine setting that turns read aloud off
DEFAULT_TIMEOUTS = proto.Timeouts()
# What the watchdog waits for, as the log says it when it runs out.
COMING_UP = "did not come up"
STARTING = "did not start speaking"
FINISHING = "did not finish speaking"
STOPPING = "did not stop"


def helper_command(engine: str, language: str) -> list[str]:
    """How to start the speech process: the same program, from source or frozen."""
    args = ["speech-helper", "--engine", engine, "--language", language]
    if paths.IS_FROZEN:
        return [sys.executable, *args]
    return [sys.executable, "-m", "kiosk", *args]


class ReadAloud(QObject):
    """One speaker for the whole kiosk. ``available`` is False (and ``reason`` says why) until
    the speech process has a voice for the content's language, and whenever it has failed."""

    speaking = Signal(bool)  # True while speaking or paused, False when stopped or done
    paused = Signal(bool)
    sentence = Signal(int, int)  # start and end offsets, in the text given to speak()
    word = Signal(int, int)  # start and length of the word being spoken, where engines say
    availabilityChanged = Signal(bool)

    def __init__(
        self,
        language: str,
        engine: str = "",
        parent: QObject | None = None,
        *,
        command: Sequence[str] | None = None,
        timeouts: proto.Timeouts = DEFAULT_TIMEOUTS,
    ) -> None:
        super().__init__(parent)
        self.language = language
        self.engine_name = engine
        self._command = list(command) if command else helper_command(engine, language)
        self.timeouts = timeouts
        self.available = False
        self.reason = "read aloud is off" if engine == OFF else "the speech engine is starting"
        self.state = proto.READY  # as the speech process last reported it
        self.voice = ""
        # Rate and volume the engine last said it uses (None until it has said).
        self.engine_tuning: tuple[float, float] | None = None
        self._text = ""
        self._active = False
        self._paused_remaining = 0
        self._utterance = 0
        self._failures = 0
        self._closing = False
        self._process: QProcess | None = None
        self._buffer = b""
        self._rate = 0.0
        self._volume = 1.0
        self._watchdog = QTimer(self, singleShot=True)
        self._watchdog.timeout.connect(self._stuck)
        self._watch_reason = ""
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.start)

    @property
    def enabled(self) -> bool:
        return self.engine_name != OFF

    # -- the speech process ----------------------------------------------------------------

    def start(self) -> None:
        """Start the speech process (after the first paint); it reports back when ready."""
        if not self.enabled or self._closing or self._process is not None:
            return
        process = QProcess(self)
        process.setProgram(self._command[0])
        process.setArguments(self._command[1:])
        process.readyReadStandardOutput.connect(lambda: self._read(process))
        process.readyReadStandardError.connect(lambda: self._log_stderr(process))
        process.finished.connect(lambda code, _status: self._finished(process, code))
        process.errorOccurred.connect(lambda error: self._process_error(process, error))
        self._process = process
        self._buffer = b""
        self._arm(self.timeouts.ready, COMING_UP)
        process.start()

    def shutdown(self) -> None:
        """End the speech process for good (the kiosk is closing)."""
        self._closing = True
        self._retry.stop()
        self._watchdog.stop()
        self._set_available(False, "the kiosk is closing")
        self._end_process(wait=True)

    def _end_process(self, *, wait: bool = False) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for signal in (process.readyReadStandardOutput, process.readyReadStandardError):
            signal.disconnect()
        process.finished.disconnect()
        process.errorOccurred.disconnect()
        if process.state() != QProcess.ProcessState.NotRunning:
            process.closeWriteChannel()
            process.kill()  # a stuck engine never reads its input: do not wait for it to
            if wait:
                process.waitForFinished(2000)
            else:
                process.finished.connect(process.deleteLater)
                return
        process.deleteLater()

    def _fail(self, why: str, *, lasting: bool = False) -> None:
        """The speech process failed: hide read aloud, and try again later unless ``lasting``."""
        self._watchdog.stop()
        was_active = self._active
        self._active = False
        self.state = proto.READY
        self._end_process()
        self._set_available(False, why)
        if was_active:
            self.speaking.emit(False)
            self.paused.emit(False)
        if lasting or self._closing:
            log.info("read aloud is off: %s", why)
            return
        self._failures += 1
        delay = self.timeouts.retry_delay(self._failures)
        log.warning("read aloud is unavailable: %s; trying again in %.0f s", why, delay)
        self._retry.start(int(delay * 1000))

    def _set_available(self, available: bool, reason: str) -> None:
        changed = available != self.available
        self.available = available
        self.reason = reason
        if changed:
            self.availabilityChanged.emit(available)

    def _arm(self, seconds: float, what: str) -> None:
        self._watch_reason = what
        self._watchdog.start(int(seconds * 1000))

    def _stuck(self) -> None:
        seconds = self._watchdog.interval() / 1000
        self._fail(f"the speech engine {self._watch_reason} within {seconds:.0f} s")

    def _process_error(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if process is self._process and error == QProcess.ProcessError.FailedToStart:
            self._fail(f"the speech process could not start: {process.errorString()}")

    def _finished(self, process: QProcess, code: int) -> None:
        if process is self._process:
            self._fail(f"the speech process ended (exit code {code})")

    def _log_stderr(self, process: QProcess) -> None:
        for line in (
            bytes(process.readAllStandardError().data()).decode(errors="replace").splitlines()
        ):
            if line.strip():
                log.info("speech process: %s", line.strip())

    def _read(self, process: QProcess) -> None:
        self._buffer += bytes(process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if not line.strip():
                continue
            try:
                message = proto.decode(line)
            except proto.ProtocolError as exc:
                log.warning("speech process: %s", exc)
                continue
            self._handle(message)
            if process is not self._process:
                return  # that message ended it

    def _send(self, kind: str, **fields: object) -> None:
        if self._process is not None and self._process.state() == QProcess.ProcessState.Running:
            self._process.write(proto.encode(kind, **fields))

    # -- events from the speech process ----------------------------------------------------

    def _handle(self, message: proto.Message) -> None:
        if message.kind == "ready":
            self._watchdog.stop()
            self._failures = 0
            self.voice = str(message.get("voice", ""))
            self._send("tune", rate=self._rate, volume=self._volume)
            reason = f"engine {message.get('engine')!r}, voice {self.voice!r}"
            log.info("read aloud: %s", reason)
            self._set_available(True, reason)
        elif message.kind == "tuned":
            self.engine_tuning = (
                float(message.get("rate", 0.0)),
                float(message.get("volume", 1.0)),
            )
        elif message.kind == "unavailable":
            self._fail(str(message.get("reason", "unknown")), lasting=bool(message.get("lasting")))
        elif message.kind == "state" and message.get("id") == self._utterance:
            self._state(str(message.get("state")), str(message.get("message", "")))
        elif message.kind == "word" and message.get("id") == self._utterance and self._active:
            start, length = int(message.get("start", 0)), int(message.get("length", 0))
            self.word.emit(start, length)
            self.sentence.emit(*sentence_around(self._text, start, length))

    def _state(self, state: str, error: str) -> None:
        self.state = state
        self.paused.emit(state == proto.PAUSED)
        if state == proto.SPEAKING:
            if self._watch_reason == STARTING:
                self._arm(self.timeouts.speaking_deadline(self._text), FINISHING)
        elif state == proto.PAUSED:
            self._paused_remaining = max(self._watchdog.remainingTime(), 0)
            self._watchdog.stop()
        elif state == proto.READY:
            self._watchdog.stop()
            if self._active:
                self._active = False
                self.speaking.emit(False)
        elif state == proto.ERROR:
            self._watchdog.stop()
            log.warning("read aloud stopped: %s", error)
            if self._active:
                self._active = False
                self.speaking.emit(False)

    # -- what the screens call -------------------------------------------------------------

    def set_rate_and_volume(self, rate: float, volume: float) -> None:
        self._rate = max(-1.0, min(1.0, rate))
        self._volume = max(MIN_VOLUME, min(1.0, volume))
        self._send("tune", rate=self._rate, volume=self._volume)

    def speak(self, text: str) -> None:
        if not self.available:
            return
        self.stop()
        self._utterance += 1
        self._text = text
        self._active = True
        self.speaking.emit(True)
        self._send("say", id=self._utterance, text=text)
        self._arm(self.timeouts.start, STARTING)

    def toggle_pause(self) -> None:
        if not self.available or not self._active:
            return
        if self.state == proto.PAUSED:
            self._send("resume")
            self._arm(
                self._paused_remaining / 1000 + self.timeouts.start, "did not finish speaking"
            )
        else:
            self._send("pause")

    def stop(self) -> None:
        """Stop at once; the screen is the patient's again whether or not the engine obeys."""
        if not self._active:
            return
        self._active = False
        self._send("stop")
        self.speaking.emit(False)
        # The engine must confirm; one that does not has hung.
        self._arm(self.timeouts.stop, STOPPING)

    def is_active(self) -> bool:
        return self._active


def sentence_around(text: str, start: int, length: int) -> tuple[int, int]:
    """The sentence of ``text`` that holds the word at ``start``: (begin, end) offsets."""
    begin = 0
    for match in SENTENCE_END.finditer(text, 0, max(0, start)):
        begin = match.end()
    after = SENTENCE_END.search(text, start + max(length, 0))
    end = after.start() + 1 if after else len(text)
    return begin, min(end, len(text))
