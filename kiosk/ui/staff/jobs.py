"""Runs slow work (sending a job to a printer, writing to a USB stick) off the screen's thread."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

log = logging.getLogger(__name__)


class _Worker(QThread):
    """A Qt thread, not a plain Python one: the text layout and the printer start Qt timers,
    which need the event dispatcher that QThread sets up."""

    done = Signal(bool, str)

    def __init__(
        self, work: Callable[[], str], errors: tuple[type[BaseException], ...], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._errors = errors

    def run(self) -> None:
        try:
            message = self._work()
            self.done.emit(True, str(message))
        except self._errors as exc:
            self.done.emit(False, str(exc))
        except Exception as exc:  # a fault must reach the staff member, not kill the thread
            log.exception("print job failed")
            self.done.emit(False, f"Something went wrong: {exc}")


class JobRunner(QObject):
    """One job at a time; ``finished`` arrives on the GUI thread with (ok, message)."""

    finished = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: _Worker | None = None

    def busy(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    def start(self, work: Callable[[], str], errors: tuple[type[BaseException], ...]) -> bool:
        """Run ``work`` (returns the message to show); ``errors`` are reported, not raised."""
        if self.busy():
            return False
        self._worker = _Worker(work, errors, self)
        self._worker.done.connect(self.finished)
        self._worker.finished.connect(self._forget)
        self._worker.start()
        return True

    def _forget(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.deleteLater()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        return self._worker.wait(timeout_ms) if self.busy() and self._worker else True
