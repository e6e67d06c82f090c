"""``kiosk validate``: check a content folder and print one line per problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk import paths
from kiosk.commands import prologue

NAME = "validate"
HELP = "check a content folder and report problems"
DESCRIPTION = (
    "Check every content pack under DIR (default: the bundled content) and print one line per "
    "problem as FILE:LINE: severity: message. Exit code 0 when there are no errors, 1 when "
    "there are, 2 when DIR does not exist."
)
SETTINGS = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", help="content folder or one pack (default: bundled)")
    parser.add_argument(
        "--strict", action="store_true", help="count warnings as errors (exit 1 on any warning)"
    )


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import logs
    from kiosk.core.model import Severity
    from kiosk.core.validate import count_pages, format_report, validate_path

    logs.console_only()
    target = Path(args.dir) if args.dir else paths.bundled_content_dir()
    if not target.exists():
        raise prologue.CommandError(f"validate: {target}: no such folder", prologue.USAGE)
    problems = validate_path(target)
    print(format_report(problems, pages=count_pages(target)))
    failing = [p for p in problems if args.strict or p.severity is Severity.ERROR]
    return prologue.FAILED if failing else prologue.OK
