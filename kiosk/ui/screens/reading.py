"""What the answer and glossary screens share: a title, the text, and the navigation bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets.answer_view import TEXT_MARGIN, AnswerView
from kiosk.ui.widgets.nav_bar import NavBar


class ReadingScreen(QWidget):
    homeRequested = Signal()
    backRequested = Signal()

    def __init__(self, name: str, *, with_sequence: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAccessibleName(name)
        self.title = QLabel(self)
        self.title.setObjectName("ScreenTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.view = AnswerView(self)
        self.nav = NavBar(self, with_sequence=with_sequence)
        self.nav.home.clicked.connect(self.homeRequested)
        self.nav.back.clicked.connect(self.backRequested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.title_row = QHBoxLayout()
        self.title_row.setContentsMargins(TEXT_MARGIN, 20, TEXT_MARGIN, 4)
        self.title_row.setSpacing(16)
        self.title_row.addWidget(self.title, 1)
        layout.addLayout(self.title_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.nav)
        self.css = ""

    def set_title(self, text: str) -> None:
        self.title.setText(text)
        self.view.setAccessibleName(text)

    def scroll_position(self) -> int:
        return self.view.verticalScrollBar().value()

    def restore_scroll(self, scroll: int | None) -> None:
        self.view.verticalScrollBar().setValue(scroll or 0)
