"""Start-up timing hook: with ``KIOSK_EXIT_AFTER_FIRST_PAINT=1`` the kiosk prints the time of
its window's first paint and quits. ``bench/startup.py`` uses it; unset, it does nothing."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "KIOSK_EXIT_AFTER_FIRST_PAINT"
MARK = "first-paint"  # printed as "first-paint <seconds since the epoch>"


class _FirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            # Report once the whole frame (the children too) has been painted.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"{MARK} {time.time():.6f}", flush=True)
        QApplication.quit()


def exit_after_first_paint(window: QWidget) -> None:
    """Install the hook on ``window`` if the environment asks for it."""
    if os.environ.get(ENV) == "1":
        _FirstPaint(window)
