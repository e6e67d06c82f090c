"""Staff PIN hashes: format, checking, and the lock after repeated failures."""

from __future__ import annotations

import base64

import pytest

from kiosk.core import pin
from kiosk.core.pin import PinGuard, check_new_pin, hash_pin, is_pin_hash, verify_pin


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin("2468")


def test_hash_format(stored: str) -> None:
    name, n, r, p, salt, key = stored.split("$")
    assert (name, int(n), int(r), int(p)) == ("scrypt", 2**14, 8, 1)
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(key)) == 32
    assert "2468" not in stored
    assert is_pin_hash(stored)


def test_same_pin_gives_a_different_hash_each_time(stored: str) -> None:
    assert hash_pin("2468") != stored


def test_verify(stored: str) -> None:
    assert verify_pin("2468", stored)
    assert not verify_pin("2469", stored)
    assert not verify_pin("", stored)


@pytest.mark.parametrize(
    "bad", ["", "2468", "scrypt$1$8$1$AAAA$BBBB", "bcrypt$16384$8$1$x$y", "scrypt$x$8$1$a$b"]
)
def test_malformed_hashes_are_recognised_and_never_match(bad: str) -> None:
    assert not is_pin_hash(bad)
    assert not verify_pin("2468", bad)


@pytest.mark.parametrize(
    ("candidate", "problem"),
    [("12a4", "digits only"), ("123", "at least 4"), ("7777", "too easy"), ("2468", "")],
)
def test_new_pin_rules(candidate: str, problem: str) -> None:
    assert (problem in check_new_pin(candidate)) if problem else check_new_pin(candidate) == ""


def test_guard_locks_after_five_failures_and_unlocks_after_a_minute(stored: str) -> None:
    clock = Clock()
    guard = PinGuard(stored, clock)
    for _ in range(pin.MAX_FAILURES - 1):
        assert not guard.try_pin("0000")
    assert guard.seconds_locked() == 0
    assert not guard.try_pin("0000")
    assert guard.seconds_locked() == pytest.approx(60)
    assert not guard.try_pin("2468"), "even the right PIN is refused while locked"
    clock.now += 59
    assert not guard.try_pin("2468")
    clock.now += 1
    assert guard.try_pin("2468")


def test_guard_without_a_hash_never_opens() -> None:
    assert not PinGuard("").try_pin("2468")
