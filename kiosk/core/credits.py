"""Who the information is from and when it was reviewed: the lines every page and leaflet carry."""

from __future__ import annotations

import html
from datetime import date

from kiosk.core.model import PackInfo, Page


def long_date(day: date) -> str:
    """UK style, with the month in words so nobody confuses 03/04 with 04/03."""
    return f"{day.day} {day:%B %Y}"


def credit_lines(page: Page, info: PackInfo) -> list[str]:
    """Plain-text lines for the foot of a page: source, review dates, disclaimer."""
    address = page.source_url.removeprefix("https://").removeprefix("http://").rstrip("/")
    lines = [
        f"Source: {page.source} ({address}), whose page was last reviewed in "
        f"{page.source_reviewed}. Rewritten here in plain English.",
        f"Last reviewed: {long_date(page.reviewed)}. "
        f"Next review due: {long_date(page.next_review)}.",
    ]
    if page.approved_by and page.approved_on:
        lines.append(f"Checked by {page.approved_by} on {long_date(page.approved_on)}.")
    lines.append(info.disclaimer)
    return lines


def credit_html(page: Page, info: PackInfo) -> str:
    """The same lines as an HTML block (escaped), for the foot of an answer."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in credit_lines(page, info))
    return f'<div class="credit">{paragraphs}</div>'
