"""Renders the staff Statistics screen with made-up counts: ``docs/tools/stats_screenshot.py``.

The counts are invented (a fixed seed, a fixed date) so the README's picture is the same on
every run; nothing is read from or written to the real statistics file.
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshots import prepare  # beside this script

from kiosk.core import stats_events as ev
from kiosk.core.library_source import Loaded
from kiosk.core.model import Library
from kiosk.core.settings import Settings
from kiosk.core.stats import UsageStore
from kiosk.ui.app import build_window
from kiosk.ui.staff.access import StaffAccess
from kiosk.ui.usage import UsageRecorder

TODAY = date(2025, 3, 28)
FILE_NAME = "staff-statistics.png"
# 1280x1024, a common kiosk touchscreen, shows the whole screen; at 1280x800 the lower half
# (sessions per day, visit lengths, leaflets) is a swipe away.
SIZE = (1280, 1024)


def fill_sample(store_path: Path, library: Library, days: int = 30) -> None:
    """Write ``days`` days of plausible counts ending on TODAY into a new store."""
    rng = random.Random(7)
    weights = [9, 6, 7, 5, 8, 3, 1][: len(library.pages)]
    for back in range(days):
        day = TODAY - timedelta(days=back)
        store = UsageStore(store_path, clock=_fixed(datetime(day.year, day.month, day.day, 12)))
        sessions = rng.randint(1, 5) if day.weekday() >= 5 else rng.randint(4, 14)
        for _ in range(sessions):
            store.record(ev.SESSION)
            store.record(ev.IDLE_RESET)
            store.record(ev.SESSION_LENGTH, ev.session_bucket(rng.expovariate(1 / 200)))
            for page in rng.choices(library.pages, weights, k=rng.randint(1, 4)):
                store.record(ev.PAGE_VIEW, page.id)
            if rng.random() < 0.25:
                store.record(ev.PAGE_VIEW, ev.GLOSSARY_KEY)
            if rng.random() < 0.15:
                store.record(ev.READ_ALOUD)
            if rng.random() < 0.2:
                store.record(ev.SEARCH)
        if rng.random() < 0.5:
            store.record(ev.PRINT, rng.choice(("standard", "large")), rng.randint(1, 3))
        if rng.random() < 0.2:
            store.record(ev.PATIENT_PRINT, "large")
        if rng.random() < 0.1:
            store.record(ev.PDF_EXPORT, "standard")
        store.flush()
        store.close()


def _fixed(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def _no_reload() -> Loaded:
    raise AssertionError("the screenshot never reloads content")


def take(app: QApplication, library: Library, out: Path, days: str = "30") -> Path:
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "usage.sqlite3"
        fill_sample(db, library)
        store = UsageStore(db, clock=lambda: datetime(2025, 3, 28, 17, 30))
        window = build_window(library, app, Settings())
        window.resize(*SIZE)
        window.show()
        usage = UsageRecorder(window, store)
        staff = StaffAccess(
            window, Settings(), reload=_no_reload, exit_kiosk=lambda: None, usage=usage
        )
        staff.open_stats_screen()
        assert staff.stats_screen is not None
        staff.stats_screen.period.set_value(days)
        staff.stats_screen.refresh()
        staff.stats_screen.show_status("")
        for _ in range(5):
            app.processEvents()
        path = out / FILE_NAME
        window.grab().save(str(path))
        usage.close()
        window.allow_close = True
        window.speech.shutdown()
        window.close()
    return path


def main(argv: list[str]) -> int:
    app, library, out = prepare(argv)
    print(take(app, library, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
