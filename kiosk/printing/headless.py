"""A Qt GUI application for printing from the command line, with or without a display."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication

from kiosk.printing.fonts import load_bundled_fonts


def gui_application() -> QGuiApplication:
    """The running application, or a new one (offscreen when there is no display)."""
    app = QGuiApplication.instance()
    if app is None:
        has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        if not has_display and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    load_bundled_fonts()
    assert isinstance(app, QGuiApplication)
    return app
