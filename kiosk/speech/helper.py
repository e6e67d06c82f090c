"""The speech process: owns Qt's text-to-speech engine and obeys the kiosk's commands.

Started by the kiosk as ``kiosk speech-helper`` after its first paint. Building the engine can
block for seconds (speech-dispatcher lists some 13,000 voices) or for ever (a stuck service);
here that only stalls this process, which the kiosk watches and replaces. It ends when its
standard input closes.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import Any, BinaryIO

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal, Slot
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.core import speech_protocol as proto

log = logging.getLogger("kiosk.speech")

_STATES = {
    QTextToSpeech.State.Speaking: proto.SPEAKING,
    QTextToSpeech.State.Synthesizing: proto.SPEAKING,
    QTextToSpeech.State.Paused: proto.PAUSED,
    QTextToSpeech.State.Ready: proto.READY,
    QTextToSpeech.State.Error: proto.ERROR,
}


class _Output:
    """Events to the kiosk, one line each, flushed at once."""

    def __init__(self) -> None:
        stream = getattr(sys.stdout, "buffer", None)
        self._stream: BinaryIO | None = stream
        self._lock = threading.Lock()

    def send(self, kind: str, **fields: Any) -> None:
        data = proto.encode(kind, **fields)
        with self._lock:
            if self._stream is not None:
                self._stream.write(data)
                self._stream.flush()
            else:  # a windowed build on Windows may have no sys.stdout object, but a pipe
                os.write(1, data)


class _Commands(QObject):
    """Reads standard input on a thread and hands each command to the Qt thread."""

    received = Signal(object)
    closed = Signal()

    def start(self) -> None:
        threading.Thread(target=self._read, name="speech-commands", daemon=True).start()

    def _read(self) -> None:
        for line in sys.stdin.buffer:
            try:
                self.received.emit(proto.decode(line))
            except proto.ProtocolError as exc:
                log.warning("ignored a command: %s", exc)
        self.closed.emit()
        # The kiosk has gone. If the engine is stuck in a call, the event loop never sees
        # that, so end the process from here after a moment's grace.
        threading.Timer(2.0, os._exit, (0,)).start()


class Speaker(QObject):
    def __init__(self, out: _Output) -> None:
        super().__init__()
        self._out = out
        self._tts: QTextToSpeech | None = None
        self._id = 0

    def open(self, engine: str, language: str) -> None:
        """Build the engine and pick a voice for ``language``; report ready or why not."""
        engines = QTextToSpeech.availableEngines()
        if engine and engine not in engines:
            reason = f"speech engine {engine!r} is not installed (have: {engines or 'none'})"
            self._out.send("unavailable", reason=reason, lasting=True)
            return
        if not engines:
            self._out.send(
                "unavailable", reason="no text-to-speech engine is installed", lasting=True
            )
            return
        tts = QTextToSpeech(engine, self) if engine else QTextToSpeech(self)
        if tts.state() == QTextToSpeech.State.Error:
            reason = f"speech engine {tts.engine()!r} failed: {tts.errorString()}"
            self._out.send("unavailable", reason=reason, lasting=False)
            return
        wanted = QLocale(language.replace("-", "_"))
        locales = [loc for loc in tts.availableLocales() if loc.language() == wanted.language()]
        locales.sort(key=lambda loc: loc.name() != wanted.name())  # the exact region first
        voices = []
        if locales:
            tts.setLocale(locales[0])
            voices = tts.availableVoices()
        if not voices:
            reason = f"engine {tts.engine()!r} has no voice for {language}"
            self._out.send("unavailable", reason=reason, lasting=True)
            return
        tts.setVoice(voices[0])
        tts.stateChanged.connect(self._state_changed)
        tts.sayingWord.connect(self._word)
        self._tts = tts
        self._out.send("ready", engine=tts.engine(), voice=tts.voice().name())

    @Slot(object)
    def command(self, message: proto.Message) -> None:
        tts = self._tts
        if tts is None:
            return
        if message.kind == "say":
            self._id = int(message.get("id", 0))
            tts.say(str(message.get("text", "")))
        elif message.kind == "stop":
            tts.stop()
            # An engine that was not speaking sends no state change: say it is ready.
            if tts.state() == QTextToSpeech.State.Ready:
                self._out.send("state", id=self._id, state=proto.READY)
        elif message.kind == "pause":
            tts.pause()
        elif message.kind == "resume":
            tts.resume()
        elif message.kind == "tune":
            tts.setRate(float(message.get("rate", 0.0)))
            tts.setVolume(float(message.get("volume", 1.0)))
            self._out.send("tuned", rate=tts.rate(), volume=tts.volume())

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        name = _STATES.get(state, proto.READY)
        extra = {"message": self._tts.errorString()} if name == proto.ERROR and self._tts else {}
        self._out.send("state", id=self._id, state=name, **extra)

    def _word(self, _word: str, _utterance: int, start: int, length: int) -> None:
        self._out.send("word", id=self._id, start=start, length=length)


def run(engine: str, language: str) -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    out = _Output()
    speaker = Speaker(out)
    commands = _Commands()
    commands.received.connect(speaker.command)
    commands.closed.connect(app.quit)
    commands.start()
    speaker.open(engine, language)
    code = app.exec()
    return code
