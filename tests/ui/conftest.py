"""Fixtures for driving the kiosk through its real screens."""

from __future__ import annotations

import pytest

from kiosk.core.loader import load_library, pack_dir
from kiosk.core.model import Library
from kiosk.ui.app import build_window
from kiosk.ui.window import WINDOWED_SIZE, KioskWindow
from tests.conftest import CONTENT


@pytest.fixture(scope="session")
def library() -> Library:
    lib = load_library(pack_dir(CONTENT, "en-GB"))
    assert lib.pages, lib.problems
    return lib


@pytest.fixture
def window(qtbot, qapp, library) -> KioskWindow:
    win = build_window(library, qapp)
    qtbot.addWidget(win)
    win.resize(*WINDOWED_SIZE)
    win.show()
    qtbot.waitExposed(win)
    return win
