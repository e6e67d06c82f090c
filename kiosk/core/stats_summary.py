"""Usage statistics read back: the summary staff see, as a text table, and as CSV rows."""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kiosk.core import stats_events as ev
from kiosk.core.leaflet_format import FORMATS

Row = tuple[str, str, str, int]  # day (ISO date), event, key, count
CSV_COLUMNS: tuple[str, ...] = ("date", "event", "key", "count")
TOP_PAGES = 10


@dataclass(frozen=True)
class Summary:
    """Totals for the days from ``first_day`` to ``last_day``, both included."""

    first_day: date
    last_day: date
    sessions_per_day: tuple[tuple[date, int], ...]  # every day of the period, zeros too
    page_views: tuple[tuple[str, int], ...]  # page id (or "glossary"), most read first
    prints: tuple[tuple[str, int], ...]  # leaflet format, copies (staff and patients)
    patient_prints: int  # of those, printed by patients with "Print this for me"
    exports: tuple[tuple[str, int], ...]  # leaflet format, PDFs saved
    read_aloud: int
    searches: int
    idle_resets: int
    session_lengths: tuple[tuple[str, int], ...]  # bucket key, visits (every bucket, in order)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def sessions(self) -> int:
        return sum(n for _day, n in self.sessions_per_day)

    @property
    def pages_opened(self) -> int:
        return sum(n for _key, n in self.page_views)

    @property
    def printed(self) -> int:
        return sum(n for _fmt, n in self.prints)

    @property
    def exported(self) -> int:
        return sum(n for _fmt, n in self.exports)


def period(days: int, today: date) -> tuple[date, date]:
    """The first and last day of the ``days`` days that end with ``today``."""
    if days < 1:
        raise ValueError("days must be 1 or more")
    return today - timedelta(days=days - 1), today


def _by_format(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    known = [f for f in FORMATS if counts[f]]
    other = sorted(k for k in counts if k not in FORMATS and counts[k])
    return tuple((k, counts[k]) for k in (*known, *other))


def summarise(rows: Iterable[Row], days: int, today: date) -> Summary:
    """Add up ``rows`` that fall in the period; rows outside it are ignored."""
    first, last = period(days, today)
    per_event: dict[str, Counter[str]] = {name: Counter() for name in ev.EVENTS}
    per_day: Counter[str] = Counter()
    for day, event, key, count in rows:
        if not first.isoformat() <= day <= last.isoformat() or event not in per_event:
            continue
        per_event[event][key] += count
        if event == ev.SESSION:
            per_day[day] += count
    dates = [first + timedelta(days=i) for i in range(days)]
    views = per_event[ev.PAGE_VIEW]
    prints = per_event[ev.PRINT] + per_event[ev.PATIENT_PRINT]
    return Summary(
        first_day=first,
        last_day=last,
        sessions_per_day=tuple((d, per_day[d.isoformat()]) for d in dates),
        page_views=tuple(sorted(views.items(), key=lambda kv: (-kv[1], kv[0]))),
        prints=_by_format(prints),
        patient_prints=per_event[ev.PATIENT_PRINT].total(),
        exports=_by_format(per_event[ev.PDF_EXPORT]),
        read_aloud=per_event[ev.READ_ALOUD].total(),
        searches=per_event[ev.SEARCH].total(),
        idle_resets=per_event[ev.IDLE_RESET].total(),
        session_lengths=tuple(
            (key, per_event[ev.SESSION_LENGTH][key]) for key, _l, _u in ev.SESSION_BUCKETS
        ),
    )


def read_rows(conn: sqlite3.Connection, first: date, last: date) -> list[Row]:
    """Every stored count from ``first`` to ``last``, one row per day, event and key."""
    cursor = conn.execute(
        "SELECT day, event, key, SUM(count) FROM counts WHERE day BETWEEN ? AND ? "
        "GROUP BY day, event, key ORDER BY day, event, key",
        (first.isoformat(), last.isoformat()),
    )
    return [(str(d), str(e), str(k), int(n)) for d, e, k, n in cursor]


# -- words for people ------------------------------------------------------------------------


def format_label(name: str) -> str:
    fmt = FORMATS.get(name)
    return fmt.label if fmt else name


def bucket_label(key: str) -> str:
    return next((label for k, label, _u in ev.SESSION_BUCKETS if k == key), key)


def page_label(key: str, titles: Callable[[str], str | None] | None = None) -> str:
    """A page's title where the content still has it, else its id."""
    title = titles(key) if titles else None
    if title:
        return title
    return "Words explained" if key == ev.GLOSSARY_KEY else key


def by_format_text(pairs: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{format_label(k).lower()} {n}" for k, n in pairs)


def day_text(day: date) -> str:
    """ "3 March 2025" (strftime's unpadded day is not portable to Windows)."""
    return f"{day.day} {day:%B %Y}"


def period_text(summary: Summary) -> str:
    """ "22 March to 28 March 2025", with the first year too when the period spans two."""
    first, last = summary.first_day, summary.last_day
    start = f"{first.day} {first:%B}" if first.year == last.year else day_text(first)
    return f"{start} to {day_text(last)}"


def format_summary(summary: Summary, titles: Callable[[str], str | None] | None = None) -> str:
    """The summary as a plain-text table for ``kiosk stats``."""
    s = summary
    prints = f"({by_format_text(s.prints)}; {s.patient_prints} by patients)" if s.prints else ""
    exports = f"({by_format_text(s.exports)})" if s.exports else ""
    figures = [
        ("Patient sessions", s.sessions, ""),
        ("Pages opened", s.pages_opened, ""),
        ("Idle resets", s.idle_resets, ""),
        ("Read aloud", s.read_aloud, ""),
        ("Searches", s.searches, ""),
        ("Leaflets printed", s.printed, prints),
        ("PDFs saved", s.exported, exports),
    ]
    lines = [f"Usage statistics: last {s.days} days ({period_text(s)})", ""]
    lines += [f"{name:<24}{n:>7}  {extra}".rstrip() for name, n, extra in figures]

    def table(heading: str, unit: str, rows: list[tuple[str, int]]) -> None:
        width = max([len(heading), *(len(label) for label, _n in rows)]) + 2
        lines.extend(["", f"{heading:<{width}}{unit:>7}"])
        lines.extend(f"{label:<{width}}{n:>7}" for label, n in rows)

    pages = [(page_label(k, titles), n) for k, n in s.page_views[:TOP_PAGES]]
    table("Most read", "times", pages or [("(nothing read yet)", 0)])
    table("Time at the kiosk", "visits", [(bucket_label(k), n) for k, n in s.session_lengths])
    most = max((n for _d, n in s.sessions_per_day), default=0)
    lines.extend(["", "Sessions per day"])
    for day, n in s.sessions_per_day:
        bar = "#" * (round(30 * n / most) if most else 0)
        lines.append(f"{day.isoformat()}  {day:%a}  {n:>5}  {bar}".rstrip())
    return "\n".join(lines)


def write_csv(rows: Iterable[Row], path: Path) -> int:
    """Write ``rows`` under a header line; all or nothing (a temporary file, then a rename)."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    count = 0
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                writer.writerow(row)
                count += 1
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return count
