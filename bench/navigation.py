"""Tap to painted: how long the kiosk takes to show the new screen after a patient's tap.

    python -m bench.navigation [--taps 1000] [--seed 1]

The kiosk window, built as the app builds it (1920x1080; a simulated clock, so no idle reset),
takes a seeded walk of patient taps: Home tiles, Next, Previous, Back, Home, a glossary word in
an answer (tapped where the link is drawn, so QTextBrowser's link handling runs) and Close on
its pop-up, and the header's text-size buttons, once at 100% and once at 200% text (a text-size
tap moves one step away from that size, the next one back).

Each tap: process events until a pass delivers none and flush deferred deletes (as the idle
event loop would); t0; QTest.mouseClick on the real widget; deliver posted events until a pass
delivers none. Qt asks for a repaint with a posted UpdateRequest and the window paints as it
handles it; the tap ends with the last pass that painted. An application event filter counts
events, paints and update requests: a tap is painted if, after the click returned (buttons
repaint inside it too, pressed), an update request was handled and widgets painted. Timers
do not run in the timed part: after a kiosk tap the run sleeps 12 ms and processes all events;
paints then are "late paints", mostly the scroll bar after QTextDocument's lazy layout (10 ms
timer) of the text below the fold. A change needing a timer to be painted would be "not painted".

Machines are noisy, so each kiosk tap is followed by a tap on a reference measured the same way:
a window of the same size with a QStackedWidget of two pages (a wrapped QLabel and a QPushButton
that shows the other page). The event filters on the application (two from the kiosk, one from
the bench) slow both alike. Prints tables only: no pass or fail.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial, partialmethod
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6
from PySide6.QtCore import QEvent, QObject, QPoint, qInstallMessageHandler, qVersion
from PySide6.QtGui import QPaintEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bench.patient_robot import SimClock, link_positions, tap
from bench.table import print_table, summarise
from kiosk.core.loader import load_library, pack_dir
from kiosk.core.session import TEXT_STEPS
from kiosk.core.settings import Settings
from kiosk.ui.app import build_window
from kiosk.ui.window import KioskWindow

REPO = Path(__file__).resolve().parents[1]
SIZE = (1920, 1080)
WEIGHTS = {"tile": 20, "next": 14, "previous": 8, "back": 10, "home": 8, "glossary open": 8}
WEIGHTS["text size"] = 6  # and "glossary close" always follows "glossary open"
KINDS = (*WEIGHTS, "glossary close")
GAP_S = 0.012  # idle after a kiosk tap: QTextDocument's lazy layout timer is 10 ms
TIMEOUT_S = 5.0
TEXT = "Some wrapped text, about as long as a short answer on the kiosk. " * 24

Check = Callable[[], bool]
Prepared = tuple[QWidget, QPoint | None, Check]


class PaintWatch(QObject):
    """On the application: counts events delivered, paint events, and update requests to
    ``windows`` (about 1 us an event, against the kiosk's own two filters' 3.5 us)."""

    events = paints = updates = 0

    def __init__(self, windows: tuple[QWidget, ...]) -> None:
        super().__init__()
        self.windows = windows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.events += 1
        if type(event) is QPaintEvent:  # cheaper than event.type(), an enum in PySide6
            self.paints += 1
        elif watched in self.windows and event.type() == QEvent.Type.UpdateRequest:
            self.updates += 1
        return False


@dataclass
class Timing:
    ms: float
    paints: int  # paint events after the click returned
    updates: int  # update requests handled after the click returned
    late: int = 0  # paint events after the timed part had ended


def quiet_offscreen(kind: object, context: object, message: str) -> None:
    """Qt's messages to stderr, less the offscreen plugin's note on every window resize."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def drain(watch: PaintWatch) -> int:
    """Process events (and deferred deletes) until a pass delivers none; the paints seen."""
    before, deadline = watch.paints, time.perf_counter() + TIMEOUT_S
    while time.perf_counter() < deadline:
        events = watch.events
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if watch.events == events:
            break
    return watch.paints - before


