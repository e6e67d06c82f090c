"""A large pop-up that explains one glossary word, drawn inside the kiosk window (no new window)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.definition_text import DefinitionText
from kiosk.ui.widgets.overlay import Overlay


class DefinitionPopup(Overlay):
    """Covers its parent with a dimmed backdrop and shows a card with the definition."""

    closed = Signal()
    termActivated = Signal(str)  # a glossary word inside a definition

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.card.setAccessibleName("Word explained")
        self._return_focus: QWidget | None = None
        self.title = QLabel(self.card)
        self.title.setObjectName("PopupTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.text = DefinitionText(self.card)
        self.text.termActivated.connect(self.termActivated)
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
        # The card is named with the word: as the focus enters it, a screen reader says the
        # word, then the explanation (the card's other text), then the Close button.
        self.card.setAccessibleName(term)
        self.text.setAccessibleName(term)
        self.card.setAccessibleDescription(f"Explanation of {term}")
        # Read after the button's name: the focus is on Close, and the words are a text, not a
        # label, so the card's own announcement does not include them.
        self.close_button.setAccessibleDescription(self.text.text())
        if not self.isVisible():
            focused = QApplication.focusWidget()
            self._return_focus = focused if focused is not None and focused is not self else None
        self.show()
        self.fit()
        self.raise_()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            # Back where the patient was (the word in the answer, for a keyboard user).
            back, self._return_focus = self._return_focus, None
            if back is not None and shiboken6.isValid(back) and back.isVisible():
                back.setFocus(Qt.FocusReason.OtherFocusReason)
            self.closed.emit()

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
