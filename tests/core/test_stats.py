"""Usage statistics store: daily counts, periods, retention, CSV, and faults that never escape."""

from __future__ import annotations

import csv
import logging
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core import stats as stats_module
from kiosk.core import stats_events as ev
from kiosk.core.stats import LOCKED_LIMIT, DisabledStore, UsageStore, open_store
from kiosk.core.stats_db import StatsError, read_only
from kiosk.core.stats_summary import CSV_COLUMNS, format_summary, write_csv
from tests.ui.fakes import FakeNow

DAY = date(2025, 3, 9)


@pytest.fixture
def now() -> FakeNow:
    return FakeNow(datetime(DAY.year, DAY.month, DAY.day, 10, 0))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "usage.sqlite3"


@pytest.fixture
def store(db: Path, now: FakeNow) -> UsageStore:
    made = UsageStore(db, clock=now)
    yield made
    made.close()


def stored(path: Path) -> list[tuple[str, str, str, int]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("SELECT day, event, key, count FROM counts"))


def test_counts_add_up_by_day_event_and_key(store: UsageStore) -> None:
    for page in ("what-is-prolotherapy", "is-it-safe", "what-is-prolotherapy", ev.GLOSSARY_KEY):
        store.record(ev.PAGE_VIEW, page)
    store.record(ev.SESSION)
    store.record(ev.SESSION)
    store.record(ev.IDLE_RESET)
    store.record(ev.SESSION_LENGTH, ev.session_bucket(45))
    store.record(ev.SESSION_LENGTH, ev.session_bucket(400))
    store.record(ev.PRINT, "large", 3)
    store.record(ev.PRINT, "standard", 2)
    store.record(ev.PATIENT_PRINT, "large")
    store.record(ev.PDF_EXPORT, "standard")
    store.record(ev.READ_ALOUD)
    store.record(ev.SEARCH)
    store.record(ev.SEARCH)
    assert store.flush()

    s = store.summary(7)
    assert (s.first_day, s.last_day, s.days) == (DAY - timedelta(days=6), DAY, 7)
    assert s.sessions == 2
    assert s.sessions_per_day[-1] == (DAY, 2)
    assert s.page_views == (("what-is-prolotherapy", 2), ("glossary", 1), ("is-it-safe", 1))
    assert s.pages_opened == 4
    assert s.prints == (("standard", 2), ("large", 4))  # copies; patients' prints included
    assert s.patient_prints == 1
    assert s.exports == (("standard", 1),)
    assert (s.read_aloud, s.searches, s.idle_resets) == (1, 2, 1)
    assert dict(s.session_lengths) == {
        "under-1-min": 1,
        "1-3-min": 0,
        "3-10-min": 1,
        "10-min-plus": 0,
    }


def test_record_only_counts_in_memory_until_flush(store: UsageStore, db: Path) -> None:
    store.record(ev.SESSION)
    store.record(ev.PAGE_VIEW, "is-it-safe")
    assert store.pending() == 2
    assert not db.exists(), "recording must not touch the disk"
    assert store.flush()
    assert store.pending() == 0
    assert stored(db) == [
        (DAY.isoformat(), ev.PAGE_VIEW, "is-it-safe", 1),
        (DAY.isoformat(), ev.SESSION, "", 1),
    ]
    store.record(ev.SESSION)
    assert store.flush()
    assert (DAY.isoformat(), ev.SESSION, "", 2) in stored(db), "flushes add to the same row"


def test_the_day_is_the_day_it_happened_not_the_day_it_was_written(
    store: UsageStore, now: FakeNow
) -> None:
    now.now = datetime(2025, 3, 8, 23, 59, 59)
    store.record(ev.SESSION)
    now.advance(seconds=2)  # past midnight
    store.record(ev.SESSION)
    store.record(ev.SESSION)
    assert store.flush()
    assert store.rows_for_csv(2) == [
        ("2025-03-08", ev.SESSION, "", 1),
        ("2025-03-09", ev.SESSION, "", 2),
    ]
    assert [n for _d, n in store.summary(2).sessions_per_day] == [1, 2]
    assert store.summary(1).sessions == 2, "one day is today only"


