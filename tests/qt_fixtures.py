"""Fixtures that need Qt: kiosk windows built as the app builds them, and a clean application
after each test. ``tests/conftest.py`` offers them where PySide6 is installed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.core.model import Library
from kiosk.core.settings import Settings
from kiosk.ui.app import build_window
from kiosk.ui.window import WINDOWED_SIZE, KioskWindow


@pytest.fixture
def make_window(qtbot, qapp, library) -> Iterator[Callable[..., KioskWindow]]:
    """Build kiosk windows like the app does; each is closed and deleted after the test."""
    made: list[KioskWindow] = []

    def make(*, fullscreen: bool = False, content: Library | None = None, **kwargs) -> KioskWindow:
        # Qt's mock speech engine, in the speech process as deployed, unless a test asks for
        # another: it speaks at once, reports every word, and needs no sound device.
        settings = kwargs.pop("settings", None) or Settings()
        if not settings.speech_engine:
            settings = dataclasses.replace(settings, speech_engine="mock")
        win = build_window(content or library, qapp, settings, **kwargs)
        made.append(win)
        if fullscreen:
            win.showFullScreen()
        else:
            win.resize(*WINDOWED_SIZE)
            win.show()
        qtbot.waitExposed(win)
        if settings.speech_engine == "mock":
            # It comes up after the first paint; tests see the kiosk as a patient does
            # a moment later, with Listen offered.
            qtbot.waitUntil(lambda: win.speech.available, timeout=10_000)
        return win

    yield make
    for win in made:
        win.allow_close = True
        win.close()
        win.deleteLater()
    # Delete them now: live windows left behind would be restyled by every later test.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window) -> KioskWindow:
    return make_window()


@pytest.fixture(autouse=True)
def _each_test_leaves_the_application_clean() -> Iterator[None]:
    """No application style sheet and no closed windows (with their event filters) left
    behind: otherwise every later test restyles and filters events for all of them."""
    yield
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if app.styleSheet():
        app.setStyleSheet("")
    for widget in app.topLevelWidgets():
        if not widget.isVisible():
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
