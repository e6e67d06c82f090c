"""The system's printers (CUPS on Linux, the spooler on Windows), and printing without a dialog."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.core.leaflet import Leaflet
from kiosk.printing.layout import lay_out, page_layout, paint_page
from kiosk.printing.pdf import LeafletError

READY_STATES = {QPrinter.PrinterState.Idle, QPrinter.PrinterState.Active}


@dataclass(frozen=True)
class PrinterSummary:
    name: str
    description: str
    is_default: bool
    ready: bool


def printers() -> list[PrinterSummary]:
    default = QPrinterInfo.defaultPrinterName()
    found = []
    for info in QPrinterInfo.availablePrinters():
        found.append(
            PrinterSummary(
                info.printerName(),
                info.description() or info.makeAndModel(),
                info.printerName() == default,
                info.state() in READY_STATES,
            )
        )
    return sorted(found, key=lambda p: (not p.is_default, p.name.lower()))


def choose_printer(name: str = "") -> QPrinterInfo:
    """The printer called ``name`` (or the default), ready to take a job; else LeafletError."""
    if name:
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            known = ", ".join(QPrinterInfo.availablePrinterNames()) or "none"
            raise LeafletError(f"no printer called {name!r} (printers here: {known})")
    else:
        info = QPrinterInfo.defaultPrinter()
        if info.isNull():
            raise LeafletError("no printer is set up on this computer")
    if info.state() not in READY_STATES:
        raise LeafletError(
            f"the printer {info.printerName()!r} is stopped or paused: ask for it to be "
            "started again, then print again"
        )
    return info


def print_leaflet(
    leaflet: Leaflet, *, printer: str = "", copies: int = 1, paper: str = "A4"
) -> str:
    """Send ``leaflet`` to a printer with no dialog; returns the printer's name."""
    if not 1 <= copies <= 50:
        raise LeafletError("copies must be between 1 and 50")
    info = choose_printer(printer)
    device = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    device.setDocName(leaflet.title)
    device.setPageLayout(page_layout(paper))
    device.setCopyCount(copies)
    laid = lay_out(leaflet, device, device.pageLayout())
    painter = QPainter()
    if not painter.begin(device):
        raise LeafletError(f"the printer {info.printerName()!r} did not accept the job")
    try:
        for index in range(laid.page_count):
            if index and not device.newPage():
                raise LeafletError(f"the printer {info.printerName()!r} stopped the job")
            paint_page(laid, painter, index)
    finally:
        ended = painter.end()
    if not ended or device.printerState() in (
        QPrinter.PrinterState.Aborted,
        QPrinter.PrinterState.Error,
    ):
        raise LeafletError(f"the job could not be sent to {info.printerName()!r}")
    return info.printerName()