def test_a_period_is_today_and_the_days_before(store: UsageStore, now: FakeNow) -> None:
    for back in (0, 6, 7, 29, 30):
        now.now = datetime(2025, 3, 9, 12) - timedelta(days=back)
        store.record(ev.SESSION, amount=back + 1)
    assert store.flush()
    now.now = datetime(2025, 3, 9, 12)
    week, month = store.summary(7), store.summary(30)
    assert week.sessions == 1 + 7
    assert len(week.sessions_per_day) == 7
    assert [n for _d, n in week.sessions_per_day] == [7, 0, 0, 0, 0, 0, 1]
    assert month.sessions == 1 + 7 + 8 + 30
    assert month.first_day == date(2025, 2, 8)


def test_prune_deletes_days_older_than_the_retention(db: Path, now: FakeNow) -> None:
    store = UsageStore(db, clock=now, retention_days=10)
    for _ in range(3):
        store.record(ev.SESSION)
        assert store.flush()
        now.advance(days=5)
    # Written on 9, 14 and 19 March; now it is the 24th: the 9th is more than 10 days old.
    store.record(ev.SESSION)
    assert store.flush()
    assert [row[0] for row in stored(db)] == ["2025-03-14", "2025-03-19", "2025-03-24"]
    store.prune(5)
    assert [row[0] for row in stored(db)] == ["2025-03-19", "2025-03-24"]
    store.close()


def test_clear_forgets_everything_and_leaves_no_trace_in_the_files(
    store: UsageStore, db: Path
) -> None:
    for _ in range(20):
        store.record(ev.PAGE_VIEW, "questions-to-ask")
    assert store.flush()
    store.record(ev.SESSION)  # still waiting in memory
    assert store.clear()
    assert store.flush()
    assert store.summary(30).sessions == 0
    assert stored(db) == []
    for f in db.parent.iterdir():
        assert b"questions-to-ask" not in f.read_bytes(), f.name


