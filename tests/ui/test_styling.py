"""A+ restyles what is on screen at once, the rest while the kiosk is idle or as it is shown."""

from __future__ import annotations

from kiosk.core.session import Route
from tests.ui.helpers import left_click


def font_px(widget) -> int:
    return widget.fontInfo().pixelSize()


def all_styled(window) -> bool:
    return all(part.styleSheet() == window.styler.sheet for part in window.styler.parts())


def test_hidden_screens_are_restyled_while_the_kiosk_is_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: all_styled(window))
    window.navigator.go(Route("search"))
    key = window.search_screen.keyboard.keys["a"]
    before = font_px(key)
    window.navigator.home()
    tile_title = window.home_screen.tiles()[0].findChildren(type(window.header.title))[0]
    title_before = font_px(tile_title)

    left_click(qtbot, window.header.larger)
    left_click(qtbot, window.header.larger)

    assert font_px(tile_title) > title_before  # on screen: restyled at once
    assert window.search_screen.styleSheet() != window.styler.sheet  # not yet
    qtbot.waitUntil(lambda: all_styled(window))
    window.navigator.go(Route("search"))
    assert font_px(key) > before


def test_a_screen_shown_before_its_turn_is_restyled_as_it_shows(qtbot, window) -> None:
    left_click(qtbot, window.header.larger)
    assert window.search_screen.styleSheet() != window.styler.sheet

    left_click(qtbot, window.header.search)  # no idle time has passed

    assert window.search_screen.styleSheet() == window.styler.sheet


def test_overlays_are_styled_when_they_open(qtbot, window) -> None:
    left_click(qtbot, window.header.larger)
    left_click(qtbot, window.home_screen.tiles()[0])
    window.show_definition(window.library.glossary.sorted_entries()[0].anchor)
    assert window.popup.isVisible()
    assert window.popup.styleSheet() == window.styler.sheet

    window.reset_for_next_patient()  # back to 100%: the attract screen opens with that size
    assert window.attract.styleSheet() == window.styler.sheet
    assert window.header.styleSheet() == window.styler.sheet


def test_every_screen_has_the_one_sheet_when_shown(qtbot, window) -> None:
    left_click(qtbot, window.header.contrast)
    stale = []
    for index in range(window.stack.count()):
        window.stack.setCurrentIndex(index)
        if window.stack.currentWidget().styleSheet() != window.styler.sheet:
            stale.append(type(window.stack.currentWidget()).__name__)
    assert window.stack.count() >= 4
    assert stale == []
