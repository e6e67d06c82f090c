"""Anonymous usage counts in SQLite: counted in memory, written in batches, never in the way.

Only daily counters are stored (day, event, key, count): no identifiers, no times finer than
the day, and no text a patient typed (see stats_events for what may be counted). A database
that is corrupt, locked for long or cannot be written is moved aside and a fresh one is used;
no fault ever reaches the caller.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from kiosk.core.stats_db import UPSERT, connect, is_locked, move_aside
from kiosk.core.stats_events import check_event
from kiosk.core.stats_summary import Row, Summary, period, read_rows, summarise

log = logging.getLogger(__name__)

LOCKED_LIMIT = 3  # flushes in a row that found the file locked before it is moved aside

T = TypeVar("T")


class UsageStore:
    """Counts by day. ``record`` is cheap and thread-safe; ``flush`` writes the batch."""

    enabled = True

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], datetime] = datetime.now,
        retention_days: int | None = None,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._retention = retention_days
        self._lock = threading.Lock()  # print jobs finish on worker threads
        self._queue: Counter[tuple[str, str, str]] = Counter()
        self._conn: sqlite3.Connection | None = None
        self.in_memory = False  # True once the file could not be used: counts die with us
        self._locked_flushes = 0
        self._replaced = False  # a fresh file was started and has not worked yet
        self._pruned_on: date | None = None

    def today(self) -> date:
        return self._clock().date()

    # -- counting (the patient's path: memory only) ----------------------------------------

    def record(self, event: str, key: str = "", amount: int = 1) -> None:
        """Count ``amount`` of ``event`` today. Refused events are logged and dropped."""
        if problem := check_event(event, key, amount):
            log.warning("usage statistics: not counted: %s", problem)
            return
        day = self.today().isoformat()  # the day it happened, not the day it is written
        with self._lock:
            self._queue[(day, event, key)] += amount

    def pending(self) -> int:
        """How many counts wait in memory for the next flush."""
        with self._lock:
            return self._queue.total()

    # -- writing (off the patient's path) --------------------------------------------------

    def flush(self) -> bool:
        """Write what was counted in one transaction; False (and kept) if it could not be."""
        with self._lock:
            batch, self._queue = self._queue, Counter()
        rows = [(day, event, key, n) for (day, event, key), n in sorted(batch.items())]

        def write(conn: sqlite3.Connection) -> bool:
            with conn:
                conn.executemany(UPSERT, rows)
            return True

        if rows and not self._guarded("write to", write, False):
            with self._lock:
                self._queue.update(batch)  # counted again at the next flush
            return False
        if self._retention is not None and self._pruned_on != self.today():
            self.prune(self._retention)
        return True

    def prune(self, retention_days: int) -> None:
        """Delete the days older than ``retention_days`` before today."""
        cutoff = (self.today() - timedelta(days=retention_days)).isoformat()

        def delete(conn: sqlite3.Connection) -> bool:
            with conn:
                gone = conn.execute("DELETE FROM counts WHERE day < ?", (cutoff,)).rowcount
            if gone:
                log.info("usage statistics: deleted %d counts from before %s", gone, cutoff)
            return True

        if self._guarded("prune", delete, False):
            self._pruned_on = self.today()

    def clear(self) -> bool:
        """Forget every count, stored or waiting."""
        with self._lock:
            self._queue.clear()

        def delete(conn: sqlite3.Connection) -> bool:
            with conn:
                conn.execute("DELETE FROM counts")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # leave nothing in the -wal file
            return True

        cleared = self._guarded("clear", delete, False)
        log.info("usage statistics cleared" if cleared else "usage statistics: clear failed")
        return cleared

    # -- reading ---------------------------------------------------------------------------

    def rows_for_csv(self, days: int, today: date | None = None) -> list[Row]:
        """(date, event, key, count) for each day of the period that has counts."""
        first, last = period(days, today or self.today())
        return self._guarded("read", lambda conn: read_rows(conn, first, last), [])

    def summary(self, days: int, today: date | None = None) -> Summary:
        """Totals for the last ``days`` days (stored counts: flush first for the latest)."""
        today = today or self.today()
        return summarise(self.rows_for_csv(days, today), days, today)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- faults ----------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            if self.in_memory:
                self._conn = connect(":memory:")
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = connect(str(self.path))
        return self._conn

    def _guarded(self, doing: str, op: Callable[[sqlite3.Connection], T], failed: T) -> T:
        """Run ``op``; on a database fault, recover and try again; never raise."""
        # At most: the file in use, a fresh file in its place, then memory.
        for _attempt in range(3):
            try:
                result = op(self._connection())
            except (sqlite3.Error, OSError) as exc:
                if not self._recover(doing, exc):
                    return failed
                continue
            self._locked_flushes = 0
            self._replaced = False
            return result
        return failed

    def _recover(self, doing: str, exc: BaseException) -> bool:
        """Deal with a failed operation; True when it is worth trying once more."""
        self.close()
        if is_locked(exc) and self._locked_flushes < LOCKED_LIMIT:
            self._locked_flushes += 1
            log.warning(
                "usage statistics: %s is locked by another program (%s); counts are kept "
                "in memory and written later",
                self.path,
                exc,
            )
            return False
        if self.in_memory:
            log.error("usage statistics: cannot %s even in memory (%s); dropped", doing, exc)
            return False
        log.warning("usage statistics: cannot %s %s (%s)", doing, self.path, exc)
        self._locked_flushes = 0
        # A fresh file that fails too (a full disk, say) is not moved aside again and again.
        if self._replaced or move_aside(self.path, self._clock()) is None:
            self.in_memory = True
            log.error(
                "usage statistics: counting in memory only until the kiosk stops; "
                "check that %s can be written",
                self.path.parent,
            )
        self._replaced = True
        return True


class DisabledStore:
    """``stats_enabled = false``: the same calls, and nothing is counted or written anywhere."""

    enabled = False
    in_memory = False

    def __init__(self, path: Path | None = None, *, clock: Callable[[], datetime] = datetime.now):
        self.path = path
        self._clock = clock

    def today(self) -> date:
        return self._clock().date()

    def record(self, event: str, key: str = "", amount: int = 1) -> None:
        pass

    def pending(self) -> int:
        return 0

    def flush(self) -> bool:
        return True

    def prune(self, retention_days: int) -> None:
        pass

    def clear(self) -> bool:
        return True

    def rows_for_csv(self, days: int, today: date | None = None) -> list[Row]:
        return []

    def summary(self, days: int, today: date | None = None) -> Summary:
        today = today or self.today()
        return summarise((), days, today)

    def close(self) -> None:
        pass


Store = UsageStore | DisabledStore


def open_store(
    path: Path,
    *,
    enabled: bool,
    clock: Callable[[], datetime] = datetime.now,
    retention_days: int | None = None,
) -> Store:
    """The store the settings ask for. Nothing touches the disk until the first flush."""
    if not enabled:
        return DisabledStore(path, clock=clock)
    return UsageStore(path, clock=clock, retention_days=retention_days)