def test_csv_has_a_header_and_one_row_per_day_event_and_key(
    store: UsageStore, tmp_path: Path
) -> None:
    store.record(ev.PAGE_VIEW, "is-it-safe")
    store.record(ev.PRINT, "large", 2)
    store.record(ev.SEARCH)
    assert store.flush()
    out = tmp_path / "usage.csv"
    assert write_csv(store.rows_for_csv(7), out) == 3
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_COLUMNS == ("date", "event", "key", "count")
    assert rows[1:] == [
        [DAY.isoformat(), "page_view", "is-it-safe", "1"],
        [DAY.isoformat(), "print", "large", "2"],
        [DAY.isoformat(), "search", "", "1"],
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_csv_write_leaves_no_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        write_csv([], tmp_path / "file" / "usage.csv")
    target = tmp_path / "out.csv"

    def rows():
        yield ("2025-03-09", "session", "", 1)
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_csv(rows(), target)
    assert list(tmp_path.iterdir()) == [tmp_path / "file"]


def test_disabled_statistics_record_nothing_and_make_no_file(tmp_path: Path, now) -> None:
    db = tmp_path / "data" / "usage.sqlite3"
    store = open_store(db, enabled=False, clock=now, retention_days=400)
    assert isinstance(store, DisabledStore)
    store.record(ev.SESSION)
    store.record(ev.PAGE_VIEW, "is-it-safe")
    assert store.pending() == 0
    assert store.flush()
    assert store.clear()
    assert store.summary(7).sessions == 0
    assert store.rows_for_csv(30) == []
    store.close()
    assert list(tmp_path.iterdir()) == [], "not even the folder is made"
    assert isinstance(open_store(db, enabled=True, clock=now), UsageStore)


@pytest.mark.parametrize(
    ("event", "key", "amount"),
    [
        (ev.SEARCH, "sacroiliac pain", 1),  # search takes no text at all
        (ev.READ_ALOUD, "sacroiliac", 1),
        (ev.PAGE_VIEW, "Sacroiliac joint pain", 1),  # not a page id
        (ev.PAGE_VIEW, "", 1),
        ("sacroiliac", "", 1),  # not an event
        (ev.PRINT, "large", 0),
        (ev.PRINT, "large", 10_000),
    ],
)
def test_anything_that_could_carry_patient_text_is_refused(
    store: UsageStore, db: Path, caplog, event, key, amount
) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        store.record(event, key, amount)
    assert store.pending() == 0
    assert "not counted" in caplog.text
    assert "sacroiliac" not in caplog.text.lower(), "the log must not repeat the text either"
    assert store.flush()
    assert not db.exists() or stored(db) == []


def test_a_corrupt_database_is_moved_aside_and_a_fresh_one_used(
    db: Path, now: FakeNow, caplog
) -> None:
    db.parent.mkdir(parents=True)
    garbage = b"this is not a database\x00\xff" * 200
    db.write_bytes(garbage)
    store = UsageStore(db, clock=now)
    store.record(ev.SESSION)
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        assert store.flush()
    assert stored(db) == [(DAY.isoformat(), ev.SESSION, "", 1)]
    aside = [p for p in db.parent.iterdir() if ".broken-" in p.name]
    assert [p.name for p in aside] == ["usage.sqlite3.broken-20250309-100000"]
    assert aside[0].read_bytes() == garbage, "the old file is kept, untouched, for a look"
    assert "moved" in caplog.text
    assert "usage.sqlite3.broken-20250309-100000" in caplog.text
    store.close()


def test_a_database_damaged_inside_is_moved_aside_too(db: Path, now: FakeNow) -> None:
    store = UsageStore(db, clock=now)
    for page in range(300):  # enough rows for several pages
        store.record(ev.PAGE_VIEW, f"page-{page:03}")
    assert store.flush()
    store.close()
    data = db.read_bytes()
    assert len(data) > 3 * 4096
    # The header (page 1) survives, so the file opens; every page after it is scribbled over.
    db.write_bytes(data[:4096] + b"\xee" * (len(data) - 4096))
    store = UsageStore(db, clock=now)
    store.record(ev.SESSION)
    assert store.flush()
    assert store.summary(1).sessions == 1
    assert any(".broken-" in p.name for p in db.parent.iterdir())
    store.close()


def test_a_locked_database_keeps_the_counts_and_logs(store: UsageStore, db: Path, caplog) -> None:
    store.record(ev.SESSION)
    assert store.flush()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        store.record(ev.SESSION)
        with caplog.at_level(logging.WARNING, logger="kiosk"):
            assert store.flush() is False  # and no exception
        assert store.pending() == 1, "kept in memory for the next flush"
        assert "locked" in caplog.text
    finally:
        other.rollback()
        other.close()
    assert store.flush()
    assert stored(db) == [(DAY.isoformat(), ev.SESSION, "", 2)]


def test_a_database_locked_for_long_is_moved_aside(store: UsageStore, db: Path, caplog) -> None:
    store.record(ev.SESSION)
    assert store.flush()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        for _ in range(LOCKED_LIMIT):
            store.record(ev.PAGE_VIEW, "is-it-safe")
            assert store.flush() is False
        store.record(ev.PAGE_VIEW, "is-it-safe")
        with caplog.at_level(logging.WARNING, logger="kiosk"):
            assert store.flush(), "after a while, a fresh file"
    finally:
        other.rollback()
        other.close()
    assert "moved" in caplog.text
    assert stored(db) == [(DAY.isoformat(), ev.PAGE_VIEW, "is-it-safe", LOCKED_LIMIT + 1)]
    assert any(".broken-" in p.name for p in db.parent.iterdir())


def test_an_unwritable_folder_means_counting_in_memory(tmp_path: Path, now, caplog) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    store = UsageStore(blocker / "usage.sqlite3", clock=now)
    store.record(ev.SESSION)
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        assert store.flush()  # nothing raised
    assert store.in_memory
    assert "in memory" in caplog.text
    assert store.summary(1).sessions == 1, "staff still see today's counts"
    assert blocker.read_text() == "a file where the data folder should be"
    store.close()


def test_a_fresh_file_that_fails_too_is_not_moved_aside_again(
    store: UsageStore, db: Path, monkeypatch, caplog
) -> None:
    store.record(ev.SESSION)
    assert store.flush()
    store.close()
    real_connect = stats_module.connect

    def disk_full(target: str, **kwargs):
        if target != ":memory:":
            raise sqlite3.OperationalError("database or disk is full")
        return real_connect(target, **kwargs)

    monkeypatch.setattr(stats_module, "connect", disk_full)
    for _ in range(5):  # a flush every 30 seconds on a full disk
        store.record(ev.SESSION)
        with caplog.at_level(logging.WARNING, logger="kiosk"):
            assert store.flush()
    assert store.in_memory
    assert store.summary(1).sessions == 5
    assert len([p for p in db.parent.iterdir() if ".broken-" in p.name]) == 1
    assert "in memory" in caplog.text


def test_a_database_path_that_cannot_be_opened_is_moved_aside(db: Path, now, caplog) -> None:
    (db / "inside").mkdir(parents=True)  # a folder where the file should be
    store = UsageStore(db, clock=now)
    store.record(ev.SESSION)
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        assert store.flush()
    assert not store.in_memory
    assert db.is_file()
    assert (db.parent / "usage.sqlite3.broken-20250309-100000" / "inside").is_dir()
    store.close()


def test_read_only_reads_and_never_repairs(store: UsageStore, db: Path, tmp_path: Path) -> None:
    store.record(ev.SESSION)
    assert store.flush()
    store.close()
    assert read_only(db, 7, DAY) == [(DAY.isoformat(), ev.SESSION, "", 1)]
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 100)
    with pytest.raises(StatsError, match="cannot read"):
        read_only(bad, 7, DAY)
    assert bad.read_bytes() == b"garbage" * 100
    assert [p.name for p in tmp_path.iterdir() if "broken" in p.name] == []


