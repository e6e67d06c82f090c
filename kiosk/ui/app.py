"""Builds the Qt application around a loaded library and runs it."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from kiosk import APP_NAME
from kiosk.core.model import Library
from kiosk.ui.context_menus import ContextMenuBlocker
from kiosk.ui.fonts import load_bundled_fonts
from kiosk.ui.window import WINDOWED_SIZE, KioskWindow

log = logging.getLogger(__name__)


def prepare_application(app: QApplication) -> str:
    """Application-wide set-up shared by the kiosk and the tests; returns the font family."""
    app.setApplicationName(APP_NAME)
    blocker = ContextMenuBlocker(app)
    app.installEventFilter(blocker)
    return load_bundled_fonts()


def build_window(library: Library, app: QApplication, *, title: str = "") -> KioskWindow:
    family = prepare_application(app)
    return KioskWindow(library, title=title, font_family=family)


def run(library: Library, *, windowed: bool, title: str = "") -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    window = build_window(library, app, title=title)
    if windowed:
        window.resize(*WINDOWED_SIZE)
        window.show()
    else:
        window.showFullScreen()
    code = app.exec()
    # Tear down in a fixed order: window first, then the application (xcb exit crashes
    # were seen when garbage collection picked the order).
    window.close()
    window.deleteLater()
    del window
    app.processEvents()
    return code
