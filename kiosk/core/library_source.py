"""Reads the content pack to show, falling back to the next folder when one has nothing to show.

The caller says which folders to try, in order (the kiosk's commands: the clinic's content,
then the bundled pack); this module never looks for them itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.loader import PackReading, load_library, pack_dir, read_pack_files
from kiosk.core.model import Library, Problem, Severity
from kiosk.core.validate import format_report

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """A pack read from disk: the library if any page can be shown, and the report."""

    library: Library | None
    report: str
    source: Path


def read_pack(root: Path, language: str) -> Loaded:
    """Load ``language`` from ``root``; log every problem; never raise for bad content."""
    try:
        library = load_library(pack_dir(root, language))
    except (OSError, ValueError) as exc:
        return Loaded(None, f"{root}: {exc}", root)
    log_problems(library.problems)
    report = format_report(library.problems, pages=len(library.pages))
    if not library.pages:
        return Loaded(None, f"{report}\nno page could be shown from {root}", root)
    return Loaded(library, report, root)


def load_content(roots: Sequence[Path], language: str) -> Library | None:
    """The library to start with: the first of ``roots`` with anything that can be shown."""
    for candidate in roots:
        loaded = read_pack(candidate, language)
        if loaded.library is not None:
            errors = len(loaded.library.errors)
            log.info(
                "content: %d pages from %s%s",
                len(loaded.library.pages),
                loaded.library.root,
                f" ({errors} errors logged: what they affect is left out)" if errors else "",
            )
            return loaded.library
        log.error("content %s is not usable: %s", candidate, loaded.report.splitlines()[-1])
    log.error("no usable content found; check the content folder with 'kiosk validate'")
    return None


def open_content(roots: Sequence[Path], language: str) -> PackReading | None:
    """The pack to start the kiosk with, read but its page bodies not yet checked.

    As ``load_content``, the first of ``roots`` with a page to show; the kiosk checks the
    bodies after its first paint (``kiosk.ui.content_check``).
    """
    for candidate in roots:
        pack = pack_dir(candidate, language)
        try:
            reading = read_pack_files(pack)
        except (OSError, ValueError) as exc:
            log.error("content %s is not usable: %s", candidate, exc)
            continue
        library = reading.library
        log_problems(library.problems)
        if library.pages:
            log.info("content: %d pages from %s (checking them)", len(library.pages), library.root)
            return reading
        log.error("content %s is not usable: no page could be shown", candidate)
    log.error("no usable content found; check the content folder with 'kiosk validate'")
    return None


def log_problems(problems: Iterable[Problem]) -> None:
    """Each content problem in the log: errors as errors, warnings as warnings."""
    for problem in problems:
        (log.error if problem.severity is Severity.ERROR else log.warning)("%s", problem)
