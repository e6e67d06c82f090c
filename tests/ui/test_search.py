"""Search with the on-screen keyboard: results as you type, misspellings, glossary, reset."""

from __future__ import annotations

from kiosk.core.session import HOME, Route
from tests.ui.helpers import left_click


def open_search(qtbot, window):
    left_click(qtbot, window.header.search)
    assert window.navigator.current == Route("search")
    return window.search_screen


def type_on_screen(qtbot, screen, text: str) -> None:
    for letter in text:
        left_click(qtbot, screen.keyboard.keys[letter])


def titles(screen) -> list[str]:
    return [hit.title for hit in screen.hits]


def test_typing_on_the_keyboard_updates_results_as_you_type(qtbot, window, library) -> None:
    screen = open_search(qtbot, window)
    assert screen.hits == []
    type_on_screen(qtbot, screen, "colla")
    assert screen.field.text() == "colla"
    after_five = list(screen.hits)
    type_on_screen(qtbot, screen, "gen")
    assert screen.field.text() == "collagen"
    assert window.session.search_text == "collagen"
    assert any(hit.kind == "glossary" and hit.title == "Collagen" for hit in screen.hits)
    assert screen.hits != after_five or after_five
    assert "result" in screen.summary.text()


def test_exact_word_finds_the_answer_and_opens_it_with_the_match_in_view(qtbot, window) -> None:
    screen = open_search(qtbot, window)
    type_on_screen(qtbot, screen, "cochrane")
    pages = [h for h in screen.hits if h.kind == "page"]
    assert pages, titles(screen)
    tiles = [t for t in screen.results.findChildren(type(window.home_screen.question_tiles[0]))]
    target = next(t for t in tiles if t.text() == pages[0].title)
    left_click(qtbot, target)
    assert window.navigator.current.screen == "answer"
    assert window.navigator.current.arg == pages[0].target
    view = window.answer_screen.view
    selection = view.extraSelections()
    assert selection, "the match is highlighted"
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(selection[0].cursor)
    assert "cochrane" in cursor.selectedText().lower()
    assert view.viewport().rect().intersects(view.cursorRect(cursor)), "and on screen"


def test_misspellings_still_find_answers(qtbot, window) -> None:
    screen = open_search(qtbot, window)
    for word in ("prolotheraphy", "sacroilliac", "colagen"):
        left_click(qtbot, screen.keyboard.keys["clear"])
        type_on_screen(qtbot, screen, word)
        assert screen.hits, f"nothing for {word!r}"


def test_glossary_result_opens_the_word_in_the_glossary(qtbot, window) -> None:
    screen = open_search(qtbot, window)
    type_on_screen(qtbot, screen, "sedation")
    hit = next(h for h in screen.hits if h.kind == "glossary")
    tiles = screen.results.findChildren(type(window.home_screen.question_tiles[0]))
    left_click(qtbot, next(t for t in tiles if t.text().endswith(hit.title)))
    assert window.navigator.current == Route("glossary", hit.target)


def test_delete_clear_and_space(qtbot, window) -> None:
    screen = open_search(qtbot, window)
    type_on_screen(qtbot, screen, "local an")
    assert screen.field.text() == "local an"
    left_click(qtbot, screen.keyboard.keys["delete"])
    assert screen.field.text() == "local a"
    left_click(qtbot, screen.keyboard.keys["clear"])
    assert screen.field.text() == ""
    assert screen.hits == []


def test_nothing_found_says_so(qtbot, window) -> None:
    screen = open_search(qtbot, window)
    type_on_screen(qtbot, screen, "zzzzqqq")
    assert screen.hits == []
    assert "Nothing found" in screen.summary.text()


def test_the_keyboard_never_covers_the_results(qtbot, window) -> None:
    screen = open_search(qtbot, window)
    type_on_screen(qtbot, screen, "pelvis")
    results = screen.scroll_area.geometry()
    keyboard = screen.keyboard.geometry()
    assert not results.intersects(keyboard)
    assert results.height() >= 150
    for key in screen.keyboard.keys.values():
        assert key.height() >= 60
        assert key.width() >= 60


def test_back_keeps_the_search_and_reset_clears_it(qtbot, window, library) -> None:
    screen = open_search(qtbot, window)
    type_on_screen(qtbot, screen, "ligament")
    hits = list(screen.hits)
    tiles = screen.results.findChildren(type(window.home_screen.question_tiles[0]))
    left_click(qtbot, tiles[0])
    left_click(qtbot, window.answer_screen.nav.back)
    assert window.navigator.current == Route("search")
    assert screen.field.text() == "ligament"
    assert screen.hits == hits
    window.reset_for_next_patient()
    assert window.session.search_text == ""
    left_click(qtbot, window.attract)
    assert window.navigator.current == HOME
    open_search(qtbot, window)
    assert screen.field.text() == ""
    assert screen.hits == []
