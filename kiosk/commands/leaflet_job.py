"""What ``export-pdf`` and ``print`` share: their options and the leaflet they make."""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.commands import early, prologue
from kiosk.core.settings import Settings

if TYPE_CHECKING:
    from kiosk.core.leaflet import Leaflet
    from kiosk.core.model import Library


def add_leaflet_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--large-print", action="store_true", help="large print (18 pt text) instead of 14 pt"
    )
    parser.add_argument(
        "--paper", choices=("A4", "Letter"), default="A4", help="paper size (default: A4)"
    )


def check_qt() -> None:
    """The early checks; offscreen when there is no display (a leaflet needs no screen)."""
    if trouble := early.prepare_qt(needs_display=False):
        raise prologue.CommandError(trouble, prologue.USAGE)


def start_qt() -> None:
    """A Qt application, with the bundled font, for laying out and printing leaflets."""
    from kiosk.printing.headless import gui_application

    gui_application()


@dataclass(frozen=True)
class Job:
    settings: Settings
    library: Library
    leaflet: Leaflet


def prepare(args: argparse.Namespace) -> Job:
    """Early checks, settings, logging, content, then the leaflet of every question."""
    check_qt()
    # Content warnings (a missing sign-off) are for `kiosk validate`; errors still show.
    settings = prologue.start(args, log_file=False, console=logging.ERROR).settings
    library = prologue.library(args, settings)
    from kiosk.printing.compose import composer

    leaflet = composer(settings)(library, "large" if args.large_print else "standard", None)
    start_qt()
    return Job(settings, library, leaflet)
