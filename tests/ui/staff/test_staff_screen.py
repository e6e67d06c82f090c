"""The staff menu: its buttons ask for things, exit needs a second tap, reports are readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QVBoxLayout, QWidget

from kiosk.ui.staff.staff_screen import EXIT_CONFIRM_MS, StaffScreen
from tests.ui.staff import kiosk_sized_window, style_application

LEFT = Qt.MouseButton.LeftButton
SHORT_MS = 300


@pytest.fixture(autouse=True)
def _styled(qapp) -> None:
    style_application(qapp)


@pytest.fixture
def window(qtbot) -> QWidget:
    return kiosk_sized_window(qtbot)


def staff_screen(qtbot, window: QWidget, **kwargs) -> StaffScreen:
    screen = StaffScreen(**kwargs)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(screen)
    qtbot.waitUntil(screen.isVisible, timeout=1000)
    return screen


@pytest.fixture
def screen(qtbot, window) -> StaffScreen:
    return staff_screen(qtbot, window, confirm_ms=SHORT_MS)


def test_back_and_reload_ask_the_window(qtbot, screen) -> None:
    assert screen.objectName() == "Screen"
    assert screen.title.text() == "Staff"
    with qtbot.waitSignal(screen.backRequested, timeout=1000):
        qtbot.mouseClick(screen.back_button, LEFT)
    with qtbot.waitSignal(screen.reloadRequested, timeout=1000):
        qtbot.mouseClick(screen.reload_button, LEFT)


def test_exit_needs_a_second_tap(qtbot, screen) -> None:
    assert screen.exit_button.text() == "Exit kiosk"
    with qtbot.assertNotEmitted(screen.exitRequested):
        qtbot.mouseClick(screen.exit_button, LEFT)
    assert screen.exit_button.text() == "Tap again to exit"
    assert "Tap again" in screen.exit_button.accessibleName()
    with qtbot.waitSignal(screen.exitRequested, timeout=1000):
        qtbot.mouseClick(screen.exit_button, LEFT)
    assert screen.exit_button.text() == "Exit kiosk"


def test_the_exit_confirmation_runs_out(qtbot, screen) -> None:
    qtbot.mouseClick(screen.exit_button, LEFT)
    qtbot.waitUntil(lambda: screen.exit_button.text() == "Exit kiosk", timeout=SHORT_MS + 1000)
    assert screen.exit_button.accessibleName() == "Exit kiosk"
    with qtbot.assertNotEmitted(screen.exitRequested):
        qtbot.mouseClick(screen.exit_button, LEFT)  # a first tap again, not a confirmation


def test_the_exit_confirmation_lasts_five_seconds_by_default(qtbot, window) -> None:
    assert EXIT_CONFIRM_MS == 5000
    screen = staff_screen(qtbot, window)
    qtbot.mouseClick(screen.exit_button, LEFT)
    qtbot.wait(SHORT_MS + 200)  # longer than the short test timeout, far short of 5 s
    assert screen.is_confirming_exit()
    with qtbot.waitSignal(screen.exitRequested, timeout=1000):
        qtbot.mouseClick(screen.exit_button, LEFT)


def test_leaving_the_screen_drops_a_half_made_exit(qtbot, window) -> None:
    screen = staff_screen(qtbot, window)
    qtbot.mouseClick(screen.exit_button, LEFT)
    screen.hide()
    screen.show()
    assert screen.exit_button.text() == "Exit kiosk"
    with qtbot.assertNotEmitted(screen.exitRequested):
        qtbot.mouseClick(screen.exit_button, LEFT)


def test_a_report_is_shown_as_plain_read_only_text(qtbot, screen) -> None:
    lines = "content/en-GB/a.md:3: warning: <b>not bold</b>\ncontent/en-GB/b.md:9: warning: long"
    screen.show_report("Content reloaded: 7 pages, 0 errors, 8 warnings", lines)
    assert screen.report_title.text() == "Content reloaded: 7 pages, 0 errors, 8 warnings"
    assert screen.report.toPlainText() == lines
    assert screen.report.objectName() == "StaffReport"
    assert screen.report.isReadOnly()
    assert screen.report.accessibleName()
    assert screen.report.accessibleDescription().startswith("Content reloaded")
    qtbot.keyClicks(screen.report, "typed")
    assert screen.report.toPlainText() == lines


def test_later_features_can_add_entries_above_exit(qtbot, screen) -> None:
    button = screen.add_entry("Print leaflets", "Print leaflets for patients")
    qtbot.waitUntil(button.isVisible, timeout=1000)
    assert button.accessibleName() == "Print leaflets for patients"
    menu = screen.menu_area.widget()
    assert screen.reload_button.y() < button.y() < screen.exit_button.y()
    assert button.parentWidget() is menu
    with qtbot.waitSignal(button.clicked, timeout=1000):
        qtbot.mouseClick(button, LEFT)


def test_every_button_is_a_large_named_target(qtbot, screen) -> None:
    screen.add_entry("Statistics", "Show use statistics")
    qtbot.wait(1)
    buttons = [b for b in screen.findChildren(QAbstractButton) if b.isVisible()]
    assert len(buttons) == 4
    for button in buttons:
        assert button.accessibleName(), button.text()
        assert button.height() >= 60, button.text()
        assert button.width() >= 44, button.text()
        assert button.focusPolicy() == Qt.FocusPolicy.TabFocus


def test_buttons_fit_inside_the_screen(screen: QWidget) -> None:
    area = screen.menu_area.viewport().rect()
    for button in (screen.back_button, screen.reload_button, screen.exit_button):
        top_left = button.mapTo(screen.menu_area.viewport(), button.rect().topLeft())
        assert area.contains(top_left), button.text()
