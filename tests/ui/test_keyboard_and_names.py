"""Screen readers and keyboards: every control named (its visible words in its name), every
answer and glossary word reachable by keyboard, and each screen presented as it opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAccessible, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from kiosk.core.library_source import read_pack
from kiosk.core.pin import hash_pin
from kiosk.core.session import HOME, Route
from kiosk.core.settings import Settings
from kiosk.ui.staff.access import StaffAccess
from tests.conftest import CONTENT
from tests.ui.helpers import label_not_in_name, visible_words

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QTextEdit):
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
    window.answer_screen.speech_bar.show_paused(True)
    yield "answer, reading aloud paused"
    window.answer_screen.speech_bar.show_paused(False)
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


def visible_controls(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible()]


def test_every_visible_label_is_part_of_its_controls_name(qtbot, staffed, library):
    """WCAG 2.5.3: a patient who says or hears the words on a button can find it by them."""
    window, staff = staffed
    problems = {}
    checked = 0
    for name in every_screen(qtbot, window, library, staff):
        qtbot.wait(1)
        controls = visible_controls(window)
        checked += len(controls)
        if wrong := [p for p in map(label_not_in_name, controls) if p]:
            problems[name] = wrong
    assert checked > 100
    assert problems == {}


def test_the_label_in_name_check_can_fail(qtbot) -> None:
    shown = QPushButton("A+")
    qtbot.addWidget(shown)
    shown.setAccessibleName("Larger text")
    assert label_not_in_name(shown), "the name lacks the visible A+"
    shown.setAccessibleName("A+ larger text")
    assert label_not_in_name(shown) == ""
    shown.setText("‹  Back")
    shown.setAccessibleName("Back")
    assert label_not_in_name(shown) == "", "an arrow drawn beside the word is not text"


def test_screens_and_their_text_are_named_as_shown(qtbot, window, library) -> None:
    page = library.questions[0]
    window.navigator.go(Route("answer", page.id))
    screen = window.answer_screen
    assert screen.view.accessibleName() == screen.title.text() == page.title
    window.show_attract()
    assert window.attract.accessibleName() == window.attract.heading.text()
    for line in window.attract.findChildren(type(window.attract.heading)):
        if line is not window.attract.heading:
            assert visible_words(line.text()) in visible_words(
                window.attract.accessibleDescription()
            )
    window.wake()
    home = window.home_screen
    assert library.info.title in home.accessibleDescription()


def test_the_answer_text_is_exposed_to_assistive_technology(qtbot, window, library) -> None:
    page = library.questions[0]
    window.navigator.go(Route("answer", page.id))
    interface = QAccessible.queryAccessibleInterface(window.answer_screen.view)
    assert interface is not None
    assert interface.text(QAccessible.Text.Name) == page.title
    # A text (Orca reads it from the caret as it takes the focus), not a label (Orca says
    # nothing when a label takes the focus), and read-only.
    assert interface.role() == QAccessible.Role.EditableText
    assert interface.state().readOnly
    assert interface.state().focusable
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


# --- Glossary words in an answer, by keyboard ----------------------------------------------------


def open_answer_by_keyboard(qtbot, window, index: int = 0):
    window.activateWindow()
    window.setFocus()
    tab_to(qtbot, window, window.home_screen.question_tiles[index])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(1)  # the screen's focus is settled after the change
    return window.answer_screen.view


def test_an_answer_opened_by_keyboard_takes_the_focus_with_the_caret_at_its_start(
    qtbot, window, library
) -> None:
    view = open_answer_by_keyboard(qtbot, window, 1)
    assert window.navigator.current == Route("answer", library.questions[1].id)
    assert QApplication.focusWidget() is view, "a screen reader reads what has the focus"
    assert view.textCursor().position() == 0
    assert not view.textCursor().hasSelection()


def test_an_answer_opened_by_touch_leaves_the_focus_on_the_window(qtbot, window) -> None:
    qtbot.mouseClick(window.home_screen.question_tiles[0], Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    view = window.answer_screen.view
    assert window.stack.currentWidget() is window.answer_screen
    assert QApplication.focusWidget() is not view, "no focus ring the patient did not ask for"
    left = QApplication.focusWidget()
    assert left is None or left is window


def test_tab_walks_the_glossary_words_and_enter_opens_one(qtbot, window, library) -> None:
    view = open_answer_by_keyboard(qtbot, window)
    links = view.links()
    assert len(links) >= 3
    for link in links[:3]:
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is view
        assert view.focused_link() == link
        cursor = view.textCursor()
        assert cursor.selectionStart() == link.start
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert view.focused_link() == links[1], "Shift+Tab goes back a word"
    press(qtbot, Qt.Key.Key_Return)
    entry = library.glossary.by_anchor(links[1].href.removeprefix("glossary:"))
    assert entry is not None
    assert window.popup.isVisible()
    assert window.popup.term == entry.term
    assert window.popup.card.accessibleName() == entry.term
    assert window.popup.text.text() in window.popup.close_button.accessibleDescription()
    press(qtbot, Qt.Key.Key_Escape)
    assert not window.popup.isVisible()
    assert QApplication.focusWidget() is view, "back to the word, not lost"
    assert view.focused_link() == links[1]


def test_tab_leaves_the_answer_after_its_last_word(qtbot, window) -> None:
    view = open_answer_by_keyboard(qtbot, window)
    for _ in view.links():
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.answer_screen.nav.home


def test_a_screen_reader_can_scroll_the_answer_to_the_text_it_reads(qtbot, window, library):
    """Orca's Read all asks the text to scroll to each line (scrollSubstringTo); Qt does it by a
    slot of the view. A missing slot logged "No such method" (a warning fails this test)."""
    window.navigator.go(Route("answer", library.questions[2].id))
    view = window.answer_screen.view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == 0
    text = QAccessible.queryAccessibleInterface(view).textInterface()
    end = text.characterCount()
    text.scrollToSubstring(end - 20, end)
    assert bar.value() > 0
    last = view.cursorRect(_cursor_at(view, end))
    assert view.viewport().rect().intersects(last), "the last line is on screen"
    view._q_ensureVisible(QRectF(0, 0, 10, 10))
    assert bar.value() == 0


def _cursor_at(view, position: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return cursor


def test_home_opened_by_keyboard_takes_the_focus_and_tab_goes_on_to_the_tiles(
    qtbot, window
) -> None:
    open_answer_by_keyboard(qtbot, window)
    tab_to(qtbot, window, window.answer_screen.nav.home)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.wait(1)
    assert window.navigator.current == HOME
    assert QApplication.focusWidget() is window.home_screen
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.home_screen.question_tiles[0]


def test_a_key_that_wakes_the_attract_screen_puts_the_focus_on_home(qtbot, window) -> None:
    window.show_attract()
    assert QApplication.focusWidget() is window.attract
    qtbot.keyClick(window.attract, Qt.Key.Key_Space)
    qtbot.wait(1)
    assert not window.attract.isVisible()
    assert QApplication.focusWidget() is window.home_screen


def test_the_screens_are_a_plain_container_to_a_screen_reader(window) -> None:
    """Not a "layered pane", which Orca spoke, without a name, before the first tile."""
    interface = QAccessible.queryAccessibleInterface(window.stack)
    assert interface.role() == QAccessible.Role.Client


def test_search_opened_by_keyboard_from_the_header_puts_the_focus_in_the_field(
    qtbot, window
) -> None:
    window.activateWindow()
    window.setFocus()
    tab_to(qtbot, window, window.header.search)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(1)
    assert window.navigator.current == Route("search")
    assert QApplication.focusWidget() is window.search_screen.field


def test_a_text_size_change_by_keyboard_keeps_the_focus_on_its_button(qtbot, window, library):
    open_answer_by_keyboard(qtbot, window)
    tab_to(qtbot, window, window.header.larger)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(1)
    assert window.session.text_percent > 100
    assert QApplication.focusWidget() is window.header.larger, "the patient may press it again"
