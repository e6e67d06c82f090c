"""Tests for the staff-access widgets, and the few helpers their modules share."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui import theme
from kiosk.ui.app import prepare_application

WINDOW_SIZE = (1280, 800)


def style_application(app: QApplication) -> None:
    """The kiosk's fonts and real style sheet, so sizes in the tests are the sizes on screen."""
    prepare_application(app)
    appearance = theme.Appearance()
    theme.set_palette(app, appearance)
    app.setStyleSheet(appearance.stylesheet())


def kiosk_sized_window(qtbot) -> QWidget:
    """A plain top-level widget the size of the windowed kiosk, shown and active."""
    window = QWidget()
    window.setObjectName("KioskWindow")
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    return window
