"""Command line: ``kiosk run`` (the default), ``kiosk validate`` and ``kiosk --version``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk import APP_NAME, __version__, paths

log = logging.getLogger("kiosk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description=f"{APP_NAME}: an offline touchscreen information kiosk for clinic waiting "
        "rooms. With no command, starts the kiosk (same as 'kiosk run').",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="start the kiosk (full screen unless --windowed)",
        description="Start the kiosk. It opens full screen unless --windowed is given.",
    )
    add_run_options(run)

    validate = sub.add_parser(
        "validate",
        help="check a content folder and report problems",
        description="Check every content pack under DIR (default: the content in use) and print "
        "one line per problem as FILE:LINE: severity: message. Exit code 0 when there are no "
        "errors, 1 otherwise.",
    )
    validate.add_argument("dir", nargs="?", help="content folder or one pack (default: bundled)")
    validate.add_argument(
        "--strict", action="store_true", help="count warnings as errors (exit 1 on any warning)"
    )
    return parser


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="open a normal 1280x800 window instead of full screen (for trying it out)",
    )
    parser.add_argument("--content", metavar="DIR", help="read content packs from DIR")
    parser.add_argument("--config", metavar="FILE", help="read settings from FILE (TOML)")


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not args_list or (
        args_list[0].startswith("--") and args_list[0] not in ("--help", "--version")
    ):
        args_list = ["run", *args_list]
    args = parser.parse_args(args_list)
    logging.basicConfig(level=logging.INFO, format="kiosk: %(levelname)s: %(message)s")
    if args.command == "validate":
        return cmd_validate(args)
    return cmd_run(args)


def cmd_validate(args: argparse.Namespace) -> int:
    from kiosk.core.model import Severity
    from kiosk.core.validate import count_pages, format_report, validate_path

    target = Path(args.dir) if args.dir else paths.bundled_content_dir()
    if not target.exists():
        print(f"kiosk: validate: {target}: no such folder", file=sys.stderr)
        return 1
    problems = validate_path(target)
    print(format_report(problems, pages=count_pages(target)))
    failing = [p for p in problems if args.strict or p.severity is Severity.ERROR]
    return 1 if failing else 0


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.core.settings import SettingsError, load_settings

    settings_path = paths.settings_file(args.config)
    try:
        settings = load_settings(settings_path)
    except SettingsError as exc:
        print(f"kiosk: settings error: {exc}", file=sys.stderr)
        return 2

    from kiosk.library_source import load_content

    library = load_content(
        paths.content_root(args.content, settings.content_dir), settings.language
    )
    if library is None:
        return 1
    from kiosk.ui import app

    title = settings.clinic_name or ""
    return app.run(library, windowed=args.windowed or not settings.fullscreen, title=title)
