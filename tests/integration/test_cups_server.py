"""The print server the printing tests rely on: real CUPS, real cups-pdf, real Qt.

These test the set-up itself (``deploy/linux/print-test-queue.sh``, ``make print-server``), so a
broken print server fails here, by name, instead of making the leaflet printing tests skip or fail
for a reason that is hard to see. Where CUPS cannot run at all the ``cups`` fixture skips them
with the reason.

- ``lp -d KioskPDF`` of a text file gives a new, complete PDF in the output folder, and the text
  can be read back from it (pypdf).
- KioskStopped is disabled: a job sent to it waits and prints nothing; started (which needs CUPS
  admin rights: root or the lpadmin group), it prints the job, so nothing is lost. A printer CUPS
  does not have is named in the error.
- The set-up script is idempotent and fast when everything is up.
- Qt (what the kiosk uses) lists both queues, tells the stopped one from the running one, and
  prints through CUPS a page whose text comes back out of the PDF that cups-pdf wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.integration import cups as cups_helpers
from tests.integration.conftest import CupsServer

PDF_TIMEOUT = 20.0  # seconds for cups-pdf to write a one-page job (about 1 s here)
QT_TIMEOUT = 20.0
MISSING_PRINTER = "KioskNoSuchPrinter"
STOP_REASON = "kept stopped for the printing tests"

QT_LIST_PRINTERS = """
import json, sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinterInfo
app = QGuiApplication([])
info = {n: QPrinterInfo.printerInfo(n) for n in sys.argv[1:]}
print(json.dumps({
    "names": QPrinterInfo.availablePrinterNames(),
    "null": {n: i.isNull() for n, i in info.items()},
    "states": {n: i.state().name for n, i in info.items()},
}))
"""

QT_PRINT_LINE = """
import sys
from PySide6.QtGui import QFont, QGuiApplication, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
app = QGuiApplication([])
name, title, text = sys.argv[1:4]
info = QPrinterInfo.printerInfo(name)
if info.isNull():
    sys.exit(f"Qt does not list the printer {name}")
printer = QPrinter(info)
printer.setDocName(title)
painter = QPainter()
if not painter.begin(printer):
    sys.exit(f"QPainter.begin failed on {name}")
font = QFont("DejaVu Sans")
font.setPointSize(14)
painter.setFont(font)
painter.drawText(100, 100, text)
if not painter.end():
    sys.exit(f"QPainter.end failed on {name}")
