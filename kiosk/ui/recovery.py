"""Never a frozen or blank screen: log any uncaught error and bring the patient back Home."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger("kiosk.recovery")


class Recovery(QObject):
    """Replaces ``sys.excepthook``, which PySide6 calls for exceptions raised in slots and
    in Python overrides of Qt methods; the event loop keeps running after it returns."""

    def __init__(self, recover: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._recover = recover
        self._previous = sys.excepthook
        self._recovering = False
        self.errors = 0

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.exit(0)
            return
        self.errors += 1
        log.error("unexpected error; returning to Home", exc_info=(kind, error, tb))
        if self._recovering:
            return  # the recovery itself failed: do not loop
        self._recovering = True
        try:
            self._recover()
        except Exception:
            log.exception("could not return to Home after an error")
        finally:
            self._recovering = False


def quit_on_sigterm(app: QApplication) -> QTimer:
    """Let SIGTERM (systemd stop, shutdown) close the kiosk cleanly.

    Python runs signal handlers only between bytecodes, so a timer wakes the interpreter
    now and then while Qt's event loop waits.
    """
    # exit(), not quit(): Qt 6's quit() first asks every window to close, and the locked
    # kiosk window refuses, so the process would run on until systemd killed it.
    signal.signal(signal.SIGTERM, lambda *_: app.exit(0))
    waker = QTimer(app)
    waker.setInterval(250)
    waker.timeout.connect(lambda: None)
    waker.start()
    return waker
