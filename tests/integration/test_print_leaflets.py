"""Leaflets printed through the real CUPS server, from the command line and the screens."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from kiosk.core.library_source import read_pack
from kiosk.core.session import Route
from kiosk.core.settings import Settings
from kiosk.ui.patient_printing import PatientPrinting
from kiosk.ui.staff.access import StaffAccess
from tests.conftest import CONTENT
from tests.printing.pdf_reading import reader_for
from tests.ui.helpers import left_click


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def printed_text(path) -> str:
    reader = reader_for(path.read_bytes())
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_printers_lists_the_queues_and_flags_the_stopped_one(cups) -> None:
    result = kiosk("printers")
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert cups.queue in lines
    assert "stopped" not in lines[cups.queue]
    assert "(stopped)" in lines[cups.stopped_queue]


def test_cli_prints_a_large_print_leaflet_on_the_real_queue(cups, library) -> None:
    before = cups.pdf_files()
    result = kiosk("print", "--printer", cups.queue, "--large-print")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sent 1 copy to {cups.queue}"
    pdf = cups.wait_for_new_pdf(before)
    reader = reader_for(pdf.read_bytes())
    assert len(reader.pages) >= 8
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = printed_text(pdf)
    assert "Page 1 of" in text
    assert "What is prolotherapy?" in text


def test_unknown_printer_is_one_clear_line(cups) -> None:
    result = kiosk("print", "--printer", "NoSuchPrinter")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("kiosk: no printer called 'NoSuchPrinter'")
    assert cups.queue in result.stderr, "the message names the printers there are"


def test_stopped_queue_says_so_and_the_job_can_be_retried(cups) -> None:
    cups.cancel_all(cups.queue)
    cups.disable(cups.queue)
    try:
        result = kiosk("print", "--printer", cups.queue)
        assert result.returncode == 1
        assert "stopped or paused" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    finally:
        cups.enable(cups.queue)
    before = cups.pdf_files()
    retry = kiosk("print", "--printer", cups.queue)
    assert retry.returncode == 0, retry.stderr
    cups.wait_for_new_pdf(before)


@pytest.fixture
def staff(make_window, cups):
    window = make_window(settings=Settings(printer=cups.queue))
    access = StaffAccess(
        window,
        Settings(printer=cups.queue),
        reload=lambda: read_pack(CONTENT, "en-GB"),
        exit_kiosk=lambda: None,
    )
    access.open_print_screen()
    return access


def test_staff_print_screen_prints_two_copies_without_freezing(qtbot, staff, cups) -> None:
    screen = staff.print_screen
    assert screen.printer.value() == cups.queue
    left_click(qtbot, screen.more)
    assert screen.copies() == 2
    before = cups.pdf_files()
    left_click(qtbot, screen.print_button)
    assert not screen.print_button.isEnabled(), "no second job while one is being sent"
    assert screen.status.text().startswith("Sending to")
    qtbot.waitUntil(lambda: screen.status.text().startswith("Sent"), timeout=30_000)
    assert screen.status.text() == f"Sent 2 copies to {cups.queue}."
    first = cups.wait_for_new_pdf(before)
    assert "Page 1 of" in printed_text(first)


def test_staff_print_to_a_stopped_queue_says_so(qtbot, staff, cups) -> None:
    screen = staff.print_screen
    screen.printer.set_value(cups.stopped_queue)
    left_click(qtbot, screen.print_button)
    qtbot.waitUntil(lambda: screen.status.text().startswith("Not done"), timeout=30_000)
    assert "stopped or paused" in screen.status.text()
    assert screen.print_button.isEnabled(), "staff can try again"


def test_staff_print_only_the_chosen_questions(qtbot, staff, cups, library) -> None:
    screen = staff.print_screen
    for tile in list(screen.questions.values())[1:]:
        left_click(qtbot, tile)
    assert screen.selected_pages() == (library.questions[0].id,)
    before = cups.pdf_files()
    left_click(qtbot, screen.print_button)
    qtbot.waitUntil(lambda: screen.status.text().startswith("Sent"), timeout=30_000)
    text = printed_text(cups.wait_for_new_pdf(before))
    assert library.questions[0].title in text
    assert library.questions[1].title not in text


def test_patient_prints_this_answer_and_is_told_where_to_collect_it(
    qtbot, make_window, cups, library
) -> None:
    settings = Settings(
        printer=cups.queue, patient_printing=True, patient_print_limit=1, collect_from="the desk"
    )
    window = make_window(settings=settings)
    PatientPrinting(window, settings)
    page = library.questions[3]
    window.navigator.go(Route("answer", page.id))
    button = window.answer_screen.print_button
    assert button.isVisible()
    assert button.height() >= 60
    before = cups.pdf_files()
    left_click(qtbot, button)
    qtbot.waitUntil(lambda: window.popup.title.text() == "Your leaflet is printing", timeout=30_000)
    assert "collect it from the desk" in window.popup.text.text()
    text = printed_text(cups.wait_for_new_pdf(before))
    assert page.title in text
    assert library.questions[0].title not in text
    window.popup.dismiss()
    left_click(qtbot, button)
    assert window.popup.title.text() == "Printing limit reached"


def test_print_button_is_hidden_unless_patient_printing_is_on(make_window, library) -> None:
    window = make_window(settings=Settings())
    window.navigator.go(Route("answer", library.questions[0].id))
    assert not window.answer_screen.print_button.isVisible()
