"""Leaflets made from the bundled content, as the kiosk makes them."""

from __future__ import annotations

import pytest

from kiosk.core.loader import load_library, pack_dir
from kiosk.core.model import Library
from kiosk.ui.fonts import load_bundled_fonts
from tests.conftest import CONTENT


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(pack_dir(CONTENT, "en-GB"))


@pytest.fixture(scope="session")
def fonts(qapp) -> str:
    return load_bundled_fonts()
