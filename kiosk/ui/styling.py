"""The kiosk's style sheet, given to each part of the window when that part is on screen.

Setting a style sheet re-polishes every widget under the one it is set on. Set on the whole
window, each press of A+ or A- cost 60-80 ms, most of it spent on screens nobody could see
(the on-screen keyboard alone has 40 keys). Each part (the header, every screen in the stack,
every overlay) gets the sheet instead: at once if it is showing, the others one at a time
while the kiosk is idle, and any still waiting as it is shown.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QStackedWidget, QWidget

IDLE_STEP_MS = 0  # one part per pass of the event loop: a tap waits for one part at most


class PartStyler(QObject):
    def __init__(self, window: QWidget, stack: QStackedWidget) -> None:
        super().__init__(window)
        self._window = window
        self._stack = stack
        self.sheet = ""
        self._waiting: list[QWidget] = []
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_STEP_MS)
        self._idle.timeout.connect(self._style_next)
        stack.installEventFilter(self)  # screens added later (staff screens) are parts too
        window.installEventFilter(self)  # and so are overlays added later (the PIN pad)

    def parts(self) -> list[QWidget]:
        """The window's own children apart from the stack, and the stack's screens."""
        found = [
            child
            for child in self._window.children()
            if isinstance(child, QWidget) and child is not self._stack
        ]
        screens = (self._stack.widget(i) for i in range(self._stack.count()))
        return found + [screen for screen in screens if screen is not None]

    def set_sheet(self, sheet: str) -> None:
        """Restyle the parts on screen now; the others when they are next shown."""
        if sheet == self.sheet:
            return
        self.sheet = sheet
        self._waiting = []
        for part in self.parts():
            part.installEventFilter(self)  # once only, however often it is installed
            if part.isVisible():
                self._style(part)
            else:
                self._waiting.append(part)
        if self._waiting:
            self._idle.start()

    def _style_next(self) -> None:
        if self._waiting:
            part = self._waiting.pop(0)
            if shiboken6.isValid(part):  # a screen replaced by a content reload is gone
                self._style(part)
        if self._waiting:
            self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched not in (self._stack, self._window)
        ):
            # Before its first paint: the layout and paint this show starts use the new sheet.
            self._style(watched)
        elif (kind == QEvent.Type.ChildAdded and watched is self._stack) or (
            kind == QEvent.Type.ChildPolished and watched is self._window
        ):
            # A child made with the window as its parent is not yet a whole object when its
            # ChildAdded comes (and must not be touched from Python then); it is once it is
            # polished, which is before it first shows.
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget) and child is not self._stack:
                child.installEventFilter(self)
        return False

    def _style(self, part: QWidget) -> None:
        if part.styleSheet() != self.sheet:
            part.setStyleSheet(self.sheet)
