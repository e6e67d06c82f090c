"""Home: the kiosk's title and one large tile per question, plus the supporting pages.

A large pack is shown a page of tiles at a time (``TILES_PER_PAGE``), with buttons for the
previous and next tiles: Home then costs the same to build, restyle and lay out whatever the
size of the pack, and a patient is never asked to swipe past hundreds of tiles.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.model import Library
from kiosk.core.session import Route
from kiosk.ui.screen_reader import focus_as_screen_opens
from kiosk.ui.widget_tree import layout_of
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.kinetic import enable_kinetic_scrolling
from kiosk.ui.widgets.tile import KioskTile

GLOSSARY_ROUTE = Route("glossary")
TILES_PER_PAGE = 12  # fills two or three screens at most, in one column or two
# Left and right move one tile; up and down move a row (the number of columns).
ARROW_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}


@dataclass(frozen=True)
class _TileInfo:
    title: str
    summary: str
    route: Route
    question: bool  # questions first; the rest under "More information"


class HomeScreen(QWidget):
    routeRequested = Signal(object)  # Route

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAccessibleName("Home")
        self._columns = 0
        self._placed = (0, 0)  # the columns of each grid, as laid out
        self._entries = [
            _TileInfo(p.title, p.summary, Route("answer", p.id), True) for p in library.questions
        ]
        self._entries += [
            _TileInfo(p.title, p.summary, Route("answer", p.id), False) for p in library.info_pages
        ]
        self._entries.append(
            _TileInfo("Words explained", "What the medical words mean", GLOSSARY_ROUTE, False)
        )
        self.page_count = -(-len(self._entries) // TILES_PER_PAGE)
        self.page = -1  # none shown yet
        self.question_tiles: list[KioskTile] = []
        self.info_tiles: list[KioskTile] = []

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        enable_kinetic_scrolling(self.scroll_area)
        # Tiles take the keyboard focus, not the area: focusing it on every tap repainted all
        # of Home before the answer could be built (about 10 ms of each tap on a tile).
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._body = body = QWidget()
        body.setObjectName("ScrollBody")
        self.scroll_area.setWidget(body)

        title = QLabel(library.info.title, body)
        title.setObjectName("ScreenTitle")
        title.setWordWrap(True)
        intro = QLabel(library.info.subtitle or "Touch a question to read the answer.", body)
        intro.setObjectName("ScreenIntro")
        intro.setWordWrap(True)
        # What a screen reader says as Home opens (kiosk/ui/screen_reader.py): its name, then
        # its title and intro as shown, and where the questions are.
        said = intro.text().rstrip()
        if said and said[-1] not in ".!?":
            said += "."
        self.setAccessibleDescription(f"{library.info.title}. {said} Tab moves to the questions.")
        self.more = QLabel("More information", body)
        self.more.setObjectName("SectionLabel")

        self.question_grid = QGridLayout()
        self.info_grid = QGridLayout()
        for grid in (self.question_grid, self.info_grid):
            grid.setHorizontalSpacing(20)
            grid.setVerticalSpacing(20)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(40, 28, 40, 40)
        layout.setSpacing(16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(self.question_grid)
        layout.addSpacing(16)
        layout.addWidget(self.more)
        layout.addLayout(self.info_grid)
        layout.addSpacing(8)
        layout.addLayout(self._pager(body))
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.set_columns(2)
        self._show_page(0)

    def _pager(self, parent: QWidget) -> QHBoxLayout:
        """Earlier and more tiles, and where the patient is among them (large packs only)."""
        self.earlier = touch_button(
            "‹  Earlier questions", "PreviousButton", "Earlier questions", parent
        )
        self.later = touch_button("More questions  ›", "NextButton", "More questions", parent)
        self.page_label = QLabel(parent)
        self.page_label.setObjectName("SectionLabel")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.earlier.clicked.connect(lambda: self._request_page(self.page - 1))
        self.later.clicked.connect(lambda: self._request_page(self.page + 1))
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.earlier)
        row.addWidget(self.page_label, 1)
        row.addWidget(self.later)
        for widget in (self.earlier, self.later, self.page_label):
            widget.setVisible(self.page_count > 1)
        return row

    def _request_page(self, page: int) -> None:
        if 0 <= page < self.page_count:
            self.routeRequested.emit(Route("home", str(page + 1)) if page else Route("home"))

    def _show_page(self, page: int) -> None:
        """Build the tiles of one page of Home (only those: a pack may have hundreds)."""
        page = max(0, min(page, self.page_count - 1))
        if page == self.page:
            return
        self.page = page
        for tile in self.tiles():
            for grid in (self.question_grid, self.info_grid):
                grid.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        shown = self._entries[page * TILES_PER_PAGE : (page + 1) * TILES_PER_PAGE]
        self.question_tiles = [self._tile(e) for e in shown if e.question]
        self.info_tiles = [self._tile(e) for e in shown if not e.question]
        self.more.setVisible(bool(self.info_tiles))
        self.page_label.setText(f"Page {page + 1} of {self.page_count}")
        self.page_label.setAccessibleName(f"Questions, page {page + 1} of {self.page_count}")
        self.earlier.setEnabled(page > 0)
        self.later.setEnabled(page + 1 < self.page_count)
        self._place_tiles()

    def _tile(self, info: _TileInfo) -> KioskTile:
        tile = KioskTile(info.title, info.summary, self._body)
        tile.clicked.connect(lambda: self.routeRequested.emit(info.route))
        tile.installEventFilter(self)
        tile.show()
        return tile

    def tiles(self) -> list[KioskTile]:
        """The tiles on show (the current page of Home)."""
        return self.question_tiles + self.info_tiles

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys move between tiles; a focused tile scrolls into view."""
        if isinstance(watched, KioskTile):
            if event.type() == QEvent.Type.FocusIn:
                self.scroll_area.ensureWidgetVisible(watched, 0, 24)
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                step = ARROW_STEPS.get(Qt.Key(event.key()))
                if step is not None:
                    tiles = self.tiles()
                    rows = event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
                    index = tiles.index(watched) + step * (self._placed[0] if rows else 1)
                    if 0 <= index < len(tiles):
                        tiles[index].setFocus(Qt.FocusReason.TabFocusReason)
                    return True
        return super().eventFilter(watched, event)

    def set_columns(self, columns: int) -> None:
        """Two columns of tiles at normal sizes; one when the text is large, so it can wrap.

        On a narrow screen there are fewer: no column is narrower than its longest word.
        """
        if columns == self._columns:
            return
        self._columns = columns
        self._place_tiles()

    def _column_room(self) -> int:
        """The width for tiles: the screen less the margins and a scroll bar, shown or not."""
        margins = layout_of(self._body).contentsMargins()
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        return self.width() - margins.left() - margins.right() - bar

    def _fitting(self, wanted: int, tiles: list[KioskTile]) -> int:
        """The most columns, up to ``wanted``, that leave every tile room for its words."""
        need = max((tile.narrowest() for tile in tiles), default=0)
        spacing = self.question_grid.horizontalSpacing()
        for columns in range(wanted, 1, -1):
            if (self._column_room() - spacing * (columns - 1)) // columns >= need:
                return columns
        return 1

    def columns(self) -> tuple[int, int]:
        """The columns of question tiles and of the other tiles, as now laid out."""
        wanted = self._columns
        return (
            self._fitting(wanted, self.question_tiles),
            self._fitting(wanted + (1 if wanted > 1 else 0), self.info_tiles),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.columns() != self._placed:
            self._place_tiles()

    def _place_tiles(self) -> None:
        self._placed = self.columns()
        for grid, tiles, cols in (
            (self.question_grid, self.question_tiles, self._placed[0]),
            (self.info_grid, self.info_tiles, self._placed[1]),
        ):
            for tile in tiles:
                grid.removeWidget(tile)
            for i, tile in enumerate(tiles):
                grid.addWidget(tile, i // cols, i % cols)
            for c in range(3):
                grid.setColumnStretch(c, 1 if c < cols else 0)

    def show_route(self, route: Route, scroll: int | None) -> None:
        """``Route("home")`` is the first page of tiles, ``Route("home", "2")`` the second."""
        focus_as_screen_opens(self)  # see kiosk/ui/screen_reader.py
        self._show_page(int(route.arg) - 1 if route.arg.isdigit() else 0)
        self.scroll_area.verticalScrollBar().setValue(scroll or 0)

    def scroll_position(self) -> int:
        return self.scroll_area.verticalScrollBar().value()

    def opening_focus(self) -> QWidget | None:
        """Home itself (kiosk/ui/screen_reader.py): a screen reader says its name and
        description, and Tab goes on to the first tile. It draws no focus ring, so it takes
        the focus after a touch too."""
        return self
