"""Simulated patient visits through the real window, shared by the usage statistics tests."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.core.session import HOME
from kiosk.core.settings import Settings
from kiosk.core.stats import Store
from kiosk.ui.usage import UsageRecorder
from tests.ui.fakes import FakeClock
from tests.ui.helpers import left_click

IDLE, WARNING = 60, 25
TODAY = date(2025, 3, 9)
START = datetime(2025, 3, 9, 10, 0)  # the store's wall clock: a Sunday morning


def kiosk_with(make_window, clock: FakeClock, store: Store, **kwargs):
    """A kiosk window on its attract screen, counting into ``store``."""
    win = make_window(settings=Settings(idle_seconds=IDLE, warning_seconds=WARNING), clock=clock)
    win.clock = clock
    win.usage = UsageRecorder(win, store, **kwargs)
    win.show_attract()
    return win


def wake(qtbot, kiosk) -> None:
    left_click(qtbot, kiosk.attract)
    assert kiosk.navigator.current == HOME


def walk_away(kiosk) -> None:
    kiosk.clock.advance(IDLE + WARNING)
    kiosk.idle.check()  # the warning
    kiosk.idle.check()  # nobody answered: reset
    assert kiosk.attract.isVisible()


def first_visit(qtbot, kiosk) -> None:
    """Reads two answers and the glossary over 80 seconds, then leaves."""
    wake(qtbot, kiosk)
    kiosk.clock.advance(20)
    left_click(qtbot, kiosk.home_screen.question_tiles[0])
    kiosk.clock.advance(30)
    left_click(qtbot, kiosk.answer_screen.nav.next)
    kiosk.clock.advance(30)
    left_click(qtbot, kiosk.answer_screen.nav.home)
    words = kiosk.home_screen.info_tiles[-1]
    assert words.text() == "Words explained"
    left_click(qtbot, words)
    walk_away(kiosk)


def second_visit(qtbot, kiosk) -> None:
    """Reads the first answer, larger and in high contrast, and leaves at once."""
    wake(qtbot, kiosk)
    left_click(qtbot, kiosk.home_screen.question_tiles[0])
    left_click(qtbot, kiosk.header.larger)  # the page is drawn again: not another view
    left_click(qtbot, kiosk.header.contrast)
    walk_away(kiosk)
