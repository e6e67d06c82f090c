"""Screen readers and keyboards: every control named, every answer reachable by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QTextBrowser,
    QWidget,
)

from kiosk.core.pin import hash_pin
from kiosk.core.session import HOME, Route
from kiosk.core.settings import Settings
from kiosk.library_source import read_pack
from kiosk.ui.staff.access import StaffAccess
from tests.conftest import CONTENT

INTERACTIVE = (QAbstractButton, QLineEdit, QTextBrowser)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QTextBrowser):
            continue
        if not widget.accessibleName().strip():
            label = widget.text() if isinstance(widget, QAbstractButton) else ""
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {label!r}")
    return missing


def every_screen(qtbot, window, library, staff):
    yield "home"
    for page in library.pages:
        window.navigator.go(Route("answer", page.id))
        yield f"answer {page.id}"
    window.answer_screen.listen()
    yield "answer while reading aloud"
    window.navigator.go(Route("glossary"))
    yield "glossary"
    window.navigator.go(Route("search"))
    window.search_screen.field.setText("ligament")
    yield "search with results"
    window.show_definition(library.glossary.sorted_entries()[0].anchor)
    yield "glossary pop-up"
    window.popup.dismiss()
    window.idle_overlay.show_countdown(20)
    yield "idle warning"
    window.idle_overlay.hide()
    window.show_attract()
    yield "attract"
    window.wake()
    staff.request()
    yield "PIN pad"
    staff.pad.cancel()
    staff.open_staff_screen()
    yield "staff menu"
    staff.open_print_screen()
    yield "staff printing"


@pytest.fixture
def staffed(make_window):
    window = make_window(settings=Settings())
    staff = StaffAccess(
        window,
        Settings(staff_pin_hash=hash_pin("2580")),
        reload=lambda: read_pack(CONTENT, "en-GB"),
        exit_kiosk=lambda: None,
    )
    return window, staff


def test_every_control_on_every_screen_has_an_accessible_name(qtbot, staffed, library):
    window, staff = staffed
    problems = {}
    for name in every_screen(qtbot, window, library, staff):
        qtbot.wait(1)
        if missing := unnamed_controls(window):
            problems[name] = missing
    assert problems == {}


def test_the_answer_text_is_exposed_to_assistive_technology(qtbot, window, library) -> None:
    page = library.questions[0]
    window.navigator.go(Route("answer", page.id))
    interface = QAccessible.queryAccessibleInterface(window.answer_screen.view)
    assert interface is not None
    assert interface.text(QAccessible.Text.Name) == page.title
    text_interface = interface.textInterface()
    assert text_interface is not None
    exposed = text_interface.text(0, text_interface.characterCount())
    assert "Prolotherapy" in exposed
    assert "not medical advice" in exposed


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or QApplication.activeWindow()
    qtbot.keyClick(target, key, modifier)


def tab_to(qtbot, window, widget: QWidget, limit: int = 80) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName() or widget}")


def test_keyboard_alone_reaches_every_answer_and_comes_back(qtbot, window, library) -> None:
    window.activateWindow()
    window.setFocus()
    for index, page in enumerate(library.questions):
        tab_to(qtbot, window, window.home_screen.question_tiles[index])
        press(qtbot, Qt.Key.Key_Return)
        assert window.navigator.current == Route("answer", page.id)
        tab_to(qtbot, window, window.answer_screen.nav.home)
        press(qtbot, Qt.Key.Key_Space)
        assert window.navigator.current == HOME


def test_shift_tab_goes_backwards_and_arrows_move_between_tiles(qtbot, window) -> None:
    tiles = window.home_screen.question_tiles
    tab_to(qtbot, window, tiles[1])
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is tiles[0]
    press(qtbot, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is tiles[1]
    press(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is tiles[3], "down moves a row (two columns)"
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Left)
    assert QApplication.focusWidget() is tiles[0]


def test_focus_is_visible(qtbot, window) -> None:
    tile = window.home_screen.question_tiles[0]
    before = tile.grab().toImage()
    tab_to(qtbot, window, tile)
    after = tile.grab().toImage()
    assert before != after, "a focused tile must look different"
    button = window.header.contrast
    plain = button.grab().toImage()
    tab_to(qtbot, window, button)
    assert button.grab().toImage() != plain
