"""What the answer and glossary screens share: a title, the text, and the navigation bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets.answer_view import TEXT_MARGIN, AnswerView
from kiosk.ui.widgets.nav_bar import NavBar
from kiosk.ui.widgets.wrap_layout import WrapLayout

VIEW_MIN_HEIGHT = 96


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
        # A few lines at least, not the 138 px Qt asks for (its scroll bar's whole length): on a
        # short screen at large text the title, the reading-aloud bar and the buttons need it.
        self.view.setMinimumHeight(VIEW_MIN_HEIGHT)
        self.nav = NavBar(self, with_sequence=with_sequence)
        self.nav.home.clicked.connect(self.homeRequested)
        self.nav.back.clicked.connect(self.backRequested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The title, and any buttons beside it (Listen, Print) that go under it, on the right,
        # once the title would need more than two lines beside them.
        self.title_row = WrapLayout(
            spacing=16, row_spacing=8, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        self.title_row.setContentsMargins(TEXT_MARGIN, 20, TEXT_MARGIN, 4)
        self.title_row.add_text(self.title, 2)
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
        self.view.place_caret()  # where a screen reader starts: the first line on screen
