"""A large pack: Home shows its tiles a page at a time, and only those tiles exist."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from bench.synthetic_pack import write_pack
from kiosk.core.loader import load_library
from kiosk.core.model import Library
from kiosk.ui.screens.home import TILES_PER_PAGE
from kiosk.ui.widgets.tile import KioskTile
from tests.ui.helpers import left_click

PAGES = 30  # 27 questions and 3 information pages, plus "Words explained": 31 tiles


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    pack = write_pack(tmp_path_factory.mktemp("big"), pages=PAGES, glossary_terms=20)
    library = load_library(pack)
    assert len(library.pages) == PAGES, library.errors
    return library


def live_tiles(window) -> int:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return len(window.home_screen.findChildren(KioskTile))


def test_home_shows_one_page_of_tiles_and_where_it_is(make_window, big_library) -> None:
    window = make_window(content=big_library)
    home = window.home_screen

    assert len(home.tiles()) == TILES_PER_PAGE
    assert live_tiles(window) == TILES_PER_PAGE
    assert home.page_label.isVisible()
    assert home.page_label.text() == "Page 1 of 3"
    assert not home.earlier.isEnabled()
    assert home.later.isEnabled()
    assert home.tiles()[0].text() == big_library.questions[0].title


def test_more_back_and_home_move_between_pages(qtbot, make_window, big_library) -> None:
    window = make_window(content=big_library)
    home = window.home_screen

    left_click(qtbot, home.later)
    assert home.page_label.text() == "Page 2 of 3"
    assert home.tiles()[0].text() == big_library.questions[TILES_PER_PAGE].title
    left_click(qtbot, home.later)
    assert home.page_label.text() == "Page 3 of 3"
    assert not home.later.isEnabled()
    # The last page ends with the information pages and the glossary, under their heading.
    assert home.more.isVisible()
    assert home.info_tiles[-1].text() == "Words explained"
    assert live_tiles(window) == PAGES + 1 - 2 * TILES_PER_PAGE

    left_click(qtbot, home.tiles()[0])
    assert window.stack.currentWidget() is window.answer_screen
    left_click(qtbot, window.answer_screen.nav.back)
    assert home.page_label.text() == "Page 3 of 3"  # Back returns to the same page of tiles
    left_click(qtbot, home.earlier)
    assert home.page_label.text() == "Page 2 of 3"
    left_click(qtbot, home.tiles()[0])
    left_click(qtbot, window.answer_screen.nav.home)
    assert home.page_label.text() == "Page 1 of 3"  # Home is always the first page


def test_a_new_patient_starts_on_the_first_page(qtbot, make_window, big_library) -> None:
    window = make_window(content=big_library)
    left_click(qtbot, window.home_screen.later)

    window.reset_for_next_patient()
    window.wake()

    assert window.home_screen.page_label.text() == "Page 1 of 3"


def test_a_small_pack_has_no_page_buttons(window) -> None:
    home = window.home_screen
    assert home.page_count == 1
    assert not home.page_label.isVisible()
    assert not home.later.isVisible()
    assert not home.earlier.isVisible()
