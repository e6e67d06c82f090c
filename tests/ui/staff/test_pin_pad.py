"""The staff PIN pad: right and wrong PINs, the lock and its countdown, privacy of the digits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.core.pin import LOCK_SECONDS, MAX_FAILURES, PinGuard, hash_pin
from kiosk.ui.staff.pin_pad import KEY_PX, MAX_DIGITS, PinPad
from tests.ui.fakes import FakeClock
from tests.ui.staff import kiosk_sized_window, style_application

PIN = "2468"
WRONG = "1357"


@pytest.fixture(scope="module")
def pin_hash() -> str:
    # scrypt is slow on purpose (about 70 ms): hash once for the whole module.
    return hash_pin(PIN)


@pytest.fixture(autouse=True)
def _styled(qapp) -> None:
    style_application(qapp)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def window(qtbot) -> QWidget:
    return kiosk_sized_window(qtbot)


@pytest.fixture
def pad(window, pin_hash, clock) -> PinPad:
    pad = PinPad(window, PinGuard(pin_hash, clock=clock))
    pad.open()
    return pad


def tap(qtbot, pad: PinPad, digits: str) -> None:
    for digit in digits:
        qtbot.mouseClick(pad.digit_keys[digit], Qt.MouseButton.LeftButton)


def enter(qtbot, pad: PinPad, digits: str) -> None:
    tap(qtbot, pad, digits)
    qtbot.mouseClick(pad.enter_key, Qt.MouseButton.LeftButton)


def digit_keys_enabled(pad: PinPad) -> bool:
    return all(key.isEnabled() for key in pad.keys)


def lock_out(qtbot, pad: PinPad) -> None:
    for _ in range(MAX_FAILURES):
        enter(qtbot, pad, WRONG)


def test_right_pin_is_accepted_and_the_pad_hides(qtbot, pad) -> None:
    tap(qtbot, pad, PIN)
    with qtbot.assertNotEmitted(pad.cancelled), qtbot.waitSignal(pad.accepted, timeout=1000):
        qtbot.mouseClick(pad.enter_key, Qt.MouseButton.LeftButton)
    assert not pad.isVisible()
    assert pad.dots.text() == ""


def test_wrong_pin_says_how_many_tries_are_left(qtbot, pad) -> None:
    with qtbot.assertNotEmitted(pad.accepted):
        enter(qtbot, pad, WRONG)
    assert pad.message.text() == f"Wrong PIN. {MAX_FAILURES - 1} tries left."
    assert pad.dots.text() == ""
    assert pad.dots.accessibleName() == "No digits entered"
    assert pad.isVisible()
    for _ in range(MAX_FAILURES - 2):
        enter(qtbot, pad, WRONG)
    assert pad.message.text() == "Wrong PIN. 1 try left."


def test_five_wrong_pins_lock_the_keypad_with_a_countdown(qtbot, pad, clock) -> None:
    lock_out(qtbot, pad)
    assert "Locked for 60 seconds" in pad.message.text()
    assert not any(key.isEnabled() for key in pad.keys)
    assert pad.cancel_button.isEnabled()

    clock.advance(25.2)
    pad.tick()
    assert "Locked for 35 seconds" in pad.message.text()
    clock.advance(34)
    pad.tick()
    assert "Locked for 1 second." in pad.message.text()

    # A keyboard cannot get round the lock either.
    qtbot.keyClicks(pad, PIN)
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert pad.dots.text() == ""
    assert pad.isVisible()


def test_the_lock_lifts_after_a_minute_with_a_fresh_count(qtbot, pad, clock) -> None:
    lock_out(qtbot, pad)
    clock.advance(LOCK_SECONDS + 0.1)
    pad.tick()
    assert digit_keys_enabled(pad)
    assert pad.message.text() == "You can try again now."
    enter(qtbot, pad, WRONG)
    assert pad.message.text() == f"Wrong PIN. {MAX_FAILURES - 1} tries left."
    tap(qtbot, pad, PIN)
    with qtbot.waitSignal(pad.accepted, timeout=1000):
        qtbot.mouseClick(pad.enter_key, Qt.MouseButton.LeftButton)


def test_the_pads_own_one_second_timer_lifts_the_lock(qtbot, pad, clock) -> None:
    lock_out(qtbot, pad)
    clock.advance(LOCK_SECONDS)
    qtbot.waitUntil(lambda: digit_keys_enabled(pad), timeout=2500)
    assert "Locked" not in pad.message.text()


def test_reopening_while_locked_still_shows_the_lock(qtbot, pad, clock) -> None:
    lock_out(qtbot, pad)
    qtbot.mouseClick(pad.cancel_button, Qt.MouseButton.LeftButton)
    clock.advance(10)
    pad.open()
    assert "Locked for 50 seconds" in pad.message.text()
    assert not digit_keys_enabled(pad)


def test_dots_show_how_many_digits_were_typed_never_which(qtbot, pad) -> None:
    typed = "987"
    tap(qtbot, pad, typed[0])
    assert pad.dots.accessibleName() == "1 digit entered"
    tap(qtbot, pad, typed[1:])
    assert pad.dots.accessibleName() == "3 digits entered"
    assert pad.dots.text().count("\u25cf") == 3
    assert not any(ch.isdigit() for ch in pad.dots.text())
    shown = [label.text() + label.accessibleName() for label in pad.findChildren(QLabel)]
    assert not any(typed in text for text in shown)


def test_clear_key_and_twelve_digit_limit(qtbot, pad) -> None:
    tap(qtbot, pad, "1234567890123")
    assert pad.dots.accessibleName() == f"{MAX_DIGITS} digits entered"
    qtbot.mouseClick(pad.clear_key, Qt.MouseButton.LeftButton)
    assert pad.dots.accessibleName() == "No digits entered"


def test_enter_with_nothing_typed_is_not_a_wrong_pin(qtbot, pad) -> None:
    qtbot.mouseClick(pad.enter_key, Qt.MouseButton.LeftButton)
    assert "Wrong" not in pad.message.text()
    assert pad.guard.failures == 0


def test_cancel_hides_and_forgets_the_digits(qtbot, pad) -> None:
    tap(qtbot, pad, "12")
    with qtbot.assertNotEmitted(pad.accepted), qtbot.waitSignal(pad.cancelled, timeout=1000):
        qtbot.mouseClick(pad.cancel_button, Qt.MouseButton.LeftButton)
    assert not pad.isVisible()
    with qtbot.assertNotEmitted(pad.cancelled):
        pad.cancel()  # an idle reset cancels a pad that is not open: nothing to report
    pad.open()
    assert pad.dots.accessibleName() == "No digits entered"
    tap(qtbot, pad, PIN)  # the "12" from before must not be in front of these
    with qtbot.waitSignal(pad.accepted, timeout=1000):
        qtbot.mouseClick(pad.enter_key, Qt.MouseButton.LeftButton)


def test_a_keyboard_types_deletes_and_enters(qtbot, pad) -> None:
    assert pad.hasFocus()
    target = QApplication.focusWidget()
    qtbot.keyClicks(target, "24689")
    qtbot.keyClick(target, Qt.Key.Key_Backspace)
    assert pad.dots.accessibleName() == "4 digits entered"
    with qtbot.waitSignal(pad.accepted, timeout=1000):
        qtbot.keyClick(target, Qt.Key.Key_Enter)


def test_escape_cancels(qtbot, pad) -> None:
    with qtbot.waitSignal(pad.cancelled, timeout=1000):
        qtbot.keyClick(pad, Qt.Key.Key_Escape)
    assert not pad.isVisible()


def test_tab_stays_inside_the_pad(qtbot, window, pad) -> None:
    outside = QLabel("behind the pad", window)  # something focusable that is covered up
    outside.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    seen = set()
    for _ in range(len(pad.keys) + 3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert pad.isAncestorOf(focus), focus
        seen.add(focus.accessibleName())
    assert "Cancel and go back to the patient screens" in seen


def test_keys_are_large_named_touch_targets(pad) -> None:
    assert [key.text() for key in pad.keys] == [*"123456789", "Clear", "0", "Enter"]
    for key in pad.keys:
        assert key.width() >= KEY_PX, key.text()
        assert key.height() >= KEY_PX, key.text()
        assert key.accessibleName()
    assert pad.cancel_button.height() >= 60
    assert pad.cancel_button.accessibleName()


def test_pad_covers_the_window_with_the_card_inside(qtbot, window, pad) -> None:
    assert pad.geometry() == window.rect()
    assert window.rect().contains(pad.card.geometry())
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: pad.geometry() == window.rect(), timeout=1000)
    assert window.rect().contains(pad.card.geometry())


def test_without_a_pin_setting_the_pad_cannot_be_passed(qtbot, window) -> None:
    pad = PinPad(window, PinGuard(""))
    pad.open()
    assert "no PIN is set" in pad.message.text()
    assert not digit_keys_enabled(pad)
    assert pad.cancel_button.isEnabled()
