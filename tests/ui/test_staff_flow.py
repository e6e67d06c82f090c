"""Staff get in with the corner hold and the PIN, reload content, and leave; patients cannot."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.core.library_source import read_pack
from kiosk.core.pin import hash_pin
from kiosk.core.session import HOME
from kiosk.core.settings import Settings
from kiosk.ui.staff.access import StaffAccess
from tests.conftest import CONTENT
from tests.ui.fakes import FakeClock
from tests.ui.helpers import left_click

PIN = "4826"
HOLD_MS = 100


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "en-GB", root / "en-GB")
    return root


def make_staff(window, pin_hash: str, content: Path, exits: list[int]) -> StaffAccess:
    return StaffAccess(
        window,
        Settings(staff_pin_hash=pin_hash),
        reload=lambda: read_pack(content, "en-GB"),
        exit_kiosk=lambda: exits.append(1),
        hold_ms=HOLD_MS,
    )


def hold_corner(qtbot, window, ms: int) -> None:
    target = window.childAt(QPoint(20, 20))
    pos = target.mapFrom(window, QPoint(20, 20))
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.wait(ms)
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=pos)


def type_pin(qtbot, pad, pin: str) -> None:
    for digit in pin:
        left_click(qtbot, pad.digit_keys[digit])
    left_click(qtbot, pad.enter_key)


@pytest.fixture
def locked(make_window):
    clock = FakeClock()
    win = make_window(
        settings=Settings(idle_seconds=60, warning_seconds=20), locked=True, clock=clock
    )
    win.clock = clock
    win.wake()
    return win


def test_corner_hold_and_pin_open_the_staff_screen(qtbot, locked, pin_hash, content):
    exits: list[int] = []
    staff = make_staff(locked, pin_hash, content, exits)
    hold_corner(qtbot, locked, HOLD_MS // 3)
    assert not staff.pad.isVisible(), "a short touch in the corner is just a touch"
    hold_corner(qtbot, locked, HOLD_MS * 3)
    assert staff.pad.isVisible()
    type_pin(qtbot, staff.pad, "1111")
    assert not staff.is_open()
    type_pin(qtbot, staff.pad, PIN)
    assert staff.is_open()
    assert not staff.pad.isVisible()
    left_click(qtbot, staff.screen.exit_button)
    assert exits == [], "one tap is not enough to close the kiosk"
    left_click(qtbot, staff.screen.exit_button)
    assert exits == [1]


def test_back_to_patient_view_shows_home(qtbot, locked, pin_hash, content):
    staff = make_staff(locked, pin_hash, content, [])
    staff.open_staff_screen()
    left_click(qtbot, staff.screen.back_button)
    assert not staff.is_open()
    assert locked.stack.currentWidget() is locked.home_screen
    assert locked.navigator.current == HOME


def test_reload_shows_the_report_and_new_content(qtbot, locked, pin_hash, content):
    staff = make_staff(locked, pin_hash, content, [])
    page = next((content / "en-GB" / "pages").glob("01-*.md"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title: What is prolotherapy?", "title: What is it?"), "utf-8")
    staff.open_staff_screen()
    left_click(qtbot, staff.screen.reload_button)
    assert "reloaded" in staff.screen.report_title.text()
    assert "0 errors" in staff.screen.report.toPlainText()
    assert locked.home_screen.question_tiles[0].text() == "What is it?"


def test_failed_reload_keeps_the_content_in_use(qtbot, locked, pin_hash, content):
    staff = make_staff(locked, pin_hash, content, [])
    before = locked.library
    shutil.rmtree(content / "en-GB" / "pages")
    staff.open_staff_screen()
    left_click(qtbot, staff.screen.reload_button)
    assert "failed" in staff.screen.report_title.text().lower()
    assert locked.library is before
    assert staff.is_open()


def test_staff_screen_closes_itself_on_idle(qtbot, locked, pin_hash, content):
    staff = make_staff(locked, pin_hash, content, [])
    staff.open_staff_screen()
    locked.clock.advance(60 + 20)
    locked.idle.check()
    locked.idle.check()
    assert not staff.is_open()
    assert locked.attract.isVisible()


def test_pin_pad_closes_on_idle_reset(qtbot, locked, pin_hash, content):
    staff = make_staff(locked, pin_hash, content, [])
    staff.request()
    assert staff.pad.isVisible()
    locked.clock.advance(60 + 20)
    locked.idle.check()
    locked.idle.check()
    assert not staff.pad.isVisible()


def test_no_pin_means_no_staff_access_in_full_screen(qtbot, locked, content, caplog):
    staff = make_staff(locked, "", content, [])
    with caplog.at_level(logging.INFO, logger="kiosk"):
        hold_corner(qtbot, locked, HOLD_MS * 3)
    assert not staff.pad.isVisible()
    assert not staff.is_open()
    assert "no staff_pin_hash" in caplog.text


def test_no_pin_in_a_window_opens_the_staff_screen(qtbot, window, content):
    staff = make_staff(window, "", content, [])
    hold_corner(qtbot, window, HOLD_MS * 3)
    assert staff.is_open()
