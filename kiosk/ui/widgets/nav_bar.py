"""The row of large navigation buttons along the foot of a screen."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.ui.widgets.buttons import touch_button as nav_button


class NavBar(QWidget):
    """Home and Back on the left; optional Previous and Next on the right."""

    def __init__(self, parent: QWidget | None = None, *, with_sequence: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.home = nav_button("⌂  Home", "HomeButton", "Home", self)
        self.back = nav_button("‹  Back", "BackButton", "Back", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 16)
        layout.setSpacing(16)
        layout.addWidget(self.home)
        layout.addWidget(self.back)
        layout.addStretch(1)
        self.previous: QPushButton | None = None
        self.next: QPushButton | None = None
        if with_sequence:
            self.previous = nav_button("‹  Previous", "PreviousButton", "Previous question", self)
            self.next = nav_button("Next  ›", "NextButton", "Next question", self)
            layout.addWidget(self.previous)
            layout.addWidget(self.next)
