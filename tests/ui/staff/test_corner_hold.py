"""The hidden staff gesture: a still hold on the window's top-left corner."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.staff.corner_hold import CORNER_PX, HOLD_MS, CornerHold
from tests.ui.staff import kiosk_sized_window, style_application

SHORT_MS = 300
CORNER = QPoint(40, 40)
LEFT = Qt.MouseButton.LeftButton


class TouchArea(QWidget):
    """A widget that takes touches itself, so Qt makes no mouse events from them."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.touches = 0

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            self.touches += 1
            event.accept()
            return True
        return super().event(event)


@pytest.fixture(autouse=True)
def _styled(qapp) -> None:
    style_application(qapp)


@pytest.fixture
def window(qtbot) -> QWidget:
    window = kiosk_sized_window(qtbot)
    # The corner is never empty in the kiosk (the header is there): press on a child.
    window.corner_button = QPushButton("Title", window)
    window.corner_button.setGeometry(0, 0, 400, 90)
    window.corner_button.show()
    return window


@pytest.fixture
def install(qapp, window) -> Iterator:
    holds: list[CornerHold] = []

    def _install(hold_ms: int = SHORT_MS) -> CornerHold:
        hold = CornerHold(window, hold_ms) if hold_ms != HOLD_MS else CornerHold(window)
        qapp.installEventFilter(hold)
        holds.append(hold)
        return hold

    yield _install
    for hold in holds:
        qapp.removeEventFilter(hold)


@pytest.fixture
def touch():
    return QTest.createTouchDevice()


def test_a_mouse_hold_in_the_corner_triggers(qtbot, window, install) -> None:
    hold = install()
    fired: list[bool] = []
    hold.triggered.connect(lambda: fired.append(True))
    qtbot.mousePress(window.corner_button, LEFT, pos=CORNER)
    assert hold.is_holding()
    assert not fired  # not at once: only after the hold time
    with qtbot.waitSignal(hold.triggered, timeout=SHORT_MS + 1000):
        pass
    qtbot.mouseRelease(window.corner_button, LEFT, pos=CORNER)
    assert len(fired) == 1


def test_a_finger_held_in_the_corner_triggers(qtbot, window, install, touch) -> None:
    hold = install()
    with qtbot.waitSignal(hold.triggered, timeout=SHORT_MS + 1000):
        QTest.touchEvent(window, touch).press(0, CORNER).commit()
    QTest.touchEvent(window, touch).release(0, CORNER).commit()


def test_touch_events_count_without_mouse_events(qtbot, window, install, touch) -> None:
    area = TouchArea(window)
    area.setGeometry(0, 0, 200, 200)
    area.show()
    hold = install()
    with qtbot.waitSignal(hold.triggered, timeout=SHORT_MS + 1000):
        QTest.touchEvent(window, touch).press(0, CORNER).commit()
    with qtbot.assertNotEmitted(hold.triggered, wait=SHORT_MS + 200):
        QTest.touchEvent(window, touch).release(0, CORNER).commit()
        QTest.touchEvent(window, touch).press(0, CORNER).commit()
        QTest.touchEvent(window, touch).move(0, QPoint(150, 150)).commit()  # out of the corner
    QTest.touchEvent(window, touch).release(0, QPoint(150, 150)).commit()
    assert area.touches >= 4  # the touches went to the widget, untouched by the filter


def test_letting_go_early_cancels(qtbot, window, install, touch) -> None:
    hold = install()
    with qtbot.assertNotEmitted(hold.triggered, wait=SHORT_MS + 200):
        qtbot.mousePress(window.corner_button, LEFT, pos=CORNER)
        qtbot.wait(SHORT_MS // 3)
        qtbot.mouseRelease(window.corner_button, LEFT, pos=CORNER)
    with qtbot.assertNotEmitted(hold.triggered, wait=SHORT_MS + 200):
        QTest.touchEvent(window, touch).press(0, CORNER).commit()
        qtbot.wait(SHORT_MS // 3)
        QTest.touchEvent(window, touch).release(0, CORNER).commit()


@pytest.mark.parametrize("where", [QPoint(CORNER_PX + 10, 40), QPoint(40, CORNER_PX + 10)])
def test_a_hold_outside_the_corner_does_nothing(qtbot, window, install, touch, where) -> None:
    hold = install()
    with qtbot.assertNotEmitted(hold.triggered, wait=SHORT_MS + 200):
        qtbot.mousePress(window, LEFT, pos=where)
        QTest.touchEvent(window, touch).press(1, where).commit()
    qtbot.mouseRelease(window, LEFT, pos=where)
    QTest.touchEvent(window, touch).release(1, where).commit()


def test_sliding_out_of_the_corner_cancels(qtbot, window, install, touch) -> None:
    hold = install()
    away = QPoint(300, 300)
    with qtbot.assertNotEmitted(hold.triggered, wait=SHORT_MS + 200):
        qtbot.mousePress(window.corner_button, LEFT, pos=CORNER)
        qtbot.mouseMove(window, away)
    qtbot.mouseRelease(window, LEFT, pos=away)
    with qtbot.assertNotEmitted(hold.triggered, wait=SHORT_MS + 200):
        QTest.touchEvent(window, touch).press(0, CORNER).commit()
        QTest.touchEvent(window, touch).move(0, away).commit()
    QTest.touchEvent(window, touch).release(0, away).commit()


def test_the_touch_still_reaches_what_is_in_the_corner(qtbot, window, install) -> None:
    install()
    with qtbot.waitSignal(window.corner_button.clicked, timeout=1000):
        qtbot.mouseClick(window.corner_button, LEFT, pos=CORNER)


def test_other_windows_are_ignored(qtbot, install) -> None:
    hold = install()
    other = QWidget()
    qtbot.addWidget(other)
    other.resize(400, 400)
    other.show()
    qtbot.waitExposed(other)
    with qtbot.assertNotEmitted(hold.triggered, wait=SHORT_MS + 200):
        qtbot.mousePress(other, LEFT, pos=CORNER)
    qtbot.mouseRelease(other, LEFT, pos=CORNER)


@pytest.mark.slow
def test_the_default_hold_is_three_real_seconds(qtbot, window, install) -> None:
    hold = install(HOLD_MS)
    assert hold.hold_ms == 3000
    with qtbot.assertNotEmitted(hold.triggered, wait=2700):
        qtbot.mousePress(window.corner_button, LEFT, pos=CORNER)
    with qtbot.waitSignal(hold.triggered, timeout=1500):
        pass
    qtbot.mouseRelease(window.corner_button, LEFT, pos=CORNER)
