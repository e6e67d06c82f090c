"""The long soak: 20,000 simulated patient and staff actions in one kiosk, with memory figures.

    python -m bench.soak [--actions 20000] [--seed 7]

The long version of tests/test_soak.py: bench/patient_robot.py drives the real window (idle
resets by the simulated clock, wrong PINs on the real staff PIN pad, leaflet renders). It
prints the machine, the action counts with their times, Qt messages and Python warnings, and
memory (resident set, live widgets, Python objects) at the start, after a warm-up, half way
and at the end. No figure is checked; the exit status is 1 only if an action crashed (an
exception escaped it, or Qt caught one in a slot), and the run stops at the first crash.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import os
import platform
import sys
import time
import traceback
import warnings
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6
from PySide6.QtCore import QEvent, QtMsgType, qInstallMessageHandler, qVersion
from PySide6.QtWidgets import QApplication

from bench.patient_robot import PatientRobot, SimClock, staff_access
from bench.table import print_table, summarise
from kiosk.core.loader import load_library, pack_dir
from kiosk.core.settings import Settings
from kiosk.ui.app import build_window
from kiosk.ui.staff.access import StaffAccess
from kiosk.ui.window import KioskWindow

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
WARM_UP = 1_000  # actions before the caches (rendered pages, fonts) have filled
AIM = "(the aim: VmRSS grows at most 2 MB after the warm-up)"
MSG_TYPES = {
    QtMsgType.QtDebugMsg: "debug",
    QtMsgType.QtInfoMsg: "info",
    QtMsgType.QtWarningMsg: "warning",
    QtMsgType.QtCriticalMsg: "critical",
    QtMsgType.QtFatalMsg: "fatal",
}


class QtMessages:
    """Counts Qt's messages by type and keeps the texts of warnings and worse."""

    def __init__(self) -> None:
        self.by_type: Counter[str] = Counter()
        self.texts: Counter[str] = Counter()

    def __call__(self, msg_type: QtMsgType, _context: object, message: str) -> None:
        kind = MSG_TYPES.get(msg_type, str(msg_type))
        self.by_type[kind] += 1
        if kind in ("warning", "critical", "fatal"):
            self.texts[f"{kind}: {message}"] += 1


def machine_facts(app: QApplication) -> None:
    print(f"Python {platform.python_version()} ({sys.executable})")
    print(f"Qt {qVersion()}, PySide6 {PySide6.__version__}, platform plugin {app.platformName()}")
    print(f"{platform.platform()}, {os.cpu_count()} CPUs")


def make_kiosk(app: QApplication, clock: SimClock) -> tuple[KioskWindow, StaffAccess]:
    """The window and staff access as tests/test_soak.py builds them, without fixtures."""
    library = load_library(pack_dir(CONTENT, "en-GB"))
    settings = Settings(idle_seconds=60, warning_seconds=20, speech_engine="mock")
    window = build_window(library, app, settings, clock=clock)
    window.resize(1280, 800)
    window.show()
    staff = staff_access(window)
    window.wake()
    return window, staff


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory(label: str, done: int) -> list[object]:
    """Resident memory as the system sees it, then after the C allocator returned its free
    pages (what is really in use: freed memory it kept counts in the first figure)."""
    gc.collect()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    rss = round(rss_mib(), 1)
    trim_allocator()
    widgets, objects = len(QApplication.allWidgets()), len(gc.get_objects())
    return [label, done, rss, round(rss_mib(), 1), widgets, objects]


def trim_allocator() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc only; elsewhere the figures match


