""" "Print this for me": a patient prints the answer they are reading, a few times per visit."""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.core.settings import Settings
from kiosk.printing.compose import composer
from kiosk.printing.pdf import LeafletError
from kiosk.printing.printers import print_leaflet
from kiosk.ui.staff.jobs import JobRunner

if TYPE_CHECKING:
    from kiosk.ui.shell import KioskShell

log = logging.getLogger(__name__)

LARGE_PRINT_FROM_PERCENT = 150  # a patient reading at this size or more gets large print


class PatientPrinting(QObject):
    """Prints on the configured (or default) printer with no dialog, never in front of anyone."""

    printed = Signal(str)  # leaflet format, once the printer has taken the job

    def __init__(self, shell: KioskShell, settings: Settings) -> None:
        super().__init__(shell.widget())
        self.window = shell
        self.settings = settings
        self._compose = composer(settings)
        self.jobs = JobRunner(self)
        self.jobs.finished.connect(self._finished)
        self._format = ""
        shell.printRequested.connect(self.request)

    def request(self, page_id: str) -> None:
        session = self.window.session
        place = html.escape(self.settings.collect_from)
        if not session.may_print(self.settings.patient_print_limit):
            self.window.show_message(
                "Printing limit reached",
                f"<p>You have printed {session.leaflets_printed} leaflets. "
                f"Please ask at {place} if you need more.</p>",
            )
            return
        if self.jobs.busy():
            return
        session.leaflets_printed += 1
        fmt = "large" if session.text_percent >= LARGE_PRINT_FROM_PERCENT else "standard"
        self._format = fmt
        leaflet = self._compose(self.window.library, fmt, (page_id,))
        printer = self.settings.printer
        self.window.show_message("Printing your leaflet…", "<p>This takes a few seconds.</p>")
        self.jobs.start(
            lambda: print_leaflet(leaflet, printer=printer, copies=1),
            (LeafletError, OSError, ValueError),
        )

    def _finished(self, ok: bool, message: str) -> None:
        place = html.escape(self.settings.collect_from)
        if ok:
            log.info("patient leaflet printed on %s", message)
            self.printed.emit(self._format)
            self.window.show_message(
                "Your leaflet is printing", f"<p>Please collect it from {place}.</p>"
            )
        else:
            log.warning("patient leaflet not printed: %s", message)
            self.window.show_message(
                "Sorry, the printer is not working",
                f"<p>Nothing was printed. Please ask at {place}.</p>",
            )
