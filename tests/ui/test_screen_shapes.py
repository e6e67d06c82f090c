"""Every screen shape a clinic mounts, at every text size: nothing cut, nothing off screen.

One kiosk window (with the staff screens, patient printing and the Listen button) is resized through
each screen size and visits every patient screen, pop-up, overlay and staff screen there; the
checker in layout_check.py lists every label or button whose text does not fit, every widget out
of its place, every sideways scroll, every small target, and a window that asks for more than
the screen. 3840x2160 at device pixel ratio 2 is laid out at 1920x1080 logical pixels, the same
as 1920x1080 here; tests/integration/test_xvfb_screens.py runs it on a real X server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.core import stats_events as ev
from kiosk.core.pin import hash_pin
from kiosk.core.session import TEXT_STEPS, Route, Session
from kiosk.core.settings import Settings
from kiosk.printing.printers import PrinterSummary
from kiosk.ui.app import build_window
from kiosk.ui.staff import print_screen, stats_screen
from kiosk.ui.staff.access import StaffAccess
from kiosk.ui.usage import UsageRecorder
from kiosk.ui.window import KioskWindow
from tests.ui.layout_check import layout_problems, window_problem

SIZES = (
    (800, 1280),
    (1024, 768),
    (1280, 800),
    (1280, 1024),
    (1366, 768),
    (1920, 1080),
    (1080, 1920),
)
SHOWN_AT_MOST = 4000  # problems listed in a failure; the count says how many there were


def settle() -> None:
    """What the event loop does before the next frame: layouts, styles, deleted widgets gone."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def kiosk(qtbot, qapp, library, store, tmp_path: Path, monkeypatch) -> Iterator[StaffAccess]:
    """The kiosk as installed with everything on: staff PIN, printing, statistics."""
    usb = tmp_path / "usb"
    usb.mkdir()
    places = [("USB stick (removable drive)", usb), ("Documents folder", tmp_path)]
    monkeypatch.setattr(print_screen, "save_locations", lambda: places)
    monkeypatch.setattr(stats_screen, "save_locations", lambda: places)
    found = [
        PrinterSummary("Reception-Laser", "Reception laser printer", True, True),
        PrinterSummary("Back-Office-Inkjet", "Back office inkjet", False, False),
    ]
    monkeypatch.setattr(print_screen, "printers", lambda: found)
    settings = Settings(
        # No speech process: Listen is shown by hand where a voice would show it.
        speech_engine="none",
        patient_printing=True,
        staff_pin_hash=hash_pin("4826"),
        clinic_name="Riverside Women's Health Physiotherapy",
    )
    window = build_window(library, qapp, settings)
    usage = UsageRecorder(window, store)
    for page in library.pages:  # every title in the "most read" chart
        store.record(ev.PAGE_VIEW, page.id, 3)
    store.record(ev.SESSION, amount=12)
    store.flush()
    staff = StaffAccess(window, settings, reload=lambda: None, exit_kiosk=lambda: None, usage=usage)
    window.show()
    qtbot.waitExposed(window)
    yield staff
    usage.close()
    window.allow_close = True
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def longest_answer(window: KioskWindow) -> Route:
    """The question with the longest title: the hardest one to fit."""
    page = max(window.library.questions, key=lambda p: len(p.title))
    return Route("answer", page.id)


def places(staff: StaffAccess) -> Iterator[tuple[str, Callable[[], None]]]:
    """Each screen and overlay, with how to get there from the one before."""
    window = staff.window
    answer = longest_answer(window)
    entry = max(window.library.glossary.sorted_entries(), key=lambda e: len(e.definition))

    def attract() -> None:
        window.show_attract()

    def home() -> None:
        window.wake()

    def answer_reading_aloud() -> None:
        window.navigator.go(answer)
        # As while a voice speaks: the reading-aloud bar in place of Listen and Print.
        window.answer_screen._speaking(True)
        window.answer_screen.listen_button.hide()

    def answer_plain() -> None:
        window.answer_screen._speaking(False)
        window.answer_screen.listen_button.show()  # as when a voice is ready

    def definition() -> None:
        window.show_definition(entry.anchor)

    def glossary() -> None:
        window.popup.dismiss()
        window.navigator.go(Route("glossary"))

    def search() -> None:
        window.navigator.go(Route("search"))
        window.search_screen.field.setText("pain")

    def idle_question() -> None:
        window.idle_overlay.show_countdown(30)

    def pin_pad() -> None:
        window.idle_overlay.hide()
        staff.request()

    yield "attract", attract
    yield "home", home
    yield "answer with read-aloud bar", answer_reading_aloud
    yield "answer", answer_plain
    yield "glossary pop-up", definition
    yield "glossary", glossary
    yield "search", search
    yield "idle question", idle_question
    yield "PIN pad", pin_pad

    def staff_menu() -> None:
        staff.pad.cancel()  # as the right PIN does
        staff.open_staff_screen()

    yield "staff", staff_menu
    yield "print", staff.open_print_screen
    yield "statistics", staff.open_stats_screen


def check_every_shape(staff: StaffAccess, step: int, high: bool) -> tuple[list[str], int]:
    window = staff.window
    found: list[str] = []
    checked = 0
    for width, height in SIZES:
        session = Session(text_step=step, high_contrast=high)
        window.start_session(session)
        window.resize(width, height)
        settle()
        where = f"{width}x{height} at {session.text_percent}%"
        if problem := window_problem(window, width, height):
            found.append(f"{where}: the window {problem}")
        for name, go in places(staff):
            go()
            settle()
            found += [f"{where}, {name}: {p}" for p in layout_problems(window)]
            checked += 1
        staff.pad.cancel()
    return found, checked


def report(found: list[str]) -> str:
    shown = "\n".join(found[:SHOWN_AT_MOST])
    more = f"\n... and {len(found) - SHOWN_AT_MOST} more" if len(found) > SHOWN_AT_MOST else ""
    return f"{len(found)} problems:\n{shown}{more}"


@pytest.mark.parametrize(
    ("step", "high_contrast"),
    [(step, False) for step in range(len(TEXT_STEPS))] + [(len(TEXT_STEPS) - 1, True)],
    ids=[f"{p}%" for p in TEXT_STEPS] + [f"{TEXT_STEPS[-1]}%-high-contrast"],
)
def test_nothing_is_cut_at_any_size(kiosk: StaffAccess, step: int, high_contrast: bool) -> None:
    found, checked = check_every_shape(kiosk, step, high_contrast)
    assert checked == len(SIZES) * 12
    assert not found, report(found)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high-contrast"])
def test_the_attract_screen_is_whole_from_its_first_frame(
    qtbot, qapp, library, high_contrast: bool
) -> None:
    """As the kiosk starts: the window is sized and shown, and the attract screen opens at once,
    before the event loop has had a pass to style the hidden parts of the window."""
    for width, height in SIZES:
        settings = Settings(speech_engine="none", clinic_name="Riverside Women's Health")
        window = build_window(library, qapp, settings, locked=True)
        try:
            if high_contrast:
                window.start_session(Session(high_contrast=True))
            window.setGeometry(0, 0, width, height)
            window.show()
            window.show_attract()
            QApplication.processEvents()  # up to the first paint
            block = window.attract.block
            assert block.isVisible()
            found = [p for p in layout_problems(window) if "Attract" in p]
            assert not found, f"{width}x{height}: " + report(found)
            assert window.attract.rect().contains(block.geometry()), f"{width}x{height}"
        finally:
            window.allow_close = True
            window.close()
            window.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
