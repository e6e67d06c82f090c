"""The smoke test's report: one line per check, ``ok  ...`` or ``FAIL  ...: why``."""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class CheckError(Exception):
    """A check did not pass; the message says what was found instead."""


class Report:
    """Prints one line per check and counts the failures."""

    def __init__(self) -> None:
        self.failures = 0

    def check(self, what: str, run: Callable[[], str | None]) -> bool:
        try:
            detail = run()
        except Exception as exc:  # every failure is one line, and the other checks go on
            self.failures += 1
            why = str(exc) if isinstance(exc, CheckError) else f"{type(exc).__name__}: {exc}"
            print(f"FAIL  {what}: {why}", flush=True)
            log.debug("smoke test: %s failed", what, exc_info=True)
            return False
        print(f"ok  {what}{f': {detail}' if detail else ''}", flush=True)
        return True