"""


def run_qt(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=QT_TIMEOUT,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, f"Qt subprocess failed ({proc.returncode}): {proc.stderr}"
    return proc


def pdf_text(path: Path) -> str:
    """All the text of a PDF, with runs of white space made single spaces."""
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def token() -> str:
    return "Kiosk" + uuid.uuid4().hex[:12]


def test_lp_job_to_kioskpdf_lands_as_a_pdf_with_its_text(cups: CupsServer, tmp_path: Path):
    word = token()
    text_file = tmp_path / "leaflet.txt"
    text_file.write_text(f"Print test line one\n{word}\n", encoding="utf-8")
    before = cups.pdf_files()

    job = cups.submit(text_file, cups.queue, title=f"lp-{word}")
    pdf = cups.wait_for_new_pdf(before, timeout=PDF_TIMEOUT)

    assert job.startswith(f"{cups.queue}-")
    assert pdf.parent == cups.output_dir
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert word in text, f"{pdf} holds {text!r}"
    assert "Print test line one" in text
    assert cups.queue_state(cups.queue) in {"idle", "printing"}


def test_stopped_queue_is_disabled_and_holds_a_job(cups: CupsServer, tmp_path: Path):
    assert cups.queue_state(cups.stopped_queue) == "disabled"
    assert cups.queue_state(cups.queue) in {"idle", "printing"}
    text_file = tmp_path / "held.txt"
    text_file.write_text(f"{token()}\n", encoding="utf-8")
    before = cups.pdf_files()

    job = cups.submit(text_file, cups.stopped_queue, title="held")
    try:
        time.sleep(1.0)  # more than cups-pdf needs to print a page, were the queue running
        assert job in cups.jobs(cups.stopped_queue)
        assert cups.queue_state(cups.stopped_queue) == "disabled"
        assert cups.pdf_files() == before, "a disabled queue printed"
    finally:
        cups.cancel_all(cups.stopped_queue)
    assert job not in cups.jobs(cups.stopped_queue)


def test_held_job_prints_once_the_stopped_queue_is_started(cups: CupsServer, tmp_path: Path):
    try:
        cups.disable(cups.stopped_queue, reason=STOP_REASON)  # already stopped: changes nothing
    except cups_helpers.CupsError as error:
        if "forbidden" not in str(error).lower():
            raise
        pytest.skip(f"this user may not start or stop CUPS queues (root or lpadmin may): {error}")
    word = token()
    text_file = tmp_path / "held.txt"
    text_file.write_text(f"{word}\n", encoding="utf-8")
    before = cups.pdf_files()

    job = cups.submit(text_file, cups.stopped_queue, title=f"held-{word}")
    try:
        time.sleep(0.5)
        assert job in cups.jobs(cups.stopped_queue)
        cups.enable(cups.stopped_queue)
        pdf = cups.wait_for_new_pdf(before, timeout=PDF_TIMEOUT)
        assert word in pdf_text(pdf)
        assert job not in cups.jobs(cups.stopped_queue)
    finally:
        cups.cancel_all(cups.stopped_queue)
        cups.disable(cups.stopped_queue, reason=STOP_REASON)
    assert cups.queue_state(cups.stopped_queue) == "disabled"


def test_a_missing_printer_is_named_in_the_error(cups: CupsServer, tmp_path: Path):
    text_file = tmp_path / "nowhere.txt"
    text_file.write_text("nowhere\n", encoding="utf-8")

    with pytest.raises(LookupError, match=MISSING_PRINTER):
        cups.queue_state(MISSING_PRINTER)
    with pytest.raises(cups_helpers.CupsError, match="does not exist"):
        cups.submit(text_file, MISSING_PRINTER)


def test_setup_script_is_idempotent_and_fast_when_up(cups: CupsServer):
    queues_before = cups_helpers.lpstat("-v")

    code, said = cups_helpers.run_setup()
    assert code == 0, said
    started = time.monotonic()
    code, said = cups_helpers.run_setup()
    took = time.monotonic() - started

    assert code == 0, said
    assert "ready" in said
    assert took < 1.0, f"second run took {took:.2f} s"
    assert cups_helpers.lpstat("-v") == queues_before
    assert cups.queue_state(cups.queue) in {"idle", "printing"}
    assert cups.queue_state(cups.stopped_queue) == "disabled"


def test_qt_lists_both_queues_and_tells_the_stopped_one_apart(cups: CupsServer):
    names = (cups.queue, cups.stopped_queue, MISSING_PRINTER)
    seen = json.loads(run_qt(QT_LIST_PRINTERS, *names).stdout)

    assert {cups.queue, cups.stopped_queue} <= set(seen["names"])
    assert seen["null"] == {cups.queue: False, cups.stopped_queue: False, MISSING_PRINTER: True}
    # Qt maps CUPS's printer-state: idle -> Idle, processing -> Active, stopped -> Error.
    assert seen["states"][cups.queue] in {"Idle", "Active"}
    assert seen["states"][cups.stopped_queue] == "Error"


def test_qt_prints_through_cups_to_kioskpdf(cups: CupsServer):
    before = cups.pdf_files()

    run_qt(QT_PRINT_LINE, cups.queue, f"qt-{token()}", "Qt to CUPS")
    pdf = cups.wait_for_new_pdf(before, timeout=PDF_TIMEOUT)

    assert pdf.parent == cups.output_dir
    text = pdf_text(pdf)
    assert "Qt to CUPS" in text, f"{pdf} holds {text!r}"
    assert len(PdfReader(pdf).pages) == 1
