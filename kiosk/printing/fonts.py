"""Registers the bundled low-vision font with Qt, for the screens and the leaflets alike."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from kiosk import paths

log = logging.getLogger(__name__)

FONT_FILES = ("AtkinsonHyperlegible_400Regular.ttf", "AtkinsonHyperlegible_700Bold.ttf")
FALLBACK_FAMILY = "DejaVu Sans"


def load_bundled_fonts() -> str:
    """Register the bundled font files and return the family to use."""
    families: set[str] = set()
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(paths.resource(f"fonts/{name}")))
        if font_id < 0:
            log.warning("could not load font %s; using %s", name, FALLBACK_FAMILY)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)[0] if families else FALLBACK_FAMILY
