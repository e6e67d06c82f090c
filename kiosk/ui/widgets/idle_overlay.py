"""The "Are you still reading?" question, with its countdown and one very large answer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import touch_button


class IdleOverlay(QWidget):
    stillReading = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Scrim")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.hide()
        self.card = QFrame(self)
        self.card.setObjectName("PopupCard")
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
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(20)
        layout.addWidget(self.question)
        layout.addWidget(self.seconds)
        layout.addWidget(self.explain)
        layout.addWidget(self.button)
        parent.installEventFilter(self)

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
        self._fit()

    def _fit(self) -> None:
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        width = min(parent.width() - 80, 900)
        self.card.setFixedWidth(width)
        height = min(self.card.layout().totalHeightForWidth(width), parent.height() - 40)
        self.card.setFixedHeight(height)
        self.card.move((parent.width() - width) // 2, (parent.height() - height) // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.parentWidget()
            and event.type() == QEvent.Type.Resize
            and self.isVisible()
        ):
            self._fit()
        return False
