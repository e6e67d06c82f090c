"""Idle logic with a clock the test controls."""

from __future__ import annotations

from kiosk.core.idle import IdleTimer, Phase


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_phases_follow_the_clock() -> None:
    clock = FakeClock()
    timer = IdleTimer(90, 30, clock)
    assert timer.phase() is Phase.ACTIVE
    clock.now += 89.9
    assert timer.phase() is Phase.ACTIVE
    clock.now += 0.1
    assert timer.phase() is Phase.WARNING
    assert timer.seconds_left() == 30
    clock.now += 29.5
    assert timer.seconds_left() == 1
    clock.now += 0.5
    assert timer.phase() is Phase.EXPIRED
    assert timer.seconds_left() == 0


def test_touch_during_the_warning_extends_as_often_as_needed() -> None:
    clock = FakeClock()
    timer = IdleTimer(10, 20, clock)
    for _ in range(50):
        clock.now += 25
        assert timer.phase() is Phase.WARNING
        timer.touch()
        assert timer.phase() is Phase.ACTIVE


def test_a_clock_that_jumps_back_does_not_count_negative_idle() -> None:
    clock = FakeClock()
    timer = IdleTimer(10, 20, clock)
    clock.now -= 500
    assert timer.idle_for() == 0
    assert timer.phase() is Phase.ACTIVE
