"""Swiping scrolls (Qt needs QScroller for it); a swipe that starts on a tile opens nothing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from kiosk.core.session import HOME, Route


def swipe_up(qtbot, target: QWidget, start: QPoint, distance: int) -> None:
    """Press, drag upwards in small steps as a finger does, and let go."""
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=start)
    steps = 12
    for i in range(1, steps + 1):
        qtbot.wait(16)
        qtbot.mouseMove(target, QPoint(start.x(), start.y() - distance * i // steps))
    qtbot.mouseRelease(
        target, Qt.MouseButton.LeftButton, pos=QPoint(start.x(), start.y() - distance)
    )


def test_swipe_scrolls_the_answer(qtbot, window, library) -> None:
    window.navigator.go(Route("answer", library.questions[2].id))
    view = window.answer_screen.view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    viewport = view.viewport()
    swipe_up(qtbot, viewport, QPoint(viewport.width() // 2, viewport.height() - 40), 300)
    qtbot.waitUntil(lambda: bar.value() > 100, timeout=3000)
    assert window.navigator.current == Route("answer", library.questions[2].id)


def test_swipe_on_a_tile_scrolls_home_and_opens_nothing(qtbot, window) -> None:
    for _ in range(4):
        window.session.grow_text()
    window.start_session(window.session)  # apply the largest text so Home needs scrolling
    qtbot.wait(50)  # let the one-column layout settle
    bar = window.home_screen.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    tile = window.home_screen.question_tiles[1]
    visible = tile.visibleRegion().boundingRect()
    assert visible.height() > 100, "the second tile should be on screen"
    start = QPoint(visible.center().x(), visible.bottom() - 20)
    swipe_up(qtbot, tile, start, 300)
    qtbot.waitUntil(lambda: bar.value() > 100, timeout=3000)
    qtbot.wait(300)
    assert window.navigator.current == HOME
