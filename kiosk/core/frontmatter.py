"""The ``---`` metadata block at the top of a content file: parsed with line numbers, checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path

from kiosk.core.model import Page, PageKind, Problem

FENCE = "---"
REQUIRED_KEYS = (
    "id", "title", "summary", "order", "kind", "source", "source_url", "source_reviewed",
    "reviewed", "next_review",
)  # fmt: skip
OPTIONAL_KEYS = ("approved_by", "approved_on")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SUMMARY_MAX = 120
MAX_REVIEW_YEARS = 3
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KEY_VALUE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(.*)$")


@dataclass(frozen=True)
class Field:
    """One ``key: value`` line: the value (stripped) and its 1-based line number."""

    value: str
    line: int


@dataclass(frozen=True)
class FrontMatter:
    """The metadata block split from the body, with any problems found in the block."""

    fields: dict[str, Field]
    body: str
    body_line: int  # 1-based line number of the body's first line
    problems: list[Problem] = field(default_factory=list)
    has_block: bool = True  # False when the block is missing or never closed
    path: str = ""  # as shown in problems

    def value(self, key: str) -> str | None:
        found = self.fields.get(key)
        return found.value if found else None

    def line(self, key: str, default: int = 1) -> int:
        found = self.fields.get(key)
        return found.line if found else default


def parse_frontmatter(text: str, path: str) -> FrontMatter:
    """Split ``text`` into metadata fields and body; ``path`` is only used in problems."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        problem = Problem(path, 1, "no metadata block: the file must start with a '---' line")
        return FrontMatter({}, text, 1, [problem], has_block=False, path=path)
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        # Without the closing line we cannot tell metadata from body, so report only that.
        problem = Problem(path, 1, "metadata block is never closed: add a '---' line after it")
        return FrontMatter({}, "", len(lines) + 1, [problem], has_block=False, path=path)

    fields: dict[str, Field] = {}
    problems: list[Problem] = []
    for index in range(1, close):
        number = index + 1
        raw = lines[index]
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = _KEY_VALUE.match(raw.strip())
        if match is None:
            problems.append(Problem(path, number, f"not a 'key: value' line: {raw.strip()!r}"))
            continue
        key, value = match.group(1), match.group(2).strip()
        if key in fields:
            first = fields[key].line
            problems.append(Problem(path, number, f"duplicate key {key!r} (first on line {first})"))
            continue
        if not value:
            problems.append(Problem(path, number, f"empty value for {key!r}"))
        fields[key] = Field(value, number)
    body = "\n".join(lines[close + 1 :])
    if text.endswith("\n") and body:
        body += "\n"
    return FrontMatter(fields, body, close + 2, problems, path=path)


def page_from(
    front: FrontMatter, path: Path, problems: list[Problem], *, glossary: bool = False
) -> Page | None:
    """The page the metadata describes, or None after adding its problems to ``problems``."""
    display = front.path
    before = len(problems)

    def bad(key: str, message: str) -> None:
        problems.append(Problem(display, front.line(key), message))

    for key in front.fields:
        if key not in REQUIRED_KEYS + OPTIONAL_KEYS:
            hint = get_close_matches(key, REQUIRED_KEYS + OPTIONAL_KEYS, n=1)
            bad(key, f"unknown key {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    for key in REQUIRED_KEYS:
        if key not in front.fields:
            problems.append(Problem(display, 1, f"missing required key {key!r}"))
    value = {key: f.value for key, f in front.fields.items() if f.value}  # empties already reported
    if "id" in value and not ID_PATTERN.match(value["id"]):
        bad("id", f"id {value['id']!r} must be lower-case letters, digits and single hyphens")
    if "order" in value and not re.fullmatch(r"-?\d+", value["order"]):
        bad("order", f"order {value['order']!r} must be a whole number")
    kinds = ("glossary",) if glossary else ("question", "info")
    if "kind" in value and value["kind"] not in kinds:
        where = " (glossary is only for glossary.md)" if value["kind"] == "glossary" else ""
        bad("kind", f"kind {value['kind']!r} must be {' or '.join(kinds)}{where}")
    if "summary" in value and len(value["summary"]) > SUMMARY_MAX:
        bad("summary", f"summary is {len(value['summary'])} characters (at most {SUMMARY_MAX})")
    dates = {}
    for key in ("reviewed", "next_review", "approved_on"):
        if key in value:
            dates[key] = _parse_date(value[key])
            if dates[key] is None:
                bad(key, f"{key} {value[key]!r} is not a date like 2026-11-20")
    reviewed, next_review = dates.get("reviewed"), dates.get("next_review")
    if reviewed and next_review:
        if next_review <= reviewed:
            bad("next_review", "next_review must be after reviewed")
        elif next_review > _add_years(reviewed, MAX_REVIEW_YEARS):
            bad("next_review", f"next_review is more than {MAX_REVIEW_YEARS} years after reviewed")
    if not front.body.strip():
        problems.append(Problem(display, front.body_line, "no text after the metadata block"))
    if front.problems or len(problems) > before or reviewed is None or next_review is None:
        return None
    return Page(
        id=value["id"], title=value["title"], summary=value["summary"], order=int(value["order"]),
        kind=PageKind(value["kind"]), source=value["source"], source_url=value["source_url"],
        source_reviewed=value["source_reviewed"], reviewed=reviewed, next_review=next_review,
        body=front.body, path=path, body_line=front.body_line,
        approved_by=value.get("approved_by"), approved_on=dates.get("approved_on"),
    )  # fmt: skip


def _parse_date(text: str) -> date | None:
    if not _ISO_DATE.match(text):
        return None  # fromisoformat also takes 20261120 and week dates; be strict
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _add_years(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)
