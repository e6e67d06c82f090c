"""The usage statistics file: its schema, opening it, moving a broken one aside, reading only."""

from __future__ import annotations

import logging
import sqlite3
from datetime import date, datetime
from pathlib import Path

from kiosk.core.stats_summary import Row, period, read_rows

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    day TEXT NOT NULL,              -- local date, YYYY-MM-DD: nothing finer is kept
    event TEXT NOT NULL,            -- one of stats_events.EVENTS
    key TEXT NOT NULL DEFAULT '',   -- page id, leaflet format or length bucket; '' if none
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, event, key)
) WITHOUT ROWID
"""
UPSERT = (
    "INSERT INTO counts (day, event, key, count) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (day, event, key) DO UPDATE SET count = count + excluded.count"
)
BUSY_SECONDS = 0.1  # flushes run on the GUI thread: wait a moment for a lock, never long


class StatsError(Exception):
    """The statistics could not be read (for ``kiosk stats``, which must not repair them)."""


def connect(target: str, *, read_only: bool = False) -> sqlite3.Connection:
    """Open and check the database (``target`` is a URI when ``read_only``). Raises on faults."""
    conn = sqlite3.connect(target, timeout=BUSY_SECONDS, uri=read_only)
    try:
        if not read_only:
            # Garbage fails here (file is not a database), not in the middle of a write.
            conn.execute("PRAGMA journal_mode=WAL").fetchone()
        problem = conn.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {problem}")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable enough, and cheap
        conn.execute("PRAGMA secure_delete=ON")  # cleared counts are overwritten, not left
        if not read_only and conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            with conn:
                conn.execute(SCHEMA)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        conn.close()
        raise
    return conn


def is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


def move_aside(path: Path, now: datetime) -> Path | None:
    """Rename ``path`` (and its -wal, -shm) with a timestamp; None if it cannot be moved."""
    if not path.exists():
        return None  # nothing to move: the folder itself is the problem
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    try:
        path.rename(target)
    except OSError as exc:
        log.error("usage statistics: cannot move %s aside (%s); left alone", path, exc)
        return None
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            try:
                side.rename(target.with_name(target.name + suffix))
            except OSError as exc:
                log.warning("usage statistics: cannot move %s aside (%s)", side, exc)
    log.warning("usage statistics: moved %s aside to %s; a fresh one is used", path, target)
    return target


def read_only(path: Path, days: int, today: date) -> list[Row]:
    """Rows for ``kiosk stats``: the file is only read, never repaired. Raises StatsError."""
    try:
        conn = connect(f"{Path(path).resolve().as_uri()}?mode=ro", read_only=True)
    except sqlite3.Error as exc:
        raise StatsError(f"cannot read {path}: {exc}") from None
    try:
        first, last = period(days, today)
        return read_rows(conn, first, last)
    except sqlite3.Error as exc:
        raise StatsError(f"cannot read {path}: {exc}") from None
    finally:
        conn.close()
