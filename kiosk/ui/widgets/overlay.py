"""An overlay drawn inside the kiosk window: a dimmed backdrop and a centred card.

Pop-ups are never separate windows: a full-screen, locked-down kiosk must not open any.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QWidget

from kiosk.ui.widget_tree import layout_of, parent_of

EDGE = 40  # space kept between the card and the window's edges
WIDEN_STEP = 40  # px at a time, when a card's text is too tall for the screen


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
        """The card's width and height; the height follows its text at that width.

        On a short screen at a large text size the card grows wider, up to the window's width
        less the edges, until its text fits the height: no line of it is cut off.
        """
        layout = layout_of(self.card)
        room = parent.height() - EDGE
        widest = max(self.card_width(parent.width()), parent.width() - 2 * EDGE)
        width = self.card_width(parent.width())
        while layout.totalHeightForWidth(width) > room and width < widest:
            width = min(widest, width + WIDEN_STEP)
        return width, min(layout.totalHeightForWidth(width), room)

    def fit(self) -> None:
        parent = parent_of(self)
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
