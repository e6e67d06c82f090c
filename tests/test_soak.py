"""A short soak: 2,000 simulated patient and staff actions in one kiosk, with no crash or warning.

``python -m bench.soak`` runs the long version (20,000 actions) and reports memory.
"""

from __future__ import annotations

import time

from bench.patient_robot import PatientRobot, SimClock, staff_access
from kiosk.core.settings import Settings

ACTIONS = 2_000


def test_two_thousand_actions_without_a_crash_or_a_warning(qtbot, make_window) -> None:
    clock = SimClock()
    window = make_window(settings=Settings(idle_seconds=60, warning_seconds=20), clock=clock)
    staff = staff_access(window)
    window.wake()
    robot = PatientRobot(window, clock, seed=7, pin_pad=staff.pad)
    start = time.perf_counter()
    for _ in range(ACTIONS):
        robot.step()
    elapsed = time.perf_counter() - start
    # Every kind of action happened, so the run covered what it claims to.
    assert set(robot.counts) >= {name for name, _w, _c in robot.actions}, robot.counts
    assert robot.counts["idle reset"] >= 10
    assert window.isVisible()
    print(f"{ACTIONS} actions in {elapsed:.1f} s: {dict(robot.counts)}")
