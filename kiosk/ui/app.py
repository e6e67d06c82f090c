"""Builds the Qt application around a loaded library and runs it."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from kiosk import APP_NAME, paths
from kiosk.core.library_source import read_pack
from kiosk.core.loader import PackReading
from kiosk.core.model import Library
from kiosk.core.settings import Settings
from kiosk.core.stats import open_store
from kiosk.printing.fonts import load_bundled_fonts
from kiosk.ui.content_check import ContentCheck
from kiosk.ui.context_menus import ContextMenuBlocker
from kiosk.ui.first_paint import after_first_paint, exit_after_first_paint
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.patient_printing import PatientPrinting
from kiosk.ui.recovery import Recovery, quit_on_sigterm
from kiosk.ui.speech import ReadAloud
from kiosk.ui.staff.access import StaffAccess
from kiosk.ui.usage import UsageRecorder
from kiosk.ui.window import WINDOWED_SIZE, KioskWindow

log = logging.getLogger(__name__)


def prepare_application(app: QApplication) -> str:
    """Application-wide set-up shared by the kiosk and the tests; returns the font family."""
    app.setApplicationName(APP_NAME)
    if not any(isinstance(c, ContextMenuBlocker) for c in app.children()):
        app.installEventFilter(ContextMenuBlocker(app))
    return load_bundled_fonts()


def build_window(
    library: Library,
    app: QApplication,
    settings: Settings | None = None,
    *,
    locked: bool = False,
    clock: Callable[[], float] = time.monotonic,
    speech: ReadAloud | None = None,
) -> KioskWindow:
    family = prepare_application(app)
    window = KioskWindow(
        library, settings, font_family=family, locked=locked, clock=clock, speech=speech
    )
    if locked:
        app.installEventFilter(Lockdown(window))
        window.setWindowFlags(
            window.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
    return window


def run(reading: PackReading, settings: Settings, content_root: Path, *, windowed: bool) -> int:
    """Show ``reading``'s pages at once and check their bodies after the first paint."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    locked = not windowed
    window = build_window(reading.library, app, settings, locked=locked)
    after_first_paint(window, ContentCheck(window, reading).start)

    def exit_kiosk() -> None:
        log.info("staff closed the kiosk")
        window.allow_close = True
        app.quit()

    store = open_store(
        paths.usage_database(),
        enabled=settings.stats_enabled,
        retention_days=settings.stats_retention_days,
    )
    usage = UsageRecorder(window, store)
    staff = StaffAccess(
        window,
        settings,
        reload=lambda: read_pack(content_root, settings.language),
        exit_kiosk=exit_kiosk,
        usage=usage,
    )
    patient_printing = PatientPrinting(window, settings) if settings.patient_printing else None
    if patient_printing is not None:
        usage.watch_patient_printing(patient_printing)
    recovery = Recovery(window.recover, app)
    recovery.install()
    quit_on_sigterm(app)
    if locked:
        if settings.hide_cursor:
            app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        window.enter_full_screen()
        window.show_attract()
    else:
        window.resize(*WINDOWED_SIZE)
        window.show()
        window.wake()
    log.info("kiosk started (%s)", "full screen, locked" if locked else "windowed")
    exit_after_first_paint(window)  # KIOSK_EXIT_AFTER_FIRST_PAINT=1: bench/startup.py
    code = app.exec()
    log.info("kiosk stopped")
    # Tear down in a fixed order: window first, then the application (xcb exit crashes
    # were seen when garbage collection picked the order).
    recovery.uninstall()
    usage.close()  # the last counts, before the window (and the recorder with it) goes
    window.allow_close = True
    window.close()
    staff.deleteLater()
    if patient_printing is not None:
        patient_printing.deleteLater()
    window.deleteLater()
    app.processEvents()
    return code
