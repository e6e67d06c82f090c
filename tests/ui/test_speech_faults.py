"""A speech process that hangs, never starts, never ends, ignores stop or dies: the patient keeps
their screen, Listen goes away while speech is broken and comes back once it works again, and the
reset for the next patient still happens."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import pytest

from kiosk.core import speech_protocol as proto
from kiosk.core.session import Route
from kiosk.core.settings import Settings
from kiosk.ui.speech import ReadAloud
from tests.ui.helpers import left_click

FAKE = Path(__file__).with_name("fake_speech_helper.py")
# Short limits so that each fault shows within a second or two.
QUICK = proto.Timeouts(ready=1.0, start=0.8, stop=0.8, retries=(0.5, 0.5))


def fake(mode: str, timeouts: proto.Timeouts = QUICK) -> ReadAloud:
    return ReadAloud("en-GB", "fake", command=[sys.executable, str(FAKE), mode], timeouts=timeouts)


@pytest.fixture
def kiosk_with(qtbot, make_window, library):
    def make(mode: str, timeouts: proto.Timeouts = QUICK):
        window = make_window(settings=Settings(speech_engine="fake"), speech=fake(mode, timeouts))
        if mode != "silent":
            qtbot.waitUntil(lambda: window.speech.available, timeout=5000)
        window.navigator.go(Route("answer", library.questions[0].id))
        return window

    return make


def test_a_speech_engine_that_never_answers_leaves_the_kiosk_working(
    qtbot, kiosk_with, library, caplog
) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk"):
        window = kiosk_with("silent")
        screen = window.answer_screen
        assert screen.isVisible()
        assert screen.title.text() == library.questions[0].title
        assert not screen.listen_button.isVisible()
        qtbot.waitUntil(lambda: "did not come up within 1 s" in caplog.text, timeout=5000)
    # Still a working kiosk: the patient can move on.
    left_click(qtbot, screen.nav.next)
    assert screen.title.text() == library.questions[1].title
    assert not screen.listen_button.isVisible()


def test_listen_comes_back_once_speech_works(qtbot, kiosk_with, caplog) -> None:
    window = kiosk_with("never-starts")
    screen = window.answer_screen
    assert screen.listen_button.isVisible()
    with caplog.at_level(logging.INFO, logger="kiosk"):
        left_click(qtbot, screen.listen_button)
        assert screen.speech_bar.isVisible()
        # The engine never starts: the patient gets the answer screen back without the bar.
        qtbot.waitUntil(lambda: not screen.speech_bar.isVisible(), timeout=3000)
        assert "did not start speaking" in caplog.text
        assert not screen.listen_button.isVisible()
        # The kiosk tries again in the background, and offers Listen when that works.
        qtbot.waitUntil(screen.listen_button.isVisible, timeout=5000)
    assert window.speech.available


def test_speech_that_never_ends_is_noticed(qtbot, kiosk_with, caplog) -> None:
    # A deadline from the text's length at the slowest rate: made tiny here.
    timeouts = proto.Timeouts(ready=1.0, start=0.5, stop=0.8, retries=(30.0,))
    window = kiosk_with("never-ends", timeouts)
    screen = window.answer_screen
    with caplog.at_level(logging.INFO, logger="kiosk"):
        left_click(qtbot, screen.listen_button)
        qtbot.waitUntil(lambda: window.speech.state == proto.SPEAKING, timeout=3000)
        deadline = timeouts.speaking_deadline(screen.spoken_text())
        assert deadline > 60, "a long answer gets minutes at the slowest rate"
        # Too long to wait for in a test: run the watchdog's check as its timer would.
        window.speech._watchdog.timeout.emit()
        assert "did not finish speaking" in caplog.text
    assert not screen.speech_bar.isVisible()
    assert not screen.listen_button.isVisible()


def test_stop_gives_the_screen_back_at_once_even_when_the_engine_ignores_it(
    qtbot, kiosk_with, caplog
) -> None:
    window = kiosk_with("ignores-stop")
    screen = window.answer_screen
    left_click(qtbot, screen.listen_button)
    qtbot.waitUntil(lambda: window.speech.state == proto.SPEAKING, timeout=3000)
    with caplog.at_level(logging.INFO, logger="kiosk"):
        started = time.monotonic()
        left_click(qtbot, screen.speech_bar.stop)
        assert time.monotonic() - started < 0.5
        assert not screen.speech_bar.isVisible()
        qtbot.waitUntil(lambda: "did not stop" in caplog.text, timeout=3000)
    assert not window.speech.available  # replaced: a stuck engine would also silence the next
    qtbot.waitUntil(lambda: window.speech.available, timeout=5000)


def test_the_reset_for_the_next_patient_works_while_speech_is_stuck(qtbot, kiosk_with) -> None:
    window = kiosk_with("ignores-stop")
    screen = window.answer_screen
    left_click(qtbot, screen.listen_button)
    qtbot.waitUntil(lambda: window.speech.state == proto.SPEAKING, timeout=3000)
    window.session.grow_text()
    window.session.high_contrast = True
    started = time.monotonic()
    window.reset_for_next_patient()
    assert time.monotonic() - started < 0.5
    assert window.attract.isVisible()
    assert (window.session.text_step, window.session.high_contrast) == (0, False)
    assert not window.speech.is_active()


def test_a_speech_process_that_dies_is_started_again(qtbot, kiosk_with, caplog) -> None:
    window = kiosk_with("exits")
    screen = window.answer_screen
    with caplog.at_level(logging.INFO, logger="kiosk"):
        left_click(qtbot, screen.listen_button)
        qtbot.waitUntil(lambda: "speech process ended (exit code 3)" in caplog.text, timeout=3000)
    assert not screen.speech_bar.isVisible()
    qtbot.waitUntil(screen.listen_button.isVisible, timeout=5000)
