"""Staff PIN: salted scrypt hashes, constant-time checks, and a lock after repeated failures."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

PREFIX = "scrypt"
# scrypt cost: about 50 ms and 16 MiB per check on a kiosk PC; a PIN is short, so the hash
# must be slow to guess offline if the settings file is ever copied.
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PIN_DIGITS = 4
MAX_FAILURES = 5
LOCK_SECONDS = 60.0


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=64 * 1024 * 1024
    )


def check_new_pin(pin: str) -> str:
    """What is wrong with ``pin`` as a new staff PIN, or "" if it will do."""
    if not pin.isdigit():
        return "a PIN is digits only (the pad has no letters)"
    if len(pin) < MIN_PIN_DIGITS:
        return f"a PIN needs at least {MIN_PIN_DIGITS} digits"
    if len(set(pin)) == 1:
        return "a PIN of one digit repeated is too easy to guess"
    return ""


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$SALT$HASH`` (base64): the value for the ``staff_pin_hash`` setting."""
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    key = _derive(pin, salt, N, R, P)
    return f"{PREFIX}${N}${R}${P}${_b64(salt)}${_b64(key)}"


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != PREFIX:
        return None
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or len(salt) < 8 or len(key) != KEY_BYTES:
        return None
    return n, r, p, salt, key


def is_pin_hash(stored: str) -> bool:
    return _parse(stored) is not None


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches; the comparison takes the same time whatever the PIN."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    n, r, p, salt, key = parsed
    return hmac.compare_digest(_derive(pin, salt, n, r, p), key)


@dataclass
class PinGuard:
    """Counts wrong PINs; after ``MAX_FAILURES`` in a row the pad is locked for a while."""

    stored_hash: str
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    locked_until: float = field(default=0.0)

    def seconds_locked(self) -> float:
        return max(0.0, self.locked_until - self.clock())

    def try_pin(self, pin: str) -> bool:
        if self.seconds_locked() > 0 or not self.stored_hash:
            return False
        if verify_pin(pin, self.stored_hash):
            self.failures = 0
            return True
        self.failures += 1
        if self.failures >= MAX_FAILURES:
            self.failures = 0
            self.locked_until = self.clock() + LOCK_SECONDS
        return False
