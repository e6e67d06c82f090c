"""The idle warning, "I'm still reading", and a reset that leaves nothing of the last patient."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtGui import QPalette

from bench.patient_robot import link_positions
from kiosk.core.session import HOME, Route, Session
from kiosk.core.settings import Settings
from tests.ui.fakes import FakeClock
from tests.ui.helpers import left_click

IDLE, WARNING = 60, 25


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def kiosk(make_window, clock):
    win = make_window(settings=Settings(idle_seconds=IDLE, warning_seconds=WARNING), clock=clock)
    win.wake()
    return win


def test_warning_appears_after_the_idle_time_with_a_countdown(kiosk, clock) -> None:
    clock.advance(IDLE - 1)
    kiosk.idle.check()
    assert not kiosk.idle_overlay.isVisible()
    clock.advance(1)
    kiosk.idle.check()
    assert kiosk.idle_overlay.isVisible()
    assert kiosk.idle_overlay.question.text() == "Are you still reading?"
    assert kiosk.idle_overlay.seconds.text() == str(WARNING)
    clock.advance(10)
    kiosk.idle.check()
    assert kiosk.idle_overlay.seconds.text() == str(WARNING - 10)
    assert f"in {WARNING - 10} seconds" in kiosk.idle_overlay.explain.text()


def test_still_reading_extends_as_often_as_wanted(qtbot, kiosk, clock, library) -> None:
    left_click(qtbot, kiosk.home_screen.question_tiles[1])
    for _ in range(5):
        clock.advance(IDLE + WARNING - 1)
        kiosk.idle.check()
        assert kiosk.idle_overlay.isVisible()
        assert kiosk.idle_overlay.button.height() >= 120
        left_click(qtbot, kiosk.idle_overlay.button)
        assert not kiosk.idle_overlay.isVisible()
        kiosk.idle.check()
    assert kiosk.navigator.current == Route("answer", library.questions[1].id)
    assert not kiosk.attract.isVisible()


def test_reset_leaves_a_session_equal_to_a_fresh_one(qtbot, kiosk, clock, qapp, library) -> None:
    standard_window = qapp.palette().color(QPalette.ColorRole.Window).name()
    # A patient changes everything they can.
    left_click(qtbot, kiosk.header.larger)
    left_click(qtbot, kiosk.header.larger)
    left_click(qtbot, kiosk.header.contrast)
    left_click(qtbot, kiosk.home_screen.question_tiles[2])
    bar = kiosk.answer_screen.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    left_click(qtbot, kiosk.answer_screen.nav.next)
    left_click(qtbot, kiosk.answer_screen.nav.back)
    anchor = link_positions(kiosk.answer_screen.view, "glossary:")[0][0]
    kiosk.show_definition(anchor.removeprefix("glossary:"))
    kiosk.session.search_text = "collagen"
    before = kiosk.session
    assert before != Session()

    clock.advance(IDLE + WARNING)
    kiosk.idle.check()  # warning
    kiosk.idle.check()  # expired

    fresh = Session()
    assert kiosk.session is not before
    for field in dataclasses.fields(Session):
        assert getattr(kiosk.session, field.name) == getattr(fresh, field.name), field.name
    assert kiosk.session == fresh
    assert kiosk.attract.isVisible()
    assert not kiosk.popup.isVisible()
    assert not kiosk.idle_overlay.isVisible()
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == standard_window
    assert kiosk.header.size_label.text().endswith("100%")
    # The next patient starts at Home at the top, with nothing left open.
    left_click(qtbot, kiosk.attract)
    assert kiosk.navigator.current == HOME
    assert kiosk.home_screen.scroll_area.verticalScrollBar().value() == 0
    left_click(qtbot, kiosk.home_screen.question_tiles[2])
    assert kiosk.answer_screen.view.verticalScrollBar().value() == 0


def test_no_reset_while_the_attract_screen_shows(kiosk, clock) -> None:
    kiosk.show_attract()
    clock.advance(10 * (IDLE + WARNING))
    kiosk.idle.check()
    assert kiosk.attract.isVisible()
    assert not kiosk.idle_overlay.isVisible()


def test_the_real_ticker_drives_the_warning(qtbot, kiosk, clock) -> None:
    clock.advance(IDLE + 1)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=2000)
    clock.advance(WARNING)
    qtbot.waitUntil(kiosk.attract.isVisible, timeout=2000)
