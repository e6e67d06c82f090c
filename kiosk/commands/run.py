"""``kiosk run`` (also ``kiosk`` alone): the kiosk itself, full screen unless ``--windowed``."""

from __future__ import annotations

import argparse
import logging

from kiosk.commands import early, prologue

NAME = "run"
HELP = "start the kiosk (full screen unless --windowed)"
DESCRIPTION = "Start the kiosk. It opens full screen unless --windowed is given."
SETTINGS = True

log = logging.getLogger("kiosk")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="open a normal 1280x800 window instead of full screen (for trying it out)",
    )


def run(args: argparse.Namespace) -> int:
    if trouble := early.prepare_qt(needs_display=True):
        raise prologue.CommandError(trouble, prologue.USAGE)
    started = prologue.start(args, log_file=True)
    settings = started.settings
    windowed = args.windowed or not settings.fullscreen
    if not windowed and not settings.staff_pin_hash:
        log.warning("no staff_pin_hash is set: staff access is off in full screen")
    roots = prologue.content_roots(args, settings)
    reading = prologue.reading(args, settings)
    from kiosk.ui import app

    return app.run(reading, settings, roots[0], windowed=windowed)