def timed_tap(watch: PaintWatch, widget: QWidget, pos: QPoint | None, gap: float) -> Timing:
    drain(watch)
    t0 = time.perf_counter()
    tap(widget, pos)
    end = now = time.perf_counter()
    paints, updates = watch.paints, watch.updates
    while now - t0 < TIMEOUT_S:
        events, seen = watch.events, watch.paints
        QApplication.sendPostedEvents()  # posted events only: no timers, no deferred deletes
        now = time.perf_counter()
        if watch.paints > seen:
            end = now
        if watch.events == events:
            break
    timing = Timing((end - t0) * 1000, watch.paints - paints, watch.updates - updates)
    time.sleep(gap)
    timing.late = drain(watch)
    return timing


class Reference(QWidget):
    """The yardstick: two pages in a QStackedWidget; the button on each shows the other."""

    def __init__(self) -> None:
        super().__init__()
        self.stack = QStackedWidget(self)
        self.buttons: list[QPushButton] = []
        for n in range(2):
            page = QWidget()
            label = QLabel(f"Page {n + 1}. {TEXT}", page)
            label.setWordWrap(True)
            self.buttons.append(QPushButton(f"Show page {2 - n}", page))
            self.buttons[n].clicked.connect(partial(self.stack.setCurrentIndex, 1 - n))
            column = QVBoxLayout(page)
            column.addWidget(label, 1)
            column.addWidget(self.buttons[n])
            self.stack.addWidget(page)
        QVBoxLayout(self).addWidget(self.stack)

    def timed_tap(self, watch: PaintWatch) -> tuple[Timing, bool]:
        page = self.stack.currentIndex()
        return timed_tap(watch, self.buttons[page], None, 0), self.stack.currentIndex() != page


def glossary_links(view: QTextBrowser) -> list[tuple[str, int]]:
    """(anchor, document position in the middle of the link) of every glossary word."""
    return [
        (href.removeprefix("glossary:"), position)
        for href, position in link_positions(view, "glossary:")
    ]


