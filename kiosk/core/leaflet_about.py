"""The "About this information" lines of a leaflet: sources, review dates, disclaimer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from kiosk.core.credits import credit_lines, long_date
from kiosk.core.model import PackInfo, Page


def distinct_sources(pages: Sequence[Page]) -> list[Page]:
    """The first page of each different source, in order (a pack usually has one)."""
    seen: dict[tuple[str, str, str], Page] = {}
    for page in pages:
        seen.setdefault((page.source, page.source_url, page.source_reviewed), page)
    return list(seen.values())


def about_lines(pages: Sequence[Page], info: PackInfo, today: date) -> list[str]:
    """Plain-text paragraphs: the credit for every source, the dates, the disclaimer.

    A leaflet joins several pages, so it shows the most recent ``reviewed`` and the earliest
    ``next_review`` of them all, and says so when the pages' dates differ.
    """
    latest = max(p.reviewed for p in pages)
    earliest = min(p.next_review for p in pages)
    approvals = {(p.approved_by, p.approved_on) for p in pages}
    # Only a sign-off that covers every page may be printed as covering the leaflet.
    by, on = approvals.pop() if len(approvals) == 1 else (None, None)
    sources = distinct_sources(pages)
    combined = replace(sources[0], reviewed=latest, next_review=earliest, approved_by=by)
    lines = credit_lines(replace(combined, approved_on=on), info)
    lines[1:1] = [credit_lines(page, info)[0] for page in sources[1:]]
    dates_at = len(sources)  # the "Last reviewed: ... Next review due: ..." line
    notes = []
    if len({p.reviewed for p in pages}) > 1 or len({p.next_review for p in pages}) > 1:
        oldest = min(p.reviewed for p in pages)
        notes.append(
            f"The {len(pages)} sections of this leaflet were reviewed on different dates. "
            f"The last reviewed date is the most recent of them (the oldest is "
            f"{long_date(oldest)}). The next review date is the earliest any section is due."
        )
    if earliest < today:
        notes.append(
            "The next review date has passed: ask the clinic staff whether there is newer "
            "information."
        )
    lines[dates_at + 1 : dates_at + 1] = notes
    return lines


def author(pages: Sequence[Page], clinic_name: str = "") -> str:
    """Who the leaflet is by, for the PDF: ``"The Pelvic Partnership (adapted); Clinic"``."""
    # "(registered charity 1100373)" belongs in the printed credit, not in a PDF's author.
    names = dict.fromkeys(
        re.sub(r"\s*\([^()]*\)\s*$", "", p.source).strip() or p.source
        for p in distinct_sources(pages)
    )
    credit = "; ".join(f"{name} (adapted)" for name in names)
    return f"{credit}; {clinic_name.strip()}" if clinic_name.strip() else credit


def short_address(url: str) -> str:
    """``https://example.org/`` as people type it: ``example.org`` (as credit_lines shows it)."""
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")
