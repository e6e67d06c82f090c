"""Staff "Statistics": what was read, sessions per day, prints; export as CSV; clear."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import stats_events as ev
from kiosk.core.leaflet_format import FORMATS
from kiosk.core.model import Library
from kiosk.core.session import Route
from kiosk.core.stats import Store
from kiosk.core.stats_summary import (
    Summary,
    bucket_label,
    page_label,
    period_text,
    write_csv,
)
from kiosk.printing.folders import save_locations
from kiosk.ui.staff.jobs import JobRunner
from kiosk.ui.widgets.bar_chart import ChartData, ColumnChart, HorizontalBarChart
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.choice_row import ChoiceRow
from kiosk.ui.widgets.columns import Columns
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.vertical_scroll import VerticalScrollArea
from kiosk.ui.widgets.wrap_layout import WrapLayout

log = logging.getLogger(__name__)

PERIODS = (("7", "Last 7 days"), ("30", "Last 30 days"))
CLEAR_CONFIRM_MS = 5000
CLEAR_TEXT = "Clear statistics"
CLEAR_CONFIRM_TEXT = "Tap again to clear"
CLEAR_CONFIRM_STATUS = "Tap Clear again to delete every count. This cannot be undone."
TOP_PAGES = 10
FIGURES = (  # key, caption on its tile (short: seven tiles share a row), full name
    ("sessions", "Visits", "Patient sessions"),
    ("pages", "Pages read", "Pages opened"),
    ("idle_resets", "Idle resets", "Idle resets"),
    ("read_aloud", "Read aloud", "Read aloud uses"),
    ("searches", "Searches", "Searches"),
    ("printed", "Leaflets", "Leaflets printed"),
    ("exported", "PDFs saved", "PDFs saved"),
)


class StatsScreen(QWidget):
    """A page for the window's stack. Reads the store when opened and when the period changes."""

    backRequested = Signal()

    def __init__(
        self,
        store: Store,
        library: Callable[[], Library],
        parent: QWidget | None = None,
        *,
        confirm_ms: int = CLEAR_CONFIRM_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAccessibleName("Statistics")
        self.store = store
        self._library = library
        self.summary: Summary | None = None
        self.jobs = JobRunner(self)
        self.jobs.finished.connect(self._export_finished)

        self.period = ChoiceRow("Period", list(PERIODS), self)
        self.period.chosen.connect(lambda _v: self.refresh())
        self.back_button = touch_button(
            "‹  Staff menu", "StatsBack", "Back to the staff menu", self
        )
        self.back_button.clicked.connect(self.backRequested)
        self.period_label = text_label("", "StatsPeriod", self)

        body = QWidget()
        body.setObjectName("ScrollBody")
        # The figures staff look for first, as a row of large numbers across the top.
        self.figures: dict[str, QLabel] = {}
        tiles = WrapLayout(spacing=12, row_spacing=12)  # more rows on a narrow screen
        for key, caption, name in FIGURES:
            tiles.add(self._tile(key, caption, name, body))

        self.top_chart = HorizontalBarChart("Most read pages", "Nothing read yet.", body)
        self.sessions_chart = ColumnChart("Patient sessions per day", "No sessions yet.", body)
        for chart in (self.top_chart, self.sessions_chart):
            chart.setObjectName("StatsChart")
        self.lengths: dict[str, QLabel] = {}
        self.formats: dict[str, QLabel] = {}
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(text_label("Patient sessions per day", "SectionLabel", body))
        left.addWidget(self.sessions_chart)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(8)
        buckets = tuple((key, label) for key, label, _upper in ev.SESSION_BUCKETS)
        formats = (*((f.name, f.label) for f in FORMATS.values()), ("patients", "By patients"))
        for title, rows, into in (
            ("Time at the kiosk (visits)", buckets, self.lengths),
            ("Leaflets", formats, self.formats),
        ):
            right.addWidget(text_label(title, "SectionLabel", body))
            right.addLayout(self._grid(rows, into, body))
            right.addSpacing(12)
        right.addWidget(text_label("Save the CSV file to", "SectionLabel", body))
        self.folder = ChoiceRow("Save to", [], body, vertical=True)
        right.addWidget(self.folder)
        right.addStretch(1)

        columns = Columns(spacing=40)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 12, 0)
        outer.setSpacing(12)
        outer.addLayout(tiles)
        # The whole width for the most read pages: their titles are long questions.
        outer.addWidget(text_label("Most read (times opened)", "SectionLabel", body))
        outer.addWidget(self.top_chart)
        outer.addSpacing(12)
        outer.addLayout(columns, 1)
        scroll = VerticalScrollArea(body, self)
        self.scroll_area = scroll

        self.status = text_label("", "StaffReportTitle", self)
        self.status.setAccessibleName("Statistics status")
        self.export_button = touch_button(
            "Export CSV", "StatsExport", "Export CSV: the figures as a file", self
        )
        self.export_button.clicked.connect(self.start_export)
        self.clear_button = touch_button(
            CLEAR_TEXT, "StatsClear", "Clear statistics: all of them", self
        )
        self.clear_button.clicked.connect(self._clear_tapped)
        self._confirm = QTimer(self)
        self._confirm.setSingleShot(True)
        self._confirm.setInterval(confirm_ms)
        self._confirm.timeout.connect(self._reset_clear)

        # Each row wraps on a narrow screen or at large text, rather than cut its words.
        title_row = WrapLayout(spacing=24, row_spacing=8, align=Qt.AlignmentFlag.AlignRight)
        title_row.add(text_label("Statistics", "ScreenTitle", self, wrap=False))
        title_row.add_text(self.period_label, 2)
        title_row.add(self.period)
        title_row.add(self.back_button)
        actions = WrapLayout(spacing=16, row_spacing=8, align=Qt.AlignmentFlag.AlignRight)
        actions.add_text(self.status, 2)
        actions.add(self.export_button)
        actions.add(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(12)
        layout.addLayout(title_row)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)

    def _tile(self, key: str, caption: str, name: str, parent: QWidget) -> QFrame:
        tile = QFrame(parent)
        tile.setObjectName("StatsTile")
        tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        number = self.figures[key] = text_label("0", "StatsNumber", tile, wrap=False)
        number.setAccessibleName(name)
        box = QVBoxLayout(tile)
        box.setContentsMargins(12, 6, 12, 8)
        box.setSpacing(0)
        box.addWidget(number)
        box.addWidget(text_label(caption, "StatsCaption", tile))
        box.addStretch(1)
        return tile

    @staticmethod
    def _grid(
        rows: tuple[tuple[str, str], ...], into: dict[str, QLabel], parent: QWidget
    ) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        for i, (key, text) in enumerate(rows):
            grid.addWidget(text_label(text, "StatsFigure", parent), i, 0)
            into[key] = text_label("0", "StatsValue", parent)
            into[key].setAccessibleName(text)
            grid.addWidget(into[key], i, 1)
        grid.setColumnStretch(1, 1)
        return grid

    # -- showing ---------------------------------------------------------------------------

    def show_route(self, _route: Route, _scroll: int | None) -> None:
        self.open()  # the navigator shows it

    def scroll_position(self) -> int:
        return 0  # staff screens are not in a history to come back to

    def open(self) -> None:
        """Called each time staff open the screen: write what is waiting, then show it."""
        self.store.flush()
        self.folder.set_choices([(str(path), label) for label, path in save_locations()])
        self.show_status(self._store_state())
        self.refresh()

    def days(self) -> int:
        return int(self.period.value() or PERIODS[0][0])

    def _title(self, page_id: str) -> str | None:
        library = self._library()
        return library.page(page_id).title if library.has_page(page_id) else None

    def top_pages(self, summary: Summary) -> ChartData:
        """Every page of the content (none read too), then pages since removed; most first."""
        counts = dict(summary.page_views)
        keys = [p.id for p in self._library().pages] + [ev.GLOSSARY_KEY]
        keys += [k for k, _n in summary.page_views if k not in keys]
        ranked = sorted(keys, key=lambda k: -counts.get(k, 0))  # stable: content order
        return tuple((page_label(k, self._title), counts.get(k, 0)) for k in ranked[:TOP_PAGES])

    def refresh(self) -> None:
        s = self.summary = self.store.summary(self.days())
        self.period_label.setText(period_text(s))
        self.top_chart.set_data(self.top_pages(s))
        short = s.days <= 7
        self.sessions_chart.set_data(
            tuple((f"{d:%a} {d.day}" if short else str(d.day), n) for d, n in s.sessions_per_day)
        )
        values = {
            "sessions": s.sessions,
            "pages": s.pages_opened,
            "idle_resets": s.idle_resets,
            "read_aloud": s.read_aloud,
            "searches": s.searches,
            "printed": s.printed,
            "exported": s.exported,
        }
        for key, n in values.items():
            self.figures[key].setText(str(n))
        printed, exported = dict(s.prints), dict(s.exports)
        for name in FORMATS:
            self.formats[name].setText(
                f"{printed.get(name, 0)} printed, {exported.get(name, 0)} saved as PDF"
            )
        self.formats["patients"].setText(f"{s.patient_prints} printed")
        for key, n in s.session_lengths:
            self.lengths[key].setText(str(n))
            self.lengths[key].setAccessibleDescription(f"{bucket_label(key)}: {n}")
        enabled = self.store.enabled
        self.export_button.setEnabled(enabled and bool(self.folder.value()))
        self.clear_button.setEnabled(enabled)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def _store_state(self) -> str:
        if not self.store.enabled:
            return "Statistics are turned off (stats_enabled = false): nothing is counted."
        if self.store.in_memory:
            return "The statistics file cannot be written: these counts are lost at exit."
        return ""

    # -- export ----------------------------------------------------------------------------

    def start_export(self) -> None:
        if self.jobs.busy() or not self.folder.value() or self.summary is None:
            return
        first, last = self.summary.first_day, self.summary.last_day
        rows = self.store.rows_for_csv(self.days(), last)  # the period on screen, to the day
        path = Path(self.folder.value()) / f"kiosk-usage-{first}-to-{last}.csv"

        def work() -> str:
            count = write_csv(rows, path)
            return f"Saved {path.name} ({count} rows) in {path.parent}."

        self.export_button.setEnabled(False)
        self.show_status(f"Saving to {path.parent}…")
        self.jobs.start(work, (OSError,))

    def _export_finished(self, ok: bool, message: str) -> None:
        (log.info if ok else log.warning)("statistics export: %s", message)
        self.show_status(message if ok else f"Not saved: {message}")
        self.export_button.setEnabled(bool(self.folder.value()))

    # -- clear, with a second tap ----------------------------------------------------------

    def is_confirming_clear(self) -> bool:
        return self._confirm.isActive()

    def _clear_tapped(self) -> None:
        if not self._confirm.isActive():
            self._confirm.start()
            self._show_clear_state(CLEAR_CONFIRM_TEXT, "Tap again to clear all statistics", True)
            self.show_status(CLEAR_CONFIRM_STATUS)
            return
        self._reset_clear()
        cleared = self.store.clear()
        self.show_status("Statistics cleared." if cleared else "Could not clear: see the log.")
        self.refresh()

    def _reset_clear(self) -> None:
        self._confirm.stop()
        if self.status.text() == CLEAR_CONFIRM_STATUS:
            self.show_status(self._store_state())
        self._show_clear_state(CLEAR_TEXT, "Clear statistics: all of them", False)

    def _show_clear_state(self, text: str, accessible: str, confirming: bool) -> None:
        self.clear_button.setText(text)
        self.clear_button.setAccessibleName(accessible)
        self.clear_button.setProperty("confirming", confirming)
        # A dynamic property only restyles after the style is applied again.
        self.clear_button.style().unpolish(self.clear_button)
        self.clear_button.style().polish(self.clear_button)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the screen drops a half-made clear, so the next visit starts safe.
        self._reset_clear()
        super().hideEvent(event)