def checkpoints(actions: int) -> dict[int, list[str]]:
    points: dict[int, list[str]] = defaultdict(list)
    points[min(WARM_UP, actions)].append("after warm-up")
    for quarter in (1, 2, 3):
        points[actions * quarter // 4].append(f"{quarter}/4")
    points[actions].append("end")
    return points


def soak(robot: PatientRobot, actions: int, caught: list[str]) -> tuple[dict, list, str]:
    """Run the actions: times per kind (ms), memory rows, and the crash ('' if none)."""
    times: dict[str, list[float]] = defaultdict(list)
    rows = [memory("start", 0)]
    points = checkpoints(actions)
    for done in range(1, actions + 1):
        start = time.perf_counter()
        try:
            name = robot.step()
        except Exception:
            return (
                times,
                [*rows, memory("at crash", done)],
                f"action {done}:\n{traceback.format_exc()}",
            )
        times[name].append((time.perf_counter() - start) * 1000)
        if caught:
            crash = f"action {done} ({name}), caught by Qt in a slot:\n{caught[0]}"
            return times, [*rows, memory("at crash", done)], crash
        rows += [memory(label, done) for label in points.get(done, [])]
    return times, rows, ""


def report_actions(robot: PatientRobot, times: dict[str, list[float]], wall: float) -> None:
    rows = []
    for name, _weight, _call in robot.actions:
        stats = summarise(times[name]) if times[name] else dict.fromkeys(("median", "p95", "max"))
        rows.append([name, robot.counts[name], stats["median"], stats["p95"], stats["max"]])
    every = [ms for samples in times.values() for ms in samples]
    if every:
        stats = summarise(every)
        rows.append(["all actions", len(every), stats["median"], stats["p95"], stats["max"]])
    rows.append(["(wake from attract)", robot.counts["wake"], "", "", ""])
    print_table("Actions (ms per robot.step())", ["action", "count", "median", "p95", "max"], rows)
    per_action = wall / len(every) * 1000 if every else 0.0
    print(f"total wall time {wall:.1f} s, {per_action:.1f} ms per action")


def report_memory(rows: list[list[object]]) -> None:
    header = ["point", "actions", "VmRSS MiB", "trimmed MiB", "QWidgets", "gc objects"]
    print_table("Memory (after gc.collect() and deferred deletes)", header, rows)
    at = {row[0]: row for row in rows}
    if "end" not in at:
        return
    growth = [
        [f"end - {base}", *_deltas(at["end"], at[base])] for base in ("after warm-up", "start")
    ]
    print_table("Growth", ["", "VmRSS MiB", "trimmed MiB", "QWidgets", "gc objects"], growth)
    print(AIM)


def _deltas(end: list, first: list) -> list[str]:
    rss, trimmed, widgets, objects = (end[i] - first[i] for i in (2, 3, 4, 5))
    return [f"{rss:+.1f}", f"{trimmed:+.1f}", f"{widgets:+d}", f"{objects:+d}"]


def report_messages(messages: QtMessages, python_warnings: list) -> None:
    print_table(
        "Qt messages by type",
        ["type", "count"],
        [[k, messages.by_type[k]] for k in MSG_TYPES.values()],
    )
    if messages.texts:
        rows = [[text[:100], n] for text, n in messages.texts.most_common(10)]
        print_table(
            f"Distinct Qt warnings ({len(messages.texts)}, up to 10)", ["text", "count"], rows
        )
    texts = Counter(
        f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in python_warnings
    )
    print(f"\nPython warnings: {sum(texts.values())}")
    for text, n in texts.most_common(10):
        print(f"  {n} x {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    messages = QtMessages()
    qInstallMessageHandler(messages)
    caught: list[str] = []  # exceptions in slots: Qt prints them (sys.excepthook), goes on
    sys.excepthook = lambda kind, value, tb: caught.append(
        "".join(traceback.format_exception(kind, value, tb))
    )
    app = QApplication(sys.argv[:1])
    machine_facts(app)
    with warnings.catch_warnings(record=True) as python_warnings:
        warnings.simplefilter("default")
        clock = SimClock()
        window, staff = make_kiosk(app, clock)
        robot = PatientRobot(window, clock, seed=args.seed, pin_pad=staff.pad)
        start = time.perf_counter()
        times, rows, crash = soak(robot, args.actions, caught)
        wall = time.perf_counter() - start
    report_actions(robot, times, wall)
    report_memory(rows)
    report_messages(messages, python_warnings)
    print(f"\ncrashes: {1 if crash else 0}")
    if crash:
        print(crash)
    return 1 if crash else 0


if __name__ == "__main__":
    sys.exit(main())