def link_point(view: QTextBrowser, position: int) -> QPoint:
    """Where the text at ``position`` is on the viewport, scrolled into view first."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    rect = view.cursorRect(cursor)
    if not view.viewport().rect().contains(rect):
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - view.viewport().height() // 3)
        rect = view.cursorRect(cursor)
    return rect.center()


class Walk:
    """Picks the next tap among what the screen offers. A method per kind readies the tap
    (untimed) and returns the widget, the place on it and a check that it did its job."""

    def __init__(self, window: KioskWindow, rng: random.Random, base_step: int) -> None:
        self.window, self.rng, self.base = window, rng, base_step

    def next_tap(self) -> tuple[str, QWidget, QPoint | None, Check]:
        w = self.window
        if w.popup.isVisible():
            return "glossary close", w.popup.close_button, None, lambda: not w.popup.isVisible()
        screen = w.stack.currentWidget()
        kinds = ["text size", "tile"] if screen is w.home_screen else ["text size", "back", "home"]
        if screen is not w.home_screen:
            buttons = {"previous": screen.nav.previous, "next": screen.nav.next}
            kinds += [k for k, b in buttons.items() if b is not None and b.isEnabled()]
            kinds += ["glossary open"] if glossary_links(screen.view) else []
        kind = self.rng.choices(kinds, [WEIGHTS[k] for k in kinds])[0]
        return (kind, *getattr(self, kind.replace(" ", "_"))(screen))

    def tile(self, home: QWidget) -> Prepared:
        tile = self.rng.choice(self.window.home_screen.tiles())
        self.window.home_screen.scroll_area.ensureWidgetVisible(tile, 0, 24)
        return tile, None, lambda: self.window.stack.currentWidget() is not home

    def _step(self, which: int, screen: QWidget) -> Prepared:
        answer = self.window.answer_screen
        target = self.window.library.neighbours(answer.page_id)[which]
        button = screen.nav.next if which else screen.nav.previous
        return button, None, lambda: target is not None and answer.page_id == target.id

    previous, next = partialmethod(_step, 0), partialmethod(_step, 1)

    def back(self, screen: QWidget) -> Prepared:
        expected = self.window.session.history[-2]
        return screen.nav.back, None, lambda: self.window.session.current == expected

    def home(self, screen: QWidget) -> Prepared:
        w = self.window
        return screen.nav.home, None, lambda: w.stack.currentWidget() is w.home_screen

    def glossary_open(self, screen: QWidget) -> Prepared:
        anchor, position = self.rng.choice(glossary_links(screen.view))
        point = link_point(screen.view, position)
        return screen.view.viewport(), point, lambda: self.window.session.popup == anchor

    def text_size(self, _screen: QWidget) -> Prepared:
        session, header = self.window.session, self.window.header
        away = self.base + (1 if self.base == 0 else -1)
        target = away if session.text_step == self.base else self.base
        button = header.larger if target > session.text_step else header.smaller
        return button, None, lambda: session.text_step == target


def run_pass(
    window: KioskWindow, ref: Reference, watch: PaintWatch, percent: int, taps: int, seed: int
) -> tuple[dict[str, list[Timing]], Counter[str]]:
    window.popup.dismiss()  # then Home, and the header's buttons tapped (untimed) to percent
    window.navigator.home()
    while window.session.text_percent != percent:
        grow = window.session.text_percent < percent
        tap(window.header.larger if grow else window.header.smaller)
        drain(watch)
    walk = Walk(window, random.Random(f"{seed}:{percent}"), TEXT_STEPS.index(percent))
    results: dict[str, list[Timing]] = defaultdict(list)
    missed: Counter[str] = Counter()
    for _ in range(taps):
        kind, widget, pos, check = walk.next_tap()
        results[kind].append(timed_tap(watch, widget, pos, GAP_S))
        missed[kind] += not check()
        timing, switched = ref.timed_tap(watch)
        results["reference"].append(timing)
        missed["reference"] += not switched
    return results, missed


def row(label: str, timings: list[Timing]) -> list[object]:
    s = summarise([t.ms for t in timings])
    return [label, len(timings), s["median"], s["p95"], s["max"]]


def report(percent: int, results: dict[str, list[Timing]], missed: Counter[str]) -> None:
    kiosk = [t for kind in KINDS for t in results[kind]]
    rows = [row("reference (minimal window)", results["reference"])]
    rows += [row(kind, results[kind]) for kind in KINDS if results[kind]]
    rows.append(row("all taps", kiosk))
    columns = ["action", "count", "median ms", "p95 ms", "max ms"]
    print_table(f"Text size {percent}%: tap to painted", columns, rows)
    every = kiosk + results["reference"]
    unpainted = Counter(k for k in results for t in results[k] if not (t.paints and t.updates))
    late = Counter({k: sum(t.late for t in results[k]) for k in results})
    print(
        f"checks: paint events after the click, per tap: min {min(t.paints for t in every)}, "
        f"median {statistics.median(t.paints for t in every):.0f}; taps not painted after the "
        f"click: {sum(unpainted.values())} {dict(unpainted)}; taps that did not do what they "
        f"should: {sum(missed.values())} {dict(+missed)}; late paints (after a timer): "
        f"{sum(late.values())} {dict(+late)}"
    )


def print_machine(app: QApplication, window: QWidget, taps: int, seed: int) -> None:
    print("Tap to painted: the kiosk window and a minimal window, taps interleaved, one run")
    print(f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, Qt {qVersion()}")
    print(f"{platform.platform()}, {os.cpu_count()} CPUs, Qt platform {app.platformName()}")
    size = window.size()
    print(f"window {size.width()}x{size.height()}, {taps} taps per text size, seed {seed}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    qInstallMessageHandler(quiet_offscreen)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    library = load_library(pack_dir(REPO / "content", "en-GB"))
    window = build_window(library, app, Settings(speech_engine="mock"), clock=SimClock())
    ref = Reference()
    for widget in (window, ref):
        widget.resize(*SIZE)
        widget.show()
    window.wake()
    watch = PaintWatch((window, ref))
    app.installEventFilter(watch)
    drain(watch)
    print_machine(app, window, args.taps, args.seed)
    for percent in (100, 200):
        report(percent, *run_pass(window, ref, watch, percent, args.taps, args.seed))
    print(f"\nrun time {time.perf_counter() - started:.0f} s")
    window.allow_close = True
    for widget in (window, ref):
        widget.close()
        widget.deleteLater()
    drain(watch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
