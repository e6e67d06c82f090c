"""Runs slow work (sending a job to a printer, writing to a USB stick) off the screen's thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class JobRunner(QObject):
    """One job at a time; ``finished`` arrives on the GUI thread with (ok, message)."""

    finished = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[], str], errors: tuple[type[BaseException], ...]) -> bool:
        """Run ``work`` (returns the message to show); ``errors`` are reported, not raised."""
        if self.busy():
            return False

        def run() -> None:
            try:
                message: Any = work()
                self.finished.emit(True, str(message))
            except errors as exc:
                self.finished.emit(False, str(exc))
            except Exception as exc:  # a fault must reach the staff member, not kill the thread
                log.exception("print job failed")
                self.finished.emit(False, f"Something went wrong: {exc}")

        self._thread = threading.Thread(target=run, name="kiosk-job", daemon=True)
        self._thread.start()
        return True

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
