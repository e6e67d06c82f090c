"""``kiosk stats`` run as staff run it: a separate process, the real data folder, exit codes."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.core import stats_events as ev
from kiosk.core.stats import UsageStore
from kiosk.core.stats_summary import CSV_COLUMNS


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    # The autouse fixture in conftest points XDG_DATA_HOME (and the rest) at tmp.
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "stats", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
        check=False,
    )


def record(days_ago: int, *events: tuple[str, str, int]) -> None:
    day = date.today() - timedelta(days=days_ago)
    store = UsageStore(
        paths.usage_database(), clock=lambda: datetime(day.year, day.month, day.day, 12)
    )
    for event, key, amount in events:
        store.record(event, key, amount)
    assert store.flush()
    store.close()


@pytest.fixture
def recorded() -> Path:
    record(
        0,
        (ev.SESSION, "", 3),
        (ev.PAGE_VIEW, "what-is-prolotherapy", 4),
        (ev.PAGE_VIEW, ev.GLOSSARY_KEY, 1),
        (ev.PRINT, "large", 2),
        (ev.SEARCH, "", 2),
    )
    record(10, (ev.SESSION, "", 5), (ev.PAGE_VIEW, "is-it-safe", 6))
    return paths.usage_database()


def test_no_database_yet_says_so_and_makes_none() -> None:
    result = kiosk()
    assert result.returncode == 0, result.stderr
    assert "No usage statistics yet" in result.stdout
    assert str(paths.usage_database()) in result.stdout
    assert not paths.usage_database().exists()
    assert not paths.usage_database().parent.exists()


@pytest.mark.parametrize("settings", ["", "stats_enabled = false\n"])
def test_csv_with_nothing_counted_is_the_header_row(tmp_path: Path, settings: str) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(settings, encoding="utf-8")
    out = tmp_path / "usage.csv"
    result = kiosk("--csv", str(out), "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "wrote 0 rows (" in result.stdout
    assert out.read_text(encoding="utf-8").splitlines() == [",".join(CSV_COLUMNS)]
    assert not paths.usage_database().exists(), "reading made no database"


def test_the_summary_table_names_pages_and_counts(recorded: Path) -> None:
    result = kiosk()
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Usage statistics: last 30 days (")
    figures = {" ".join(line.split()[:-1]): line.split()[-1] for line in lines[2:7]}
    assert figures == {
        "Patient sessions": "8",
        "Pages opened": "11",
        "Idle resets": "0",
        "Read aloud": "0",
        "Searches": "2",
    }
    assert any(line.startswith("Is prolotherapy safe") and line.endswith(" 6") for line in lines)
    assert any(line.startswith("What is prolotherapy?") and line.endswith(" 4") for line in lines)
    assert any(line.startswith("Words explained") and line.endswith(" 1") for line in lines)
    assert "large print 2" in result.stdout
    assert result.stderr == ""


def test_days_chooses_the_period(recorded: Path) -> None:
    week = kiosk("--days", "7")
    assert week.returncode == 0, week.stderr
    assert week.stdout.splitlines()[0].startswith("Usage statistics: last 7 days (")
    assert "Is prolotherapy safe" not in week.stdout, "ten days ago is outside the week"
    sessions = next(line for line in week.stdout.splitlines() if line.startswith("Patient"))
    assert sessions.split()[-1] == "3"
    assert len([line for line in week.stdout.splitlines() if line[:2] == "20"]) == 7


def test_csv_is_written_with_its_columns(recorded: Path, tmp_path: Path) -> None:
    out = tmp_path / "usage.csv"
    result = kiosk("--csv", str(out), "--days", "30")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_COLUMNS
    today, older = date.today().isoformat(), (date.today() - timedelta(days=10)).isoformat()
    assert [today, "search", "", "2"] in rows
    assert [older, "page_view", "is-it-safe", "6"] in rows
    assert len(rows) == 1 + 7


def test_an_unwritable_csv_path_is_one_line_and_exit_1(recorded: Path, tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("x")
    result = kiosk("--csv", str(tmp_path / "not-a-folder" / "usage.csv"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("kiosk: stats: cannot write ")


def test_statistics_turned_off_says_so(recorded: Path, tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("stats_enabled = false\n", encoding="utf-8")
    result = kiosk("--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "turned off" in result.stdout
    assert "stats_enabled = false" in result.stdout
    assert "Patient sessions" not in result.stdout


def test_a_corrupt_database_is_reported_and_left_alone(tmp_path: Path) -> None:
    db = paths.usage_database()
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database" * 100)
    result = kiosk()
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("kiosk: stats: cannot read ")
    assert db.read_bytes() == b"not a database" * 100
    assert [p.name for p in db.parent.iterdir()] == [db.name], "the kiosk repairs, not this"


@pytest.mark.parametrize("days", ["0", "-3", "seven"])
def test_days_must_be_a_positive_whole_number(days: str) -> None:
    result = kiosk("--days", days)
    assert result.returncode == 2
    assert "--days" in result.stderr


def test_stats_is_in_the_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--help"], capture_output=True, text=True, check=False
    )
    assert "stats" in result.stdout
    help_text = kiosk("--help").stdout
    for option in ("--days", "--csv", "--config"):
        assert option in help_text
