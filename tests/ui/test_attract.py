"""The attract screen: the first touch opens Home and presses nothing else."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from kiosk.core.session import HOME
from kiosk.ui.screens import attract
from tests.ui.helpers import left_click


def test_first_touch_goes_home_and_taps_nothing_else(qtbot, window) -> None:
    window.show_attract()
    assert window.attract.isVisible()
    assert window.attract.geometry() == window.rect(), "it covers the whole window"
    tile = window.home_screen.question_tiles[0]
    under_finger = tile.mapTo(window, QPoint(tile.width() // 2, tile.height() // 2))
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton, pos=under_finger)
    assert not window.attract.isVisible()
    assert window.navigator.current == HOME
    qtbot.wait(50)
    assert window.navigator.current == HOME, "the tile under the finger must not open"


def test_a_key_also_wakes_it(qtbot, window) -> None:
    window.show_attract()
    qtbot.keyClick(window.attract, Qt.Key.Key_Space)
    assert not window.attract.isVisible()
    assert window.navigator.current == HOME


def test_it_says_what_to_do_in_large_text(window) -> None:
    window.show_attract()
    titles = [c for c in window.attract.block.children() if hasattr(c, "text")]
    heading = titles[0]
    assert heading.text().startswith("Touch the screen to read about prolotherapy")
    assert heading.font().pixelSize() >= 48


def test_it_drifts_to_avoid_burn_in_without_moving_for_long(qtbot, window) -> None:
    assert 2 * attract.FADE_MS < 5000, "each move must finish within 5 seconds (WCAG 2.2.2)"
    assert attract.DRIFT_INTERVAL_MS >= 10_000, "and then stay still"
    window.show_attract()
    start = window.attract.block.pos()
    window.attract._drift.timeout.emit()
    qtbot.waitUntil(lambda: window.attract.block.pos() != start, timeout=3000)
    qtbot.waitUntil(lambda: window.attract._opacity.opacity() == 1.0, timeout=3000)
    block = window.attract.block.geometry()
    assert window.attract.rect().contains(block), "the text stays on screen"


def test_text_size_buttons_are_covered_while_it_shows(qtbot, window) -> None:
    window.show_attract()
    point = window.header.larger.mapTo(window, QPoint(5, 5))
    assert window.childAt(point) in (window.attract, *window.attract.findChildren(object))
    left_click(qtbot, window.attract, point)
    assert window.session.text_percent == 100
