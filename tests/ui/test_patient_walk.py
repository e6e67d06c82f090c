"""A patient's walk through the kiosk: tiles, answers, navigation, text size, contrast, glossary."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QContextMenuEvent, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QTextBrowser

from bench.patient_robot import link_positions
from kiosk.core.session import HOME, TEXT_STEPS, Route
from tests.ui.helpers import is_cut_off, left_click, point_of


def test_home_shows_a_tile_for_every_question_and_the_extras(window, library) -> None:
    titles = [t.text() for t in window.home_screen.question_tiles]
    assert titles == [p.title for p in library.questions]
    extras = [t.text() for t in window.home_screen.info_tiles]
    assert "Words explained" in extras
    assert any("About this information" in t for t in extras)
    assert window.navigator.current == HOME


def test_each_tile_opens_its_answer(qtbot, window, library) -> None:
    for tile, page in zip(window.home_screen.question_tiles, library.questions, strict=True):
        left_click(qtbot, tile)
        assert window.navigator.current == Route("answer", page.id)
        assert window.stack.currentWidget() is window.answer_screen
        assert window.answer_screen.title.text() == page.title
        text = window.answer_screen.view.toPlainText()
        assert "Last reviewed" in text
        assert "Next review due" in text
        assert "not medical advice" in text
        left_click(qtbot, window.answer_screen.nav.home)
        assert window.navigator.current == HOME


def test_next_previous_back_and_home(qtbot, window, library) -> None:
    pages = library.pages
    nav = window.answer_screen.nav
    left_click(qtbot, window.home_screen.question_tiles[0])
    assert not nav.previous.isEnabled()
    for page in pages[1:]:
        left_click(qtbot, nav.next)
        assert window.answer_screen.title.text() == page.title
    assert not nav.next.isEnabled()
    left_click(qtbot, nav.previous)
    assert window.answer_screen.title.text() == pages[-2].title
    left_click(qtbot, nav.back)
    assert window.answer_screen.title.text() == pages[-1].title
    left_click(qtbot, nav.back)
    assert window.answer_screen.title.text() == pages[-2].title
    left_click(qtbot, nav.home)
    assert window.stack.currentWidget() is window.home_screen
    # Home starts the trail again: Back from the first answer returns Home.
    left_click(qtbot, window.home_screen.question_tiles[2])
    left_click(qtbot, nav.back)
    assert window.navigator.current == HOME


def test_back_returns_to_the_same_scroll_position(qtbot, window, library) -> None:
    left_click(qtbot, window.home_screen.question_tiles[2])
    bar = window.answer_screen.view.verticalScrollBar()
    assert bar.maximum() > 0, "the answer should be long enough to scroll at 1280x800"
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    left_click(qtbot, window.answer_screen.nav.next)
    assert bar.value() == 0, "a new answer starts at the top"
    left_click(qtbot, window.answer_screen.nav.back)
    assert bar.value() == kept


def _every_text_step(qtbot, window):
    larger = window.header.larger
    yield TEXT_STEPS[0]
    for percent in TEXT_STEPS[1:]:
        left_click(qtbot, larger)
        assert window.header.size_label.text().endswith(f"{percent}%")
        yield percent
    assert not larger.isEnabled()


def test_every_text_size_reflows_answers_without_horizontal_scrolling(qtbot, window, library):
    for percent in _every_text_step(qtbot, window):
        for page in library.pages:
            window.navigator.go(Route("answer", page.id))
            qtbot.wait(1)
            view = window.answer_screen.view
            hbar = view.horizontalScrollBar()
            assert hbar.maximum() == 0, f"{page.id} scrolls sideways at {percent}%"
            assert not is_cut_off(window.answer_screen.title), f"title cut off at {percent}%"
            for button in (window.answer_screen.nav.home, window.answer_screen.nav.next):
                assert button.width() >= button.sizeHint().width(), f"{button.text()} squeezed"
            assert view.font().pixelSize() == round(24 * percent / 100)


def test_every_text_size_keeps_home_tiles_whole(qtbot, window):
    for percent in _every_text_step(qtbot, window):
        window.navigator.home()
        qtbot.wait(1)
        for tile in window.home_screen.question_tiles + window.home_screen.info_tiles:
            assert tile.width() <= window.width(), f"tile wider than the screen at {percent}%"
            for label in tile.findChildren(type(window.header.title)):
                assert not is_cut_off(label), f"{label.text()!r} cut off at {percent}%"
        assert window.home_screen.scroll_area.horizontalScrollBar().maximum() == 0


def test_text_size_goes_back_down(qtbot, window) -> None:
    left_click(qtbot, window.header.larger)
    left_click(qtbot, window.header.larger)
    assert window.session.text_percent == TEXT_STEPS[2]
    left_click(qtbot, window.header.smaller)
    assert window.session.text_percent == TEXT_STEPS[1]


def test_contrast_toggle_changes_the_palette(qtbot, window, qapp) -> None:
    window_colour = qapp.palette().color(QPalette.ColorRole.Window).name()
    text_colour = qapp.palette().color(QPalette.ColorRole.WindowText).name()
    left_click(qtbot, window.header.contrast)
    assert window.session.high_contrast
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert qapp.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    assert window_colour != "#000000"
    grab = window.home_screen.grab().toImage()
    assert grab.pixelColor(5, grab.height() - 5).name() == "#000000"
    left_click(qtbot, window.header.contrast)
    assert qapp.palette().color(QPalette.ColorRole.WindowText).name() == text_colour


def test_glossary_link_opens_and_closes_its_definition(qtbot, window, library) -> None:
    left_click(qtbot, window.home_screen.question_tiles[0])
    view = window.answer_screen.view
    links = link_positions(view, "glossary:")
    assert links, "the first answer should explain at least one medical word"
    href, position = links[0]
    left_click(qtbot, view.viewport(), point_of(view, position))
    qtbot.waitUntil(window.popup.isVisible, timeout=2000)
    entry = library.glossary.by_anchor(href.removeprefix("glossary:"))
    assert window.popup.title.text() == entry.term
    assert window.session.popup == entry.anchor
    assert window.popup.close_button.height() >= 72
    left_click(qtbot, window.popup.close_button)
    assert not window.popup.isVisible()
    assert window.session.popup == ""


def test_glossary_screen_lists_every_word(qtbot, window, library) -> None:
    left_click(qtbot, window.home_screen.info_tiles[-1])
    assert window.stack.currentWidget() is window.glossary_screen
    text = window.glossary_screen.view.toPlainText()
    for entry in library.glossary.sorted_entries():
        assert entry.term in text


@pytest.mark.parametrize("where", ["answer", "tile", "popup"])
def test_right_click_and_long_press_open_no_menu(qtbot, window, qapp, where) -> None:
    left_click(qtbot, window.home_screen.question_tiles[0])
    if where == "answer":
        target = window.answer_screen.view.viewport()
    elif where == "tile":
        window.navigator.home()
        target = window.home_screen.question_tiles[0]
    else:
        anchor = link_positions(window.answer_screen.view, "glossary:")[0][0]
        window.show_definition(anchor.removeprefix("glossary:"))
        target = window.popup.text
    centre = QPoint(target.width() // 2, target.height() // 2)
    qtbot.mouseClick(target, Qt.MouseButton.RightButton, pos=centre)
    # A touchscreen long-press arrives as a context-menu event from the mouse or keyboard.
    for reason in (QContextMenuEvent.Reason.Mouse, QContextMenuEvent.Reason.Keyboard):
        event = QContextMenuEvent(reason, centre, target.mapToGlobal(centre))
        QApplication.sendEvent(target, event)
    qtbot.wait(50)
    menus = [w for w in qapp.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert menus == []


def test_links_never_leave_the_kiosk(qtbot, window) -> None:
    left_click(qtbot, window.home_screen.question_tiles[0])
    view = window.answer_screen.view
    assert not isinstance(view, QTextBrowser), "a text browser can load a link's target itself"
    before = window.navigator.current
    for url in ("https://example.org/", "file:///etc/passwd", "javascript:alert(1)"):
        view.follow(QUrl(url))
        assert window.navigator.current == before
        assert not window.popup.isVisible()
