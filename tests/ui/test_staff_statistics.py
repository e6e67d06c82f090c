"""Staff "Statistics": from the staff menu, 7 or 30 days, charts, CSV export, and clear."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from kiosk.core import stats_events as ev
from kiosk.core.settings import Settings
from kiosk.core.stats import DisabledStore, UsageStore
from kiosk.core.stats_summary import CSV_COLUMNS
from kiosk.ui import theme
from kiosk.ui.staff import stats_screen as stats_module
from kiosk.ui.staff.access import StaffAccess
from kiosk.ui.staff.stats_screen import StatsScreen
from tests.ui.fakes import FakeNow
from tests.ui.helpers import left_click
from tests.ui.usage_visits import START, first_visit, kiosk_with, second_visit


@pytest.fixture
def usb(tmp_path: Path, monkeypatch) -> Path:
    """A USB stick is in: the only place on offer to save to."""
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(
        stats_module, "save_locations", lambda: [("USB stick (removable drive)", folder)]
    )
    return folder


def staff_for(make_window, clock, store) -> StaffAccess:
    win = kiosk_with(make_window, clock, store)
    return StaffAccess(
        win, Settings(), reload=lambda: None, exit_kiosk=lambda: None, usage=win.usage
    )


@pytest.fixture
def staff(make_window, clock, store, usb):
    access = staff_for(make_window, clock, store)
    yield access
    access.usage.close()


def open_statistics(qtbot, staff: StaffAccess) -> StatsScreen:
    staff.request()  # the corner hold; in a window with no PIN it opens the staff menu
    entry = next(b for b in staff.screen.findChildren(QPushButton) if b.text() == "Statistics")
    left_click(qtbot, entry)
    screen = staff.stats_screen
    assert screen is not None
    assert staff.window.stack.currentWidget() is screen
    assert staff.is_open()
    return screen


def visits_and_an_older_week(qtbot, staff: StaffAccess, store: UsageStore, now: FakeNow) -> None:
    now.advance(days=-10)  # five visits ten days ago, outside the last 7 days
    store.record(ev.SESSION, amount=5)
    store.record(ev.PAGE_VIEW, "about", 5)
    store.flush()
    now.now = START
    first_visit(qtbot, staff.window)
    second_visit(qtbot, staff.window)


def test_the_charts_show_what_patients_did(qtbot, staff, store, now, library) -> None:
    visits_and_an_older_week(qtbot, staff, store, now)
    screen = open_statistics(qtbot, staff)
    q = library.questions
    top = screen.top_chart.data()
    assert top[:3] == ((q[0].title, 2), (q[1].title, 1), ("Words explained", 1))
    assert len(top) == len(library.pages) + 1, "pages nobody read are shown too"
    assert all(n == 0 for _title, n in top[3:])
    assert [label for label, _n in screen.sessions_chart.data()] == [
        "Mon 3",
        "Tue 4",
        "Wed 5",
        "Thu 6",
        "Fri 7",
        "Sat 8",
        "Sun 9",
    ]
    assert [n for _label, n in screen.sessions_chart.data()] == [0, 0, 0, 0, 0, 0, 2]
    shown = {key: label.text() for key, label in screen.figures.items()}
    assert shown == {
        "sessions": "2",
        "pages": "4",
        "idle_resets": "2",
        "read_aloud": "0",
        "searches": "0",
        "printed": "0",
        "exported": "0",
    }
    assert screen.lengths["1-3-min"].text() == "1"
    assert screen.lengths["under-1-min"].text() == "1"
    assert screen.period_label.text() == "3 March to 9 March 2025"
    assert f"{q[0].title}: 2" in screen.top_chart.accessibleDescription()


def test_last_30_days_takes_in_the_older_visits(qtbot, staff, store, now) -> None:
    visits_and_an_older_week(qtbot, staff, store, now)
    screen = open_statistics(qtbot, staff)
    week, month = screen.period.buttons()
    assert week.isChecked()
    assert screen.figures["sessions"].text() == "2"
    left_click(qtbot, month)
    assert screen.days() == 30
    assert screen.figures["sessions"].text() == "7"
    days = screen.sessions_chart.data()
    assert len(days) == 30
    assert days[-11] == ("27", 5), "27 February, ten days before 9 March"
    assert ("About this information", 5) in screen.top_chart.data()
    left_click(qtbot, week)
    assert screen.figures["sessions"].text() == "2"


def test_export_csv_to_the_chosen_folder(qtbot, staff, store, now, usb) -> None:
    visits_and_an_older_week(qtbot, staff, store, now)
    screen = open_statistics(qtbot, staff)
    assert screen.folder.value() == str(usb)
    left_click(qtbot, screen.period.buttons()[1])
    with qtbot.waitSignal(screen.jobs.finished, timeout=5000):
        left_click(qtbot, screen.export_button)
    path = usb / "kiosk-usage-2025-02-08-to-2025-03-09.csv"
    assert [p.name for p in usb.iterdir()] == [path.name]
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == CSV_COLUMNS
    counts = {(r["date"], r["event"], r["key"]): int(r["count"]) for r in rows}
    assert counts[("2025-02-27", "session", "")] == 5
    assert counts[("2025-03-09", "session", "")] == 2
    assert counts[("2025-03-09", "idle_reset", "")] == 2
    assert counts[("2025-03-09", "page_view", "glossary")] == 1
    assert sum(n for (_d, e, _k), n in counts.items() if e == "session_length") == 2
    assert "Saved" in screen.status.text()
    assert path.name in screen.status.text()


def test_an_export_that_fails_says_so(qtbot, staff, usb) -> None:
    screen = open_statistics(qtbot, staff)
    usb.rmdir()  # the stick was pulled out
    with qtbot.waitSignal(screen.jobs.finished, timeout=5000):
        left_click(qtbot, screen.export_button)
    assert screen.status.text().startswith("Not saved:")
    assert screen.export_button.isEnabled(), "staff can try again"


def test_clear_needs_a_second_tap(qtbot, staff, store, now) -> None:
    visits_and_an_older_week(qtbot, staff, store, now)
    screen = open_statistics(qtbot, staff)
    left_click(qtbot, screen.clear_button)
    assert screen.is_confirming_clear()
    assert screen.clear_button.text() == "Tap again to clear"
    assert "cannot be undone" in screen.status.text()
    assert store.summary(30).sessions == 7, "one tap clears nothing"
    left_click(qtbot, screen.clear_button)
    assert not screen.is_confirming_clear()
    assert store.summary(400).sessions == 0
    assert screen.figures["sessions"].text() == "0"
    assert all(n == 0 for _label, n in screen.top_chart.data())
    assert screen.status.text() == "Statistics cleared."
    assert screen.clear_button.text() == "Clear statistics"


def test_leaving_the_screen_drops_a_half_made_clear(qtbot, staff, store, now) -> None:
    visits_and_an_older_week(qtbot, staff, store, now)
    screen = open_statistics(qtbot, staff)
    left_click(qtbot, screen.clear_button)
    left_click(qtbot, screen.back_button)
    assert staff.window.stack.currentWidget() is staff.screen
    screen = open_statistics(qtbot, staff)
    assert not screen.is_confirming_clear()
    assert screen.clear_button.text() == "Clear statistics"
    left_click(qtbot, screen.clear_button)  # a first tap again, not a second
    assert store.summary(30).sessions == 7


def has_colour(image, colour: str, rows: int) -> bool:
    wanted = QColor(colour)
    return any(
        image.pixelColor(x, y) == wanted
        for y in range(0, min(rows, image.height()), 2)
        for x in range(0, image.width(), 2)
    )


def test_chart_colours_are_the_themes(qtbot, staff, store, now) -> None:
    visits_and_an_older_week(qtbot, staff, store, now)
    screen = open_statistics(qtbot, staff)
    standard, high = theme.themes()["standard"], theme.themes()["high_contrast"]
    image = screen.top_chart.grab().toImage()
    assert has_colour(image, standard["button_bg"], 60)
    left_click(qtbot, staff.window.header.contrast)
    image = screen.top_chart.grab().toImage()
    assert has_colour(image, high["button_bg"], 60)
    assert not has_colour(image, standard["button_bg"], 60)


def test_with_statistics_off_the_screen_says_so(qtbot, make_window, clock, tmp_path, usb) -> None:
    off = DisabledStore(tmp_path / "data" / "usage.sqlite3")
    staff = staff_for(make_window, clock, off)
    first_visit(qtbot, staff.window)
    screen = open_statistics(qtbot, staff)
    assert "turned off" in screen.status.text()
    assert not screen.export_button.isEnabled()
    assert not screen.clear_button.isEnabled()
    assert screen.figures["sessions"].text() == "0"
    assert not (tmp_path / "data").exists()
    staff.usage.close()


def test_a_statistics_file_that_cannot_be_written_is_explained(
    qtbot, make_window, clock, now, tmp_path, usb
) -> None:
    (tmp_path / "data").write_text("a file where the data folder should be")
    store = UsageStore(tmp_path / "data" / "usage.sqlite3", clock=now)
    staff = staff_for(make_window, clock, store)
    first_visit(qtbot, staff.window)
    screen = open_statistics(qtbot, staff)
    assert "cannot be written" in screen.status.text()
    assert screen.figures["sessions"].text() == "1", "today's counts, from memory"
    staff.usage.close()
    store.close()


def test_the_period_label_and_figures_follow_the_date(qtbot, staff, store, now) -> None:
    now.advance(days=1)  # Monday 10 March: the visits were yesterday
    screen = open_statistics(qtbot, staff)
    assert screen.period_label.text() == "4 March to 10 March 2025"
    assert screen.sessions_chart.data()[-1] == ("Mon 10", 0)
