"""The "Are you still reading?" question, with its countdown and one very large answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.overlay import Overlay


class IdleOverlay(Overlay):
    stillReading = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.card.setAccessibleName("Are you still reading?")
        self.question = QLabel("Are you still reading?", self.card)
        self.question.setObjectName("PopupTitle")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setWordWrap(True)
        self.seconds = QLabel(self.card)
        self.seconds.setObjectName("CountdownNumber")
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain = QLabel(self.card)
        self.explain.setObjectName("PopupText")
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain.setWordWrap(True)
        self.button = touch_button("I'm still reading", "StillReading", "I'm still reading", self)
        self.button.setParent(self.card)
        self.button.setAccessibleDescription("Keep the page open for more time")
        self.button.clicked.connect(self.stillReading)

        layout = QVBoxLayout(self.card)
        # Margins and gaps kept small enough that the whole card, its 144 px countdown and its
        # very large button fit a 768 px tall screen at the largest text size.
        layout.setContentsMargins(40, 28, 40, 28)
        layout.setSpacing(12)
        layout.addWidget(self.question)
        layout.addWidget(self.seconds)
        layout.addWidget(self.explain)
        layout.addWidget(self.button)

    def show_countdown(self, seconds: int) -> None:
        self.seconds.setText(str(seconds))
        unit = "second" if seconds == 1 else "seconds"
        self.explain.setText(
            f"To keep your privacy, the kiosk will start again for the next person "
            f"in {seconds} {unit}."
        )
        self.seconds.setAccessibleName(f"{seconds} {unit} left")
        if not self.isVisible():
            self.show()
            self.raise_()
            self.button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.fit()
