"""``kiosk smoke-test``: the real window offscreen, every screen, every leaflet, print support.

Works the same from source and from the PyInstaller build, which is what it is for: the
installer (and CI) runs it against the built folder. One line per check, ``ok  ...`` or
``FAIL  ...: why``; exit code 0 only when every check passed. Content problems are logged
(console and log file) as at a normal start, and the good pages are still checked.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import APP_NAME, __version__, paths
from kiosk.commands import early, prologue
from kiosk.commands.smoke_report import CheckError, Report

if TYPE_CHECKING:
    from kiosk.core.model import Library

NAME = "smoke-test"
HELP = "check this installation: window, every page, leaflets, print support"
DESCRIPTION = (
    "Start the kiosk offscreen (unless QT_QPA_PLATFORM is set), open Home, every page, the "
    "glossary and search, make each leaflet as a PDF and read it back, and check the print, "
    "platform, image and speech plugins. One line per check; exit code 0 only when all pass."
)
SETTINGS = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--print",
        metavar="PRINTER",
        dest="printer",
        help="also print one leaflet on PRINTER (a real queue: checks the print path end to end)",
    )


def choose_platform() -> str:
    """Offscreen unless the caller chose a Qt platform (QT_QPA_PLATFORM=xcb tests a display)."""
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return os.environ["QT_QPA_PLATFORM"]


def run(args: argparse.Namespace) -> int:
    choose_platform()
    if trouble := early.prepare_qt(needs_display=True):
        raise prologue.CommandError(trouble, prologue.USAGE)
    print(f"{APP_NAME} {__version__} smoke test ({'frozen' if paths.IS_FROZEN else 'source'})")
    started = prologue.start(args, log_file=True)
    report = Report()
    try:
        library: Library | None = prologue.library(args, started.settings)
    except prologue.CommandError:
        library = None
    roots = prologue.content_roots(args, started.settings)
    if not report.check("content", lambda: describe_content(library, roots[0], started.log_file)):
        return prologue.FAILED
    assert library is not None
    from kiosk.commands.smoke_checks import QtChecks

    qt = QtChecks(library, started.settings, report)
    try:
        qt.run_all(printer=args.printer)
    finally:
        qt.close()
    print(f"{'all checks passed' if not report.failures else f'{report.failures} failed'}")
    return prologue.FAILED if report.failures else prologue.OK


def describe_content(library: Library | None, root: Path, log_file: Path | None) -> str:
    if library is None:
        raise CheckError(f"nothing usable in {root} or the bundled pack")
    errors = len(library.errors)
    where = f"log file {log_file}" if log_file else "the console log"
    problems = f"{errors} errors logged to {where}" if errors else "no errors"
    return f"{len(library.pages)} pages from {library.root} ({problems})"
