"""What every command does first, in one order: settings, then logging, then content.

Also the one exit-code rule, and the options that say where settings and content come from,
declared once for every command that takes them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import paths
from kiosk.commands import logs
from kiosk.core.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from kiosk.core.loader import PackReading
    from kiosk.core.model import Library

log = logging.getLogger("kiosk")

OK = 0
FAILED = 1  # the job was understood but could not be done
USAGE = 2  # bad usage or settings, or nothing to run on: nothing was attempted
EXIT_CODES = "exit codes: 0 success, 1 the job failed, 2 bad usage or settings (or no display)"
DEFAULT_NAME = "kiosk"


def program_name() -> str:
    """The name the program was started by: ``clinic-kiosk`` for the built executable,
    ``kiosk`` from source (``python -m kiosk`` or the ``kiosk`` script)."""
    if paths.IS_FROZEN:
        return Path(sys.executable).stem
    name = Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else ""
    return DEFAULT_NAME if name in ("", "__main__", "-c") else name


class CommandError(Exception):
    """Ends a command with ``code`` and one line on stderr, ``kiosk: MESSAGE`` (none when the
    message is empty: the reason is already in the log)."""

    def __init__(self, message: str, code: int = FAILED) -> None:
        super().__init__(message)
        self.code = code


def settings_and_content_options() -> argparse.ArgumentParser:
    """The parent parser of every command that reads settings or content."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--content", metavar="DIR", help="read content packs from DIR")
    parent.add_argument("--config", metavar="FILE", help="read settings from FILE (TOML)")
    return parent


@dataclass(frozen=True)
class Started:
    """The settings in force, where they came from, and the log file (if one is written)."""

    settings: Settings
    settings_path: Path | None
    log_file: Path | None = None


def start(args: argparse.Namespace, *, log_file: bool, console: int = logging.INFO) -> Started:
    """Settings, then logging: ``log_file`` for the kiosk itself (and its smoke test), the
    console alone at level ``console`` for commands staff run by hand."""
    settings_path = paths.settings_file(getattr(args, "config", None))
    warnings: list[str] = []
    try:
        settings = load_settings(settings_path, warnings)
    except SettingsError as exc:
        raise CommandError(f"settings error: {exc}", USAGE) from None
    written: Path | None = None
    if log_file:
        written = logs.setup_logging(settings.log_dir)
        log.info("settings: %s; log file: %s", settings_path or "defaults", written or "none")
    else:
        logs.console_only(console)
    for warning in warnings:
        log.warning("settings: %s", warning)
    return Started(settings, settings_path, written)


def content_roots(args: argparse.Namespace, settings: Settings) -> list[Path]:
    """Where to read content, in order: ``--content`` or the settings' choice, then the
    bundled pack (if that is somewhere else) for when the first has nothing to show."""
    root = paths.content_root(getattr(args, "content", None), settings.content_dir)
    bundled = paths.bundled_content_dir()
    return [root] if root.resolve() == bundled.resolve() else [root, bundled]


def library(args: argparse.Namespace, settings: Settings) -> Library:
    """The content, every page checked; ``CommandError`` when nothing can be shown."""
    from kiosk.core.library_source import load_content  # Markdown and all: only when needed

    found = load_content(content_roots(args, settings), settings.language)
    if found is None:
        raise CommandError("")  # the log says what was wrong with each folder
    return found


def reading(args: argparse.Namespace, settings: Settings) -> PackReading:
    """The content as the kiosk starts with it: read, its page bodies checked later."""
    from kiosk.core.library_source import open_content

    found = open_content(content_roots(args, settings), settings.language)
    if found is None:
        raise CommandError("")  # the log says what was wrong with each folder
    return found
