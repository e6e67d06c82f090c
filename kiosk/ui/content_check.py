"""Checks the page bodies of the content the kiosk started with, after its first paint.

At start-up the kiosk shows every page whose metadata is valid (``read_pack_files``: quick,
whatever the size of the pack). Parsing every body for broken links, unknown glossary words
and the like takes about 3 ms a page, so it runs on a worker thread once the window is on
screen; the search index is built from the same parse. When it is done the window drops any
page with errors, as if it had been checked before start-up, and searches use the new index.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time

from PySide6.QtCore import QObject, Signal

from kiosk.core.library_source import log_problems
from kiosk.core.loader import PackReading
from kiosk.core.model import Library
from kiosk.core.search import SearchIndex
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


class ContentCheck(QObject):
    """One background check of ``reading``; ``finished`` arrives on the GUI thread."""

    finished = Signal(object, object)  # the checked Library, its SearchIndex

    def __init__(self, window: KioskWindow, reading: PackReading) -> None:
        super().__init__(window)
        self._window = window
        self._reading = reading
        self._thread: threading.Thread | None = None
        self.finished.connect(self._adopt)

    def start(self) -> None:
        # A Python thread, not a QThread: the check is plain Python (kiosk.core uses no Qt),
        # and a daemon thread never holds up or crashes the kiosk's exit.
        self._thread = threading.Thread(target=self._run, name="content-check", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """For tests and benchmarks: True once the check has finished."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._thread is not None and not self._thread.is_alive()

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            texts: dict[tuple[str, str], str] = {}
            library = self._reading.check(texts)
            index = SearchIndex(library, texts)
        except Exception:  # a bug here must not take the kiosk down: it shows what it has
            log.exception("checking the content failed; showing it unchecked")
            return
        _log_problems(self._reading.library, library, time.perf_counter() - started)
        with contextlib.suppress(RuntimeError):  # the kiosk closed meanwhile: nobody to tell
            self.finished.emit(library, index)

    def _adopt(self, library: Library, index: SearchIndex) -> None:
        self._window.adopt_checked(self._reading.library, library, index)


def _log_problems(shown: Library, checked: Library, seconds: float) -> None:
    already = set(shown.problems)  # logged when the pack was read
    log_problems(p for p in checked.problems if p not in already)
    dropped = sorted({p.id for p in shown.pages} - {p.id for p in checked.pages})
    log.info(
        "content checked in %.1f s: %d pages shown%s",
        seconds,
        len(checked.pages),
        f"; left out because of errors: {', '.join(dropped)}" if dropped else "",
    )
