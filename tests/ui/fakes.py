"""Test doubles that stand in for time, not for the kiosk's own parts."""

from __future__ import annotations

from datetime import datetime, timedelta


class FakeClock:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self, start: float = 10_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeNow:
    """A wall clock (for the usage statistics' days) that moves only when the test says so."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
