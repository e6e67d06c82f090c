"""Leaflets as this kiosk makes them: the clinic's name and logo from the settings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.core.leaflet import FORMATS, Leaflet, compose_leaflet
from kiosk.core.model import Library

log = logging.getLogger(__name__)

Compose = Callable[[Library, str, tuple[str, ...] | None], Leaflet]


def composer(settings: Any) -> Compose:
    """A function (library, format name, page ids or None for all) -> Leaflet."""
    logo: Path | None = Path(settings.logo) if settings.logo else None
    if logo is not None and not logo.is_file():
        log.warning("logo %s: no such file; leaflets are printed without it", logo)
        logo = None

    def compose(library: Library, fmt: str, page_ids: tuple[str, ...] | None) -> Leaflet:
        return compose_leaflet(
            library,
            fmt=FORMATS[fmt],
            page_ids=page_ids,
            clinic_name=settings.clinic_name,
            logo=logo,
        )

    return compose
