"""Staff printing: choose questions, format, paper, printer and copies; preview; print or save."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.leaflet import FORMATS, Leaflet
from kiosk.core.model import Library
from kiosk.core.session import Route
from kiosk.printing.compose import Compose
from kiosk.printing.folders import save_locations
from kiosk.printing.layout import PAPER, page_images
from kiosk.printing.pdf import LeafletError, render_pdf, save_pdf
from kiosk.printing.printers import print_leaflet, printers
from kiosk.ui.staff.jobs import JobRunner
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.choice_row import ChoiceRow
from kiosk.ui.widgets.columns import Columns
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.tile import KioskTile
from kiosk.ui.widgets.vertical_scroll import VerticalScrollArea
from kiosk.ui.widgets.wrap_layout import WrapLayout

log = logging.getLogger(__name__)

PREVIEW_DPI = 30
MAX_COPIES = 50


class PrintScreen(QWidget):
    backRequested = Signal()
    printed = Signal(str, int)  # format name, copies
    exported = Signal(str)  # format name

    def __init__(self, library: Library, compose: Compose, default_printer: str = "") -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.setAccessibleName("Print leaflets")
        self.library = library
        self._compose = compose
        self._default_printer = default_printer
        self.jobs = JobRunner(self)
        self.jobs.finished.connect(self._job_finished)
        self._leaflet: Leaflet | None = None
        self._copies = 1

        options = QWidget()
        options.setObjectName("ScrollBody")
        self.questions: dict[str, KioskTile] = {}
        question_box = QVBoxLayout()
        question_box.setSpacing(10)
        for page in library.questions:
            tile = KioskTile(f"✓ {page.title}", "", options)
            tile.setAccessibleName(f"Include: {page.title}")
            tile.setCheckable(True)
            tile.setChecked(True)
            tile.toggled.connect(
                lambda on, t=tile, title=page.title: t.set_title(f"✓ {title}" if on else title)
            )
            tile.toggled.connect(self.refresh_preview)
            self.questions[page.id] = tile
            question_box.addWidget(tile)
        self.format = ChoiceRow("Format", [(f.name, f.label) for f in FORMATS.values()], options)
        self.paper = ChoiceRow("Paper", [(p, p) for p in PAPER], options)
        self.printer = ChoiceRow("Printer", [], options)
        for row in (self.format, self.paper):
            row.chosen.connect(lambda _v: self.refresh_preview())
        self.fewer = touch_button("−", "CopiesFewer", "Fewer copies", options)
        self.more = touch_button("+", "CopiesMore", "More copies", options)
        self.copies_label = text_label("", "CopiesLabel", options)
        self.fewer.clicked.connect(lambda: self.set_copies(self._copies - 1))
        self.more.clicked.connect(lambda: self.set_copies(self._copies + 1))
        copies = QHBoxLayout()
        copies.addWidget(self.fewer)
        copies.addWidget(self.copies_label)
        copies.addWidget(self.more)
        copies.addStretch(1)
        self.folder = ChoiceRow("Save to", [], options, vertical=True)

        form = QVBoxLayout(options)
        form.setSpacing(12)
        for title, item in (
            ("Questions", question_box),
            ("Format", self.format),
            ("Paper", self.paper),
            ("Printer", self.printer),
            ("Copies", copies),
            ("Save as PDF to", self.folder),
        ):
            form.addWidget(text_label(title, "SectionLabel", options))
            if isinstance(item, QHBoxLayout | QVBoxLayout):
                form.addLayout(item)
            else:
                form.addWidget(item)
        form.addStretch(1)
        scroll = VerticalScrollArea(options, self)

        self.preview_title = text_label("", "SectionLabel", self)
        self.preview = QWidget()
        self.preview.setObjectName("ScrollBody")
        self.preview_grid = QGridLayout(self.preview)
        self.preview_grid.setSpacing(12)
        preview_scroll = VerticalScrollArea(self.preview, self)

        self.status = text_label("", "StaffReportTitle", self)
        self.status.setAccessibleName("Print status")
        self.print_button = touch_button("Print", "PrintButton", "Print the leaflet", self)
        self.save_button = touch_button(
            "Save as PDF", "SavePdf", "Save as PDF: the leaflet as a file", self
        )
        self.back_button = touch_button(
            "‹  Staff menu", "PrintBack", "Back to the staff menu", self
        )
        self.print_button.clicked.connect(self.start_print)
        self.save_button.clicked.connect(self.start_save)
        self.back_button.clicked.connect(self.backRequested)

        right = QVBoxLayout()
        right.addWidget(self.preview_title)
        right.addWidget(preview_scroll, 1)
        right.addWidget(self.status)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        for button in (self.print_button, self.save_button):
            actions.addWidget(button)
        actions.addStretch(1)
        right.addLayout(actions)
        title_row = WrapLayout(spacing=16, row_spacing=8, align=Qt.AlignmentFlag.AlignRight)
        title_row.add_text(text_label("Print leaflets", "ScreenTitle", self), 2)
        title_row.add(self.back_button)
        # The choices and the preview side by side; on a narrow screen, the preview under them.
        columns = Columns(spacing=24, down_stretch=(3, 2))  # stacked: more for the choices
        columns.addWidget(scroll, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addLayout(title_row)
        layout.addLayout(columns, 1)
        self.set_copies(1)

    # -- what is on offer -------------------------------------------------------------------

    def show_route(self, _route: Route, _scroll: int | None) -> None:
        self.open()  # the navigator shows it

    def scroll_position(self) -> int:
        return 0  # staff screens are not in a history to come back to

    def open(self) -> None:
        """Called each time staff open the screen: printers and drives may have changed."""
        found = printers()
        choices = [(p.name, p.name + ("" if p.ready else " (stopped)")) for p in found]
        preferred = self._default_printer or next((p.name for p in found if p.is_default), "")
        self.printer.set_choices(choices, preferred)
        self.folder.set_choices([(str(path), label) for label, path in save_locations()])
        self.print_button.setEnabled(bool(found))
        if not found:
            self.show_status("No printer is set up on this computer. You can still save a PDF.")
        else:
            self.show_status("")
        self.refresh_preview()

    def selected_pages(self) -> tuple[str, ...]:
        return tuple(pid for pid, button in self.questions.items() if button.isChecked())

    def set_copies(self, copies: int) -> None:
        self._copies = max(1, min(MAX_COPIES, copies))
        self.copies_label.setText(f"{self._copies}")
        self.copies_label.setAccessibleName(f"{self._copies} copies")
        self.fewer.setEnabled(self._copies > 1)
        self.more.setEnabled(self._copies < MAX_COPIES)

    def copies(self) -> int:
        return self._copies

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))  # no empty line's height taken from the preview

    # -- preview ----------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        pages = self.selected_pages()
        while self.preview_grid.count():
            item = self.preview_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not pages:
            self._leaflet = None
            self.preview_title.setText("Choose at least one question.")
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        self._leaflet = self._compose(self.library, self.format.value(), pages)
        images = page_images(self._leaflet, self.paper.value(), PREVIEW_DPI)
        self.preview_title.setText(
            f"{self._leaflet.fmt.label}, {self.paper.value()}: {len(images)} pages"
        )
        for i, image in enumerate(images):
            thumb = QLabel(self.preview)
            thumb.setObjectName("PagePreview")
            thumb.setPixmap(QPixmap.fromImage(image))
            thumb.setAccessibleName(f"Page {i + 1} of {len(images)}")
            self.preview_grid.addWidget(thumb, i // 2, i % 2)
        self.print_button.setEnabled(bool(self.printer.value()))
        self.save_button.setEnabled(bool(self.folder.value()))

    # -- jobs -------------------------------------------------------------------------------

    def _start(self, work: Callable[[], str], busy_text: str) -> None:
        if self._leaflet is None or self.jobs.busy():
            return
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.show_status(busy_text)
        self.jobs.start(work, (LeafletError, OSError, ValueError))

    def start_print(self) -> None:
        leaflet, printer, copies, paper = (
            self._leaflet,
            self.printer.value(),
            self._copies,
            self.paper.value(),
        )
        if leaflet is None:
            return

        def work() -> str:
            used = print_leaflet(leaflet, printer=printer, copies=copies, paper=paper)
            self.printed.emit(leaflet.fmt.name, copies)
            return f"Sent {copies} {'copy' if copies == 1 else 'copies'} to {used}."

        self._start(work, f"Sending to {printer}…")

    def start_save(self) -> None:
        leaflet, folder, paper = self._leaflet, Path(self.folder.value()), self.paper.value()
        if leaflet is None:
            return
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        path = folder / f"leaflet-{leaflet.fmt.name}-{paper}-{stamp}.pdf"

        def work() -> str:
            pdf, pages = render_pdf(leaflet, paper)
            save_pdf(pdf, path)
            self.exported.emit(leaflet.fmt.name)
            return f"Saved {path.name} ({pages} pages) in {folder}."

        self._start(work, f"Saving to {folder}…")

    def _job_finished(self, ok: bool, message: str) -> None:
        (log.info if ok else log.warning)("leaflet: %s", message)
        self.show_status(message if ok else f"Not done: {message}")
        self.print_button.setEnabled(bool(self.printer.value()) and self._leaflet is not None)
        self.save_button.setEnabled(bool(self.folder.value()) and self._leaflet is not None)
