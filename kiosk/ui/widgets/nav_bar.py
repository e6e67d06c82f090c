"""The row of large navigation buttons along the foot of a screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QSpacerItem, QWidget

from kiosk.ui.widgets.buttons import touch_button as nav_button
from kiosk.ui.widgets.wrap_layout import WrapLayout


class NavBar(QWidget):
    """Home and Back on the left; optional Previous and Next on the right."""

    def __init__(self, parent: QWidget | None = None, *, with_sequence: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.home = nav_button("⌂  Home", "HomeButton", "Home", self)
        self.back = nav_button("‹  Back", "BackButton", "Back", self)
        # Home and Back stay together, and so do Previous and Next; on a narrow screen at large
        # text the second pair moves to a row of its own, on the right.
        layout = WrapLayout(self, spacing=8, row_spacing=12, align=Qt.AlignmentFlag.AlignRight)
        layout.setContentsMargins(24, 12, 24, 16)
        layout.add(_pair(self.home, self.back))
        layout.add(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding))
        self.previous: QPushButton | None = None
        self.next: QPushButton | None = None
        if with_sequence:
            self.previous = nav_button("‹  Previous", "PreviousButton", "Previous question", self)
            self.next = nav_button("Next  ›", "NextButton", "Next question", self)
            layout.add(_pair(self.previous, self.next))


def _pair(first: QPushButton, second: QPushButton) -> QHBoxLayout:
    pair = QHBoxLayout()
    pair.setSpacing(12)
    pair.addWidget(first)
    pair.addWidget(second)
    return pair
