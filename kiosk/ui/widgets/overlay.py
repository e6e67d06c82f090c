"""An overlay drawn inside the kiosk window: a dimmed backdrop and a centred card.

Pop-ups are never separate windows: a full-screen, locked-down kiosk must not open any.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QWidget

EDGE = 40  # space kept between the card and the window's edges


class Overlay(QWidget):
    def __init__(self, parent: QWidget, card_name: str = "PopupCard") -> None:
        super().__init__(parent)
        self.setObjectName("Scrim")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.hide()
        self.card = QFrame(self)
        self.card.setObjectName(card_name)
        parent.installEventFilter(self)

    def card_width(self, available: int) -> int:
        return min(available - 2 * EDGE, 900)

    def card_size(self, parent: QWidget) -> tuple[int, int]:
        """The card's width and height; the height follows its text at that width."""
        width = self.card_width(parent.width())
        height = min(self.card.layout().totalHeightForWidth(width), parent.height() - EDGE)
        return width, height

    def fit(self) -> None:
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        width, height = self.card_size(parent)
        self.card.setFixedSize(width, height)
        self.card.move((parent.width() - width) // 2, (parent.height() - height) // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.parentWidget()
            and event.type() == QEvent.Type.Resize
            and self.isVisible()
        ):
            self.fit()
        return False

    def changeEvent(self, event: QEvent) -> None:
        # Text size changes the style sheet: the card must grow with its text.
        if event.type() == QEvent.Type.StyleChange and self.isVisible():
            self.fit()
        super().changeEvent(event)
