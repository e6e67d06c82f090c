"""Counts what patients and staff do in the window, and writes the counts off the patient's path.

For counts the window does not signal, call the module's ``record`` (``record("search")``,
``record("read_aloud")``): it takes the event's name only, never what a patient typed.
"""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.core import stats_events as ev
from kiosk.core.session import Route, Session
from kiosk.core.stats import Store
from kiosk.ui.shell import VISIT_ENDED_IDLE

if TYPE_CHECKING:
    from kiosk.ui.patient_printing import PatientPrinting
    from kiosk.ui.shell import KioskShell
    from kiosk.ui.staff.print_screen import PrintScreen

log = logging.getLogger(__name__)

FLUSH_MS = 30_000  # a crash loses at most this much counting; each write takes a millisecond

_current: weakref.ref[UsageRecorder] | None = None


def record(event: str) -> None:
    """Count one ``event`` that carries nothing else, such as "read_aloud" or "search".

    Takes no key on purpose: nothing a patient typed can be passed along. Cheap (memory only)
    and safe anywhere; does nothing when no kiosk is running or statistics are turned off.
    """
    recorder = _current() if _current is not None else None
    if recorder is not None:
        recorder.record(event)


class UsageRecorder(QObject):
    """Turns the window's signals into counts; flushes on a timer, after a reset and at exit.

    It keeps nothing about a visit itself: the session carries when it began and ended.
    """

    def __init__(self, shell: KioskShell, store: Store, *, flush_ms: int = FLUSH_MS) -> None:
        super().__init__(shell.widget())
        global _current
        self.store = store
        shell.routeChanged.connect(self._route_changed)
        shell.visitStarted.connect(self._visit_started)
        shell.sessionEnded.connect(self._session_ended)
        self._timer = QTimer(self)
        self._timer.setInterval(flush_ms)
        self._timer.timeout.connect(self.flush)
        if store.enabled:
            self._timer.start()
        _current = weakref.ref(self)

    def record(self, event: str, key: str = "", amount: int = 1) -> None:
        self.store.record(event, key, amount)

    @Slot()
    def flush(self) -> bool:
        return self.store.flush()

    def close(self) -> None:
        """At exit: write what is left and let go of the file."""
        global _current
        self._timer.stop()
        self.store.flush()
        self.store.close()
        if _current is not None and _current() is self:
            _current = None

    # -- printing (the staff print screen is rebuilt when content is reloaded) ---------------

    def watch_print_screen(self, screen: PrintScreen) -> None:
        screen.printed.connect(self.leaflet_printed)
        screen.exported.connect(self.pdf_exported)

    def watch_patient_printing(self, printing: PatientPrinting) -> None:
        printing.printed.connect(self.patient_printed)

    # Slots on this object: the print screen emits from its job thread, and Qt queues the
    # call to this (GUI) thread. The store's record() is thread-safe anyway.
    @Slot(str, int)
    def leaflet_printed(self, fmt: str, copies: int) -> None:
        self.record(ev.PRINT, fmt, copies)

    @Slot(str)
    def pdf_exported(self, fmt: str) -> None:
        self.record(ev.PDF_EXPORT, fmt)

    @Slot(str)
    def patient_printed(self, fmt: str) -> None:
        self.record(ev.PATIENT_PRINT, fmt)

    # -- the patient's visit -----------------------------------------------------------------

    def _route_changed(self, route: Route) -> None:
        # The navigator signals new places only: a text-size redraw is not a visit.
        if route.screen == "answer" and route.arg:
            self.record(ev.PAGE_VIEW, route.arg)
        elif route.screen == "glossary":
            # The route may name the word looked up; only "the glossary" is counted.
            self.record(ev.PAGE_VIEW, ev.GLOSSARY_KEY)

    def _visit_started(self, _session: Session) -> None:
        self.record(ev.SESSION)

    def _session_ended(self, session: Session, why: str) -> None:
        seconds = session.visit_seconds  # from the first touch to the last
        if seconds is not None:
            self.record(ev.SESSION_LENGTH, ev.session_bucket(seconds))
        if why == VISIT_ENDED_IDLE:
            self.record(ev.IDLE_RESET)
            self.flush()  # nobody is at the kiosk now: a good moment to write
