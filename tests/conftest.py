"""Shared fixtures: user folders in tmp and the bundled library; with Qt, kiosk windows on screen.

The Qt fixtures live in ``tests/qt_fixtures.py`` and are offered only where PySide6 is
installed, so ``tests/core`` runs without it (``tests/test_core_without_qt.py`` checks).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from kiosk.core.loader import load_library, pack_dir
from kiosk.core.model import Library

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Never read or write the real user's config, data or logs."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))


@pytest.fixture(scope="session")
def library() -> Library:
    lib = load_library(pack_dir(CONTENT, "en-GB"))
    assert lib.pages, lib.problems
    return lib


if importlib.util.find_spec("PySide6") is not None:
    from tests.qt_fixtures import (  # noqa: F401  (fixtures are found by name)
        _each_test_leaves_the_application_clean,
        make_window,
        window,
    )
