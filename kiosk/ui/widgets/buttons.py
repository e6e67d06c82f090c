"""Push buttons for touch: large, named for screen readers, focusable by keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget


def touch_button(text: str, name: str, accessible: str, parent: QWidget) -> QPushButton:
    """A button that Tab reaches but a touch does not focus.

    A touch that left the focus ring on the last button pressed would look like a stuck
    highlight to the next patient; keyboard users still see the ring as they move.
    """
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setAutoDefault(False)
    return button
