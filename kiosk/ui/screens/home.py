"""Home: the kiosk's title and one large tile per question, plus the supporting pages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.core.model import Library
from kiosk.core.session import Route
from kiosk.ui.widgets.kinetic import enable_kinetic_scrolling
from kiosk.ui.widgets.tile import KioskTile

GLOSSARY_ROUTE = Route("glossary")
# Left and right move one tile; up and down move a row (the number of columns).
ARROW_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}


class HomeScreen(QWidget):
    routeRequested = Signal(object)  # Route

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAccessibleName("Home")
        self._columns = 0

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        enable_kinetic_scrolling(self.scroll)
        body = QWidget()
        body.setObjectName("ScrollBody")
        self.scroll.setWidget(body)

        title = QLabel(library.info.title, body)
        title.setObjectName("ScreenTitle")
        title.setWordWrap(True)
        intro = QLabel(library.info.subtitle or "Touch a question to read the answer.", body)
        intro.setObjectName("ScreenIntro")
        intro.setWordWrap(True)

        self.question_tiles = [
            self._tile(p.title, p.summary, Route("answer", p.id), body) for p in library.questions
        ]
        more = QLabel("More information", body)
        more.setObjectName("SectionLabel")
        self.info_tiles = [
            self._tile(p.title, p.summary, Route("answer", p.id), body) for p in library.info_pages
        ]
        self.info_tiles.append(
            self._tile("Words explained", "What the medical words mean", GLOSSARY_ROUTE, body)
        )

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
        layout.addWidget(more)
        layout.addLayout(self.info_grid)
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.set_columns(2)

    def _tile(self, title: str, summary: str, route: Route, parent: QWidget) -> KioskTile:
        tile = KioskTile(title, summary, parent)
        tile.clicked.connect(lambda: self.routeRequested.emit(route))
        tile.installEventFilter(self)
        return tile

    def tiles(self) -> list[KioskTile]:
        return self.question_tiles + self.info_tiles

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys move between tiles; a focused tile scrolls into view."""
        if isinstance(watched, KioskTile):
            if event.type() == QEvent.Type.FocusIn:
                self.scroll.ensureWidgetVisible(watched, 0, 24)
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                step = ARROW_STEPS.get(Qt.Key(event.key()))
                if step is not None:
                    tiles = self.tiles()
                    rows = event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
                    index = tiles.index(watched) + step * (self._columns if rows else 1)
                    if 0 <= index < len(tiles):
                        tiles[index].setFocus(Qt.FocusReason.TabFocusReason)
                    return True
        return super().eventFilter(watched, event)

    def set_columns(self, columns: int) -> None:
        """Two columns of tiles at normal sizes; one when the text is large, so it can wrap."""
        if columns == self._columns:
            return
        self._columns = columns
        for grid, tiles, cols in (
            (self.question_grid, self.question_tiles, columns),
            (self.info_grid, self.info_tiles, columns + (1 if columns > 1 else 0)),
        ):
            for tile in tiles:
                grid.removeWidget(tile)
            for i, tile in enumerate(tiles):
                grid.addWidget(tile, i // cols, i % cols)
            for c in range(3):
                grid.setColumnStretch(c, 1 if c < cols else 0)

    def show_route(self, route: Route, scroll: int | None) -> None:
        self.scroll.verticalScrollBar().setValue(scroll or 0)

    def scroll_position(self) -> int:
        return self.scroll.verticalScrollBar().value()
