"""The hidden way in for staff: hold a finger on the window's top-left corner."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QTimer, Signal
from PySide6.QtGui import QEventPoint, QMouseEvent, QTouchEvent, QWindow
from PySide6.QtWidgets import QWidget

CORNER_PX = 120  # logical px: hard to hit by chance, easy to find when you know it is there
HOLD_MS = 3000

_PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
_MOVE = {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}
_END = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
_WATCHED = _PRESS | _MOVE | _END


class CornerHold(QObject):
    """Install on the QApplication; emits ``triggered`` after a still hold in ``window``'s corner.

    It watches the whole application because a press in the corner lands on whatever child
    widget is there (the header, a button), and touches first arrive at the ``QWindow``.
    The same touch is seen several times on its way (window, synthesised mouse event,
    propagation to parents), so every handler below is idempotent.
    """

    triggered = Signal()

    def __init__(self, window: QWidget, hold_ms: int = HOLD_MS) -> None:
        super().__init__(window)
        self._window = window
        self._corner = QRect(0, 0, CORNER_PX, CORNER_PX)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.triggered)

    @property
    def hold_ms(self) -> int:
        return self._timer.interval()

    def is_holding(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED or not self._is_ours(watched):
            return False
        if kind in _END or not self._in_corner(event):
            self._timer.stop()
        elif kind in _PRESS and not self._timer.isActive():
            self._timer.start()
        return False  # staff hold never steals a patient's touch

    def _is_ours(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched.window() is self._window
        if isinstance(watched, QWindow):
            return watched is self._window.windowHandle()
        return False

    def _in_corner(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent):
            points = [
                p.globalPosition()
                for p in event.points()
                if p.state() != QEventPoint.State.Released
            ]
        elif isinstance(event, QMouseEvent):
            points = [event.globalPosition()]
        else:
            return False
        return any(self._contains(p) for p in points)

    def _contains(self, global_pos: QPointF) -> bool:
        return self._corner.contains(self._window.mapFromGlobal(global_pos.toPoint()))
