"""Read aloud with Qt's mock speech engine in the speech process: what is spoken, highlighting,
stopping, resetting."""

from __future__ import annotations

import logging
import re

from PySide6.QtGui import QTextCursor

from kiosk.core import speech_protocol as proto
from kiosk.core.session import Route, Session
from kiosk.core.settings import Settings
from tests.ui.helpers import left_click


def words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text)


def open_answer(window, library, index: int = 0):
    window.navigator.go(Route("answer", library.questions[index].id))
    return window.answer_screen


def test_listen_speaks_the_title_and_answer_and_nothing_else(qtbot, window, library) -> None:
    screen = open_answer(window, library)
    assert screen.listen_button.isVisible()
    assert screen.listen_button.height() >= 60
    spoken: list[str] = []
    left_click(qtbot, screen.listen_button)
    text = screen.spoken_text()
    window.speech.word.connect(lambda start, length: spoken.append(text[start : start + length]))
    assert screen.speech_bar.isVisible()
    qtbot.waitUntil(lambda: len(spoken) >= 12, timeout=5000)
    page = library.questions[0]
    assert text.startswith(page.title)
    assert text.endswith(screen.view.toPlainText())
    assert spoken[:12] == words(text)[:12]
    for control in ("Home", "Back", "Previous", "Listen", "Pause", "contrast"):
        assert control not in words(screen.view.toPlainText()) or control in page.body


def test_the_sentence_being_read_is_highlighted_and_kept_in_view(qtbot, window, library):
    screen = open_answer(window, library)
    left_click(qtbot, screen.listen_button)
    qtbot.waitUntil(lambda: screen.highlighted_text() != "", timeout=5000)
    first = screen.highlighted_text()
    assert first.split()[0] in screen.view.toPlainText().split()[0:3] or first in (
        screen.view.toPlainText()
    )
    qtbot.waitUntil(lambda: screen.highlighted_text() not in ("", first), timeout=15_000)
    second = screen.highlighted_text()
    assert second in screen.view.toPlainText()
    selection = screen.view.extraSelections()[0]
    rect = screen.view.cursorRect(QTextCursor(selection.cursor))
    assert screen.view.viewport().rect().intersects(rect), "the sentence is on screen"


def test_stop_and_navigation_stop_speech(qtbot, window, library) -> None:
    screen = open_answer(window, library)
    speech = window.speech
    left_click(qtbot, screen.listen_button)
    qtbot.waitUntil(lambda: speech.state == proto.SPEAKING, timeout=3000)
    left_click(qtbot, screen.speech_bar.stop)
    qtbot.waitUntil(lambda: speech.state == proto.READY, timeout=3000)
    assert not screen.speech_bar.isVisible()
    assert screen.listen_button.isVisible()
    assert screen.view.extraSelections() == []

    left_click(qtbot, screen.listen_button)
    qtbot.waitUntil(lambda: speech.state == proto.SPEAKING, timeout=3000)
    left_click(qtbot, screen.nav.next)
    qtbot.waitUntil(lambda: speech.state == proto.READY, timeout=3000)
    assert not window.speech.is_active()


def test_pause_and_resume(qtbot, window, library) -> None:
    screen = open_answer(window, library)
    speech = window.speech
    left_click(qtbot, screen.listen_button)
    qtbot.waitUntil(lambda: speech.state == proto.SPEAKING, timeout=3000)
    left_click(qtbot, screen.speech_bar.pause)
    qtbot.waitUntil(lambda: speech.state == proto.PAUSED, timeout=3000)
    assert "Resume" in screen.speech_bar.pause.text()
    left_click(qtbot, screen.speech_bar.pause)
    qtbot.waitUntil(lambda: speech.state == proto.SPEAKING, timeout=3000)


def test_rate_and_volume_change_and_return_to_default_for_the_next_patient(
    qtbot, window, library
) -> None:
    screen = open_answer(window, library)
    speech = window.speech
    default = (Session().speech_rate, Session().speech_volume)
    qtbot.waitUntil(lambda: speech.engine_tuning == default, timeout=3000)
    left_click(qtbot, screen.listen_button)
    left_click(qtbot, screen.speech_bar.faster)
    left_click(qtbot, screen.speech_bar.faster)
    left_click(qtbot, screen.speech_bar.quieter)
    # What the engine itself reports it now uses, in the speech process.
    qtbot.waitUntil(lambda: (tuned := speech.engine_tuning) is not None and tuned[0] > default[0])
    qtbot.waitUntil(lambda: (tuned := speech.engine_tuning) is not None and tuned[1] < default[1])
    assert speech.engine_tuning is not None
    assert window.session.speech_rate == speech.engine_tuning[0]
    window.reset_for_next_patient()
    assert not window.speech.is_active()
    qtbot.waitUntil(lambda: speech.engine_tuning == default, timeout=3000)


def test_no_engine_hides_listen_and_says_why(qtbot, make_window, library, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk"):
        window = make_window(settings=Settings(speech_engine="no-such-engine"))
        qtbot.waitUntil(lambda: "no-such-engine" in caplog.text, timeout=10_000)
    window.navigator.go(Route("answer", library.questions[0].id))
    assert not window.answer_screen.listen_button.isVisible()
    assert "read aloud is off" in caplog.text
    assert "not installed" in window.speech.reason


def test_speech_set_to_none_starts_no_engine(qtbot, make_window, library) -> None:
    window = make_window(settings=Settings(speech_engine="none"))
    qtbot.wait(300)
    window.navigator.go(Route("answer", library.questions[0].id))
    assert not window.answer_screen.listen_button.isVisible()
    assert not window.speech.available
    assert window.speech.reason == "read aloud is off"
