"""A large pop-up that explains one glossary word, drawn inside the kiosk window (no new window)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.overlay import Overlay


class DefinitionPopup(Overlay):
    """Covers its parent with a dimmed backdrop and shows a card with the definition."""

    closed = Signal()
    termActivated = Signal(str)  # a glossary word inside a definition

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.card.setAccessibleName("Word explained")
        self.title = QLabel(self.card)
        self.title.setObjectName("PopupTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.text = QLabel(self.card)
        self.text.setObjectName("PopupText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setOpenExternalLinks(False)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.text.linkActivated.connect(self._on_link)
        self.close_button = touch_button("Close", "PopupClose", "Close the explanation", self.card)
        self.close_button.clicked.connect(self.dismiss)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(20)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)

    @property
    def term(self) -> str:
        return self.title.text() if self.isVisible() else ""

    def show_definition(self, term: str, html: str) -> None:
        self.title.setText(term)
        self.text.setText(html)
        self.card.setAccessibleDescription(f"Explanation of {term}")
        self.show()
        self.fit()
        self.raise_()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _on_link(self, link: str) -> None:
        if link.startswith("glossary:"):
            self.termActivated.emit(link.removeprefix("glossary:"))

    def card_width(self, available: int) -> int:
        return min(available - 80, max(720, available * 2 // 3))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A touch on the dimmed backdrop, outside the card, closes the pop-up.
        if not self.card.geometry().contains(event.position().toPoint()):
            self.dismiss()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)
