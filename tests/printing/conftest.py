"""Leaflets made from the bundled content, as the kiosk makes them."""

from __future__ import annotations

import pytest

from kiosk.printing.fonts import load_bundled_fonts


@pytest.fixture(scope="session")
def fonts(qapp) -> str:
    return load_bundled_fonts()