def test_session_length_buckets() -> None:
    assert [ev.session_bucket(s) for s in (0, 59.9, 60, 179, 180, 599, 600, 10_000)] == [
        "under-1-min",
        "under-1-min",
        "1-3-min",
        "1-3-min",
        "3-10-min",
        "3-10-min",
        "10-min-plus",
        "10-min-plus",
    ]


def test_the_text_summary_names_pages_by_title(store: UsageStore) -> None:
    store.record(ev.PAGE_VIEW, "is-it-safe", 3)
    store.record(ev.PAGE_VIEW, ev.GLOSSARY_KEY)
    store.record(ev.PAGE_VIEW, "removed-page")
    store.record(ev.SESSION, amount=4)
    store.record(ev.PRINT, "large", 2)
    assert store.flush()
    text = format_summary(store.summary(7), {"is-it-safe": "Is it safe?"}.get)
    lines = text.splitlines()
    assert lines[0] == "Usage statistics: last 7 days (3 March to 9 March 2025)"
    assert any(line.split() == ["Patient", "sessions", "4"] for line in lines)
    assert any(line.startswith("Is it safe?") and line.endswith(" 3") for line in lines)
    assert any(line.startswith("Words explained") for line in lines)
    assert any(line.startswith("removed-page") for line in lines), "gone from the content"
    assert "large print 2" in text
    assert lines[-1].startswith("2025-03-09  Sun      4  #")
