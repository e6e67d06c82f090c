"""``kiosk smoke-test``: the real window offscreen, every screen, every leaflet, print support.

Works the same from source and from the PyInstaller build, which is what it is for: the
installer (and CI) runs it against the built folder. One line per check, ``ok  ...`` or
``FAIL  ...: why``; exit code 0 only when every check passed. Content problems are logged
(console and log file) as at a normal start, and the good pages are still checked.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import logging
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from kiosk import APP_NAME, __version__, paths

log = logging.getLogger(__name__)

# Qt messages that are not the build's fault: the offscreen platform says the first for every
# window; the second comes with a speech engine whose system library is missing, which the
# speech check reports.
HARMLESS_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints",
    "Error loading text-to-speech plug-in",
)
REQUIRED_PLATFORMS = {"linux": {"qxcb", "qoffscreen"}, "win32": {"qwindows"}, "darwin": {"qcocoa"}}


class CheckError(Exception):
    """A check did not pass; the message says what was found instead."""


class Report:
    """Prints one line per check and counts the failures."""

    def __init__(self) -> None:
        self.failures = 0

    def check(self, what: str, run: Callable[[], str | None]) -> bool:
        try:
            detail = run()
        except Exception as exc:  # every failure is one line, and the other checks go on
            self.failures += 1
            why = str(exc) if isinstance(exc, CheckError) else f"{type(exc).__name__}: {exc}"
            print(f"FAIL  {what}: {why}", flush=True)
            log.debug("smoke test: %s failed", what, exc_info=True)
            return False
        print(f"ok  {what}{f': {detail}' if detail else ''}", flush=True)
        return True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", metavar="DIR", help="read content packs from DIR")
    parser.add_argument("--config", metavar="FILE", help="read settings from FILE (TOML)")
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
    print(f"{APP_NAME} {__version__} smoke test ({'frozen' if paths.IS_FROZEN else 'source'})")
    report = Report()
    from kiosk.core.settings import SettingsError, load_settings

    try:
        settings = load_settings(paths.settings_file(args.config))
    except SettingsError as exc:
        print(f"FAIL  settings: {exc}", flush=True)
        return 1
    from kiosk.logs import setup_logging

    log_file = setup_logging(settings.log_dir)
    from kiosk.library_source import load_content

    root = paths.content_root(args.content, settings.content_dir)
    library = load_content(root, settings.language)
    if not report.check("content", lambda: _describe_content(library, root, log_file)):
        return 1
    from kiosk.smoke_qt import QtChecks

    qt = QtChecks(library, settings, report)
    try:
        qt.run_all(printer=args.printer)
    finally:
        qt.close()
    print(f"{'all checks passed' if not report.failures else f'{report.failures} failed'}")
    return 1 if report.failures else 0


def _describe_content(library, root: Path, log_file: Path | None) -> str:
    if library is None:
        raise CheckError(f"nothing usable in {root} or the bundled pack")
    errors = len(library.errors)
    where = f"log file {log_file}" if log_file else "the console log"
    problems = f"{errors} errors logged to {where}" if errors else "no errors"
    return f"{len(library.pages)} pages from {library.root} ({problems})"


def pdf_text(data: bytes) -> tuple[int, str]:
    """Page count and the text a PDF reader extracts, with runs of white space made one space."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def speech_available() -> bool:
    try:
        return importlib.util.find_spec("PySide6.QtTextToSpeech") is not None
    except ImportError:
        return False


def temp_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="kiosk-smoke-")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="kiosk smoke-test")
    add_arguments(parser)
    sys.exit(run(parser.parse_args()))
