"""Search: type with the on-screen keyboard, see matching answers and words as you type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.model import Library
from kiosk.core.search import SearchHit, SearchIndex
from kiosk.core.session import Route, Session
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.onscreen_keyboard import OnScreenKeyboard
from kiosk.ui.widgets.tile import KioskTile
from kiosk.ui.widgets.vertical_scroll import VerticalScrollArea

MAX_RESULTS = 12
MAX_LETTERS = 40


def route_for(hit: SearchHit) -> Route:
    if hit.kind == "glossary":
        return Route("glossary", hit.target)
    return Route("answer", hit.target, hit.matched)


class SearchScreen(QWidget):
    routeRequested = Signal(object)  # Route
    homeRequested = Signal()
    backRequested = Signal()
    searched = Signal()  # a search was run (for the anonymous counts; never the words)

    def __init__(
        self, library: Library, session: Callable[[], Session], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAccessibleName("Search")
        self._library = library
        self._index: SearchIndex | None = None  # built on first use, or handed over ready
        self._session = session  # asked each time: a reset replaces the session
        self.hits: list[SearchHit] = []
        self.result_tiles: list[KioskTile] = []

        self.back = touch_button("‹  Back", "BackButton", "Back", self)
        self.home = touch_button("⌂  Home", "HomeButton", "Home", self)
        self.back.clicked.connect(self.backRequested)
        self.home.clicked.connect(self.homeRequested)
        self.field = QLineEdit(self)
        self.field.setObjectName("SearchField")
        self.field.setAccessibleName("Search for")
        self.field.setPlaceholderText("Type a word, for example collagen")
        self.field.setMaxLength(MAX_LETTERS)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.textChanged.connect(self._text_changed)
        top = QHBoxLayout()
        top.setContentsMargins(24, 12, 24, 8)
        top.setSpacing(12)
        top.addWidget(self.back)
        top.addWidget(self.home)
        top.addWidget(self.field, 1)

        # The summary scrolls with the results: on a short screen at large text the keyboard
        # and the field take most of the height, and all of what is left is the results'.
        self.results = QWidget()
        self.results.setObjectName("ScrollBody")
        self.summary = QLabel(self.results)
        self.summary.setObjectName("SectionLabel")
        self.summary.setWordWrap(True)
        self.results_layout = QVBoxLayout(self.results)
        self.results_layout.setContentsMargins(24, 0, 24, 0)
        self.results_layout.setSpacing(10)
        self.results_layout.addWidget(self.summary)
        self.results_layout.addStretch(1)
        # Asks for little height: on a short screen the keyboard needs it all.
        self.scroll_area = VerticalScrollArea(self.results, self)
        self.scroll_area.setAccessibleName("Search results")

        self.keyboard = OnScreenKeyboard(self)
        self.keyboard.typed.connect(self.field.insert)
        self.keyboard.backspace.connect(self.field.backspace)
        self.keyboard.cleared.connect(self.field.clear)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.keyboard)

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self._library)
        return self._index

    def set_index(self, index: SearchIndex) -> None:
        """Use an index built elsewhere (off the screen's thread, at start-up)."""
        self._index = index

    def show_route(self, route: Route, scroll: int | None) -> None:
        # The text lives in the session, so a reset (a new session) starts with none.
        if self.field.text() != self._session().search_text:
            self.field.setText(self._session().search_text)
        else:
            self._show_results(self._session().search_text)
        self.scroll_area.verticalScrollBar().setValue(scroll or 0)

    def scroll_position(self) -> int:
        return self.scroll_area.verticalScrollBar().value()

    def opening_focus(self) -> QWidget | None:
        """The field, for a keyboard user (kiosk/ui/screen_reader.py): type at once."""
        return self.field

    def _text_changed(self, text: str) -> None:
        session = self._session()
        changed = text != session.search_text
        session.search_text = text
        self._show_results(text)
        if changed and text.strip():
            self.searched.emit()

    def _show_results(self, text: str) -> None:
        # removeWidget, not takeAt: the layout item takeAt hands over is never freed.
        for tile in self.result_tiles:
            self.results_layout.removeWidget(tile)
            tile.deleteLater()
        self.result_tiles = []
        self.hits = self.index.search(text, limit=MAX_RESULTS) if text.strip() else []
        if not text.strip():
            self.summary.setText("Type a word to find the answers that mention it.")
        elif not self.hits:
            self.summary.setText(f"Nothing found for “{text.strip()}”. Try another word.")
        else:
            count = len(self.hits)
            self.summary.setText(f"{count} {'result' if count == 1 else 'results'}:")
        for i, hit in enumerate(self.hits):
            label = "Word explained: " if hit.kind == "glossary" else ""
            tile = KioskTile(f"{label}{hit.title}", hit.snippet, self.results)
            tile.clicked.connect(lambda _=False, h=hit: self.routeRequested.emit(route_for(h)))
            self.results_layout.insertWidget(i + 1, tile)  # under the summary
            self.result_tiles.append(tile)
