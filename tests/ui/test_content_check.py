"""The kiosk shows its pages at once and checks their bodies after the first paint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.core.loader import PackReading, read_pack_files
from kiosk.core.session import Route
from kiosk.ui.content_check import ContentCheck
from tests.conftest import CONTENT
from tests.ui.helpers import left_click

BROKEN_ID = "is-it-safe"


@pytest.fixture
def reading(tmp_path: Path) -> PackReading:
    """The bundled pack with one page given a web link: an error only a body check finds."""
    pack = tmp_path / "en-GB"
    shutil.copytree(CONTENT / "en-GB", pack)
    page = next(p for p in (pack / "pages").glob("*.md") if f"id: {BROKEN_ID}\n" in p.read_text())
    page.write_text(page.read_text() + "\nMore at [our site](https://example.org).\n")
    return read_pack_files(pack)


def titles(window) -> list[str]:
    return [tile.text() for tile in window.home_screen.tiles()]


def run_check(qtbot, window, reading: PackReading) -> None:
    check = ContentCheck(window, reading)
    with qtbot.waitSignal(check.finished, timeout=20_000):
        check.start()


def test_a_page_with_a_body_error_goes_once_the_check_is_done(qtbot, make_window, reading) -> None:
    window = make_window(content=reading.library)
    broken = reading.library.page(BROKEN_ID).title
    assert broken in titles(window)  # shown at once: only its metadata was read

    run_check(qtbot, window, reading)

    assert broken not in titles(window)
    assert not window.library.has_page(BROKEN_ID)
    assert len(window.home_screen.tiles()) == len(reading.library.pages)  # glossary tile too
    # Searching uses the index the check built, which knows nothing of the dropped page.
    left_click(qtbot, window.header.search)
    for letter in "safe":
        left_click(qtbot, window.search_screen.keyboard.keys[letter])
    assert window.search_screen.hits
    assert all(hit.target != BROKEN_ID for hit in window.search_screen.hits)


def test_a_patient_reading_the_dropped_page_is_taken_home(qtbot, make_window, reading) -> None:
    window = make_window(content=reading.library)
    window.navigator.go(Route("answer", BROKEN_ID))

    run_check(qtbot, window, reading)

    assert window.stack.currentWidget() is window.home_screen


def test_a_patient_reading_a_good_page_stays_on_it(qtbot, make_window, reading) -> None:
    window = make_window(content=reading.library)
    left_click(qtbot, window.home_screen.question_tiles[0])
    page_id = window.session.current.arg

    run_check(qtbot, window, reading)

    assert window.stack.currentWidget() is window.answer_screen
    assert window.session.current == Route("answer", page_id)


def test_a_clean_pack_keeps_its_screens_and_gets_the_index(qtbot, make_window) -> None:
    reading = read_pack_files(CONTENT / "en-GB")
    window = make_window(content=reading.library)
    home = window.home_screen

    run_check(qtbot, window, reading)

    assert window.home_screen is home  # nothing to drop: nothing rebuilt under the patient
    assert window.library.problems == reading.check().problems
    assert window.search_screen.index.search("collagen")


def test_content_reloaded_meanwhile_is_not_replaced(qtbot, make_window, reading, library) -> None:
    window = make_window(content=reading.library)
    window.set_library(library)  # staff reloaded before the check finished

    run_check(qtbot, window, reading)

    assert window.library is library
