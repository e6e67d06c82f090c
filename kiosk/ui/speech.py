"""Read aloud: speaks an answer with Qt's text-to-speech and says which sentence is being read."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

RATE_STEP = 0.25
VOLUME_STEP = 0.1
MIN_VOLUME = 0.2  # never so quiet that a patient thinks it is broken
SENTENCE_END = re.compile(r"[.!?:]\s|\n")


def _locale_name(language: str) -> str:
    return language.replace("-", "_")


class ReadAloud(QObject):
    """One speaker for the whole kiosk. ``available`` is False (and ``reason`` says why) when
    there is no engine or no voice for the content's language: then nothing offers speech."""

    speaking = Signal(bool)  # True while speaking or paused, False when stopped or done
    paused = Signal(bool)
    sentence = Signal(int, int)  # start and end offsets, in the text given to speak()

    def __init__(self, language: str, engine: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = False
        self.reason = ""
        self._text = ""
        self._active = False
        self._tts: QTextToSpeech | None = None
        engines = QTextToSpeech.availableEngines()
        if engine and engine not in engines:
            self.reason = f"speech engine {engine!r} is not installed (have: {engines or 'none'})"
            return
        if not engines:
            self.reason = "no text-to-speech engine is installed"
            return
        tts = QTextToSpeech(engine, self) if engine else QTextToSpeech(self)
        if tts.state() == QTextToSpeech.State.Error:
            self.reason = f"speech engine {tts.engine()!r} failed: {tts.errorString()}"
            return
        wanted = QLocale(_locale_name(language))
        locales = [loc for loc in tts.availableLocales() if loc.language() == wanted.language()]
        locales.sort(key=lambda loc: loc.name() != wanted.name())  # the exact region first
        if not locales:
            self.reason = f"engine {tts.engine()!r} has no voice for {language}"
            return
        tts.setLocale(locales[0])
        voices = tts.availableVoices()
        if not voices:
            self.reason = f"engine {tts.engine()!r} has no voice for {language}"
            return
        tts.setVoice(voices[0])
        tts.stateChanged.connect(self._state_changed)
        tts.sayingWord.connect(self._word)
        self._tts = tts
        self.available = True
        self.reason = f"engine {tts.engine()!r}, voice {tts.voice().name()!r}"

    @property
    def engine(self) -> QTextToSpeech | None:
        return self._tts

    def set_rate_and_volume(self, rate: float, volume: float) -> None:
        if self._tts is not None:
            self._tts.setRate(max(-1.0, min(1.0, rate)))
            self._tts.setVolume(max(MIN_VOLUME, min(1.0, volume)))

    def speak(self, text: str) -> None:
        if self._tts is None:
            return
        self.stop()
        self._text = text
        self._active = True
        self.speaking.emit(True)
        self._tts.say(text)

    def toggle_pause(self) -> None:
        if self._tts is None or not self._active:
            return
        if self._tts.state() == QTextToSpeech.State.Paused:
            self._tts.resume()
        else:
            self._tts.pause()

    def stop(self) -> None:
        if self._tts is not None and self._active:
            self._active = False
            self._tts.stop()
            self.speaking.emit(False)

    def is_active(self) -> bool:
        return self._active

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        self.paused.emit(state == QTextToSpeech.State.Paused)
        if state == QTextToSpeech.State.Ready and self._active:
            self._active = False
            self.speaking.emit(False)
        elif state == QTextToSpeech.State.Error:
            log.warning("read aloud stopped: %s", self._tts.errorString() if self._tts else "")
            self._active = False
            self.speaking.emit(False)

    def _word(self, _word: str, _id: int, start: int, length: int) -> None:
        begin, end = sentence_around(self._text, start, length)
        self.sentence.emit(begin, end)


def sentence_around(text: str, start: int, length: int) -> tuple[int, int]:
    """The sentence of ``text`` that holds the word at ``start``: (begin, end) offsets."""
    begin = 0
    for match in SENTENCE_END.finditer(text, 0, max(0, start)):
        begin = match.end()
    after = SENTENCE_END.search(text, start + max(length, 0))
    end = after.start() + 1 if after else len(text)
    return begin, min(end, len(text))
