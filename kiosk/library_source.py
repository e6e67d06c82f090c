"""Picks the content pack to show and loads it, falling back to the bundled pack if needed."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk import paths
from kiosk.core.loader import load_library, pack_dir
from kiosk.core.model import Library

log = logging.getLogger(__name__)


def load_content(root: Path, language: str) -> Library | None:
    """Load ``language`` from ``root``; log every problem; never raise for bad content."""
    candidates = [root]
    bundled = paths.bundled_content_dir()
    if root.resolve() != bundled.resolve():
        candidates.append(bundled)
    for candidate in candidates:
        try:
            library = load_library(pack_dir(candidate, language))
        except (OSError, ValueError) as exc:
            log.error("content %s: %s", candidate, exc)
            continue
        for problem in library.problems:
            (log.error if problem.severity == "error" else log.warning)("%s", problem)
        if library.pages:
            return library
        log.error("content %s: no page could be shown; trying the next source", candidate)
    log.error("no usable content found; check the content folder with 'kiosk validate'")
    return None
