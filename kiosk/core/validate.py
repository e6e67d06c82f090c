"""``kiosk validate``: every problem in the packs under a folder, and the report it prints."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kiosk.core.loader import find_packs, load_library
from kiosk.core.model import Problem, Severity


def validate_path(path: Path, *, today: date | None = None) -> list[Problem]:
    """Every problem in every pack under ``path`` (a pack, or a folder of language packs)."""
    packs = find_packs(path)
    if not packs:
        return [Problem(str(path), 1, "no content pack found (a folder with pack.toml)")]
    problems: list[Problem] = []
    for pack in packs:
        problems.extend(load_library(pack, today=today).problems)
    return problems


def count_pages(path: Path) -> int:
    """How many page files the packs under ``path`` hold (for the report's summary)."""
    return sum(len(list((pack / "pages").glob("*.md"))) for pack in find_packs(path))


def format_report(problems: Sequence[Problem], *, pages: int | None = None) -> str:
    """One ``file:line: severity: message`` per line, then ``7 pages, 0 errors, 3 warnings``."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    counts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    if pages is not None:
        counts.insert(0, f"{pages} page{'s' * (pages != 1)}")
    return "\n".join([*(str(p) for p in problems), ", ".join(counts)])
