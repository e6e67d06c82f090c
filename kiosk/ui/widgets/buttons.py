"""Push buttons for touch: large, named for screen readers, focusable by keyboard only."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget

ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
STYLE_SHEET_MIN_WIDTH = "_q_stylesheet_minw"  # Qt's mark on a minimum width it set from a sheet


def press_on_enter(button: QAbstractButton, event: QKeyEvent) -> bool:
    """Enter and Return press a focused button, as Space does (keyboard users expect both)."""
    if event.key() in ACTIVATE_KEYS and not event.isAutoRepeat() and button.isEnabled():
        button.click()
        return True
    return False


class KioskButton(QPushButton):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not press_on_enter(self, event):
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # The style sheet's min-width becomes a hard minimum for layouts, below the width of
        # the text: a crowded row squeezed "Search" to "earcl". Without it a layout gives the
        # button at least its size hint, which holds the whole text (and the style sheet's
        # min-width still counts there).
        restyled = event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange)
        if restyled and self.property(STYLE_SHEET_MIN_WIDTH) and self.minimumWidth():
            self.setMinimumWidth(0)
        return handled


def touch_button(text: str, name: str, accessible: str, parent: QWidget) -> QPushButton:
    """A button that Tab reaches but a touch does not focus.

    A touch that left the focus ring on the last button pressed would look like a stuck
    highlight to the next patient; keyboard users still see the ring as they move.
    """
    button = KioskButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setAutoDefault(False)
    return button
