"""A large pop-up that explains one glossary word, drawn inside the kiosk window (no new window)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import touch_button


class DefinitionPopup(QWidget):
    """Covers its parent with a dimmed backdrop and shows a card with the definition."""

    closed = Signal()
    termActivated = Signal(str)  # a glossary word inside a definition

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Scrim")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.hide()

        self.card = QFrame(self)
        self.card.setObjectName("PopupCard")
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
        parent.installEventFilter(self)

    @property
    def term(self) -> str:
        return self.title.text() if self.isVisible() else ""

    def show_definition(self, term: str, html: str) -> None:
        self.title.setText(term)
        self.text.setText(html)
        self.card.setAccessibleDescription(f"Explanation of {term}")
        self.show()
        self._fit()
        self.raise_()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _on_link(self, link: str) -> None:
        if link.startswith("glossary:"):
            self.termActivated.emit(link.removeprefix("glossary:"))

    def _fit(self) -> None:
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        width = min(parent.width() - 80, max(720, parent.width() * 2 // 3))
        self.card.setFixedWidth(width)
        height = min(self.card.layout().totalHeightForWidth(width), parent.height() - 60)
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

    def changeEvent(self, event: QEvent) -> None:
        # Text size changes the style sheet: the card must grow with its text.
        if event.type() == QEvent.Type.StyleChange and self.isVisible():
            self._fit()
        super().changeEvent(event)

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
