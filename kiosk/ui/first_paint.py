"""The window's first paint: work that waits for it, and the start-up timing hook.

With ``KIOSK_EXIT_AFTER_FIRST_PAINT=1`` the kiosk prints the time of its window's first paint
and quits; ``bench/startup.py`` uses it. Unset, that part does nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "KIOSK_EXIT_AFTER_FIRST_PAINT"
MARK = "first-paint"  # printed as "first-paint <seconds since the epoch>"


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            # Once the whole frame (the children too) has been painted.
            QTimer.singleShot(0, self._then)
        return False


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once ``window`` has been painted for the first time."""
    _FirstPaint(window, then)


def exit_after_first_paint(window: QWidget) -> None:
    """Install the timing hook on ``window`` if the environment asks for it."""
    if os.environ.get(ENV) == "1":
        after_first_paint(window, _report)


def _report() -> None:
    print(f"{MARK} {time.time():.6f}", flush=True)
    QApplication.quit()
