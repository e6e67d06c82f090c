"""Command line: ``kiosk run`` (the default), ``validate``, ``smoke-test`` and ``--version``."""

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
        description="Check every content pack under DIR (default: the bundled content) and print "
        "one line per problem as FILE:LINE: severity: message. Exit code 0 when there are no "
        "errors, 1 otherwise.",
    )
    validate.add_argument("dir", nargs="?", help="content folder or one pack (default: bundled)")
    validate.add_argument(
        "--strict", action="store_true", help="count warnings as errors (exit 1 on any warning)"
    )

    sub.add_parser(
        "printers",
        help="list the printers this computer can print to",
        description="List the printers Qt can see (CUPS on Linux, the spooler on Windows), "
        "the default first, with whether each is ready.",
    )
    export = sub.add_parser(
        "export-pdf",
        help="save the leaflet as a PDF file",
        description="Write the leaflet of every question as a PDF into DIR.",
    )
    export.add_argument("--out", metavar="DIR", required=True, help="folder to write into")
    add_leaflet_options(export)
    print_cmd = sub.add_parser(
        "print",
        help="print the leaflet without opening a window",
        description="Print the leaflet of every question on a printer, with no dialog.",
    )
    print_cmd.add_argument(
        "--printer",
        metavar="NAME",
        help="printer to use (default: the `printer` setting, else the system's default printer)",
    )
    print_cmd.add_argument("--copies", type=int, default=1, metavar="N", help="copies (1-50)")
    add_leaflet_options(print_cmd)

    sub.add_parser(
        "hash-pin",
        help="make the staff PIN hash for the settings file",
        description="Ask for a staff PIN twice (it is not shown) and print the line to put in "
        "kiosk.toml. The PIN itself is never stored or logged.",
    )
    stats = sub.add_parser(
        "stats",
        help="show the anonymous usage statistics, or save them as CSV",
        description="Print the usage statistics of the last N days (sessions, pages read, "
        "prints) as a table, or write the daily counts to a CSV file.",
    )
    from kiosk.stats_command import add_arguments as add_stats_arguments

    add_stats_arguments(stats)
    smoke = sub.add_parser(
        "smoke-test",
        help="check this installation: window, every page, leaflets, print support",
        description="Start the kiosk offscreen (unless QT_QPA_PLATFORM is set), open Home, "
        "every page, the glossary and search, make each leaflet as a PDF and read it back, and "
        "check the print, platform, image and speech plugins. One line per check; exit code 0 "
        "only when all pass.",
    )
    from kiosk.smoke import add_arguments as add_smoke_arguments

    add_smoke_arguments(smoke)
    # Started by the kiosk itself (see kiosk/ui/speech.py), not by people: no help line.
    helper = sub.add_parser("speech-helper")
    helper.add_argument("--engine", default="")
    helper.add_argument("--language", default="en-GB")
    return parser


def add_leaflet_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--large-print", action="store_true", help="large print (18 pt text) instead of 14 pt"
    )
    parser.add_argument(
        "--paper", choices=("A4", "Letter"), default="A4", help="paper size (default: A4)"
    )
    parser.add_argument("--content", metavar="DIR", help="read content packs from DIR")
    parser.add_argument("--config", metavar="FILE", help="read settings from FILE (TOML)")


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
    if args.command == "validate":
        return cmd_validate(args)
    if args.command == "hash-pin":
        return cmd_hash_pin()
    if args.command == "stats":
        from kiosk import stats_command

        return stats_command.run(args)
    if args.command == "speech-helper":
        from kiosk.speech import helper

        return helper.run(args.engine, args.language)
    if args.command == "smoke-test":
        from kiosk import smoke

        return smoke.run(args)
    if args.command in ("printers", "export-pdf", "print"):
        from kiosk import leaflet_commands

        return leaflet_commands.run(args)
    return cmd_run(args)


def cmd_validate(args: argparse.Namespace) -> int:
    from kiosk.core.model import Severity

    logging.basicConfig(level=logging.INFO, format="kiosk: %(levelname)s: %(message)s")
    from kiosk.core.validate import count_pages, format_report, validate_path

    target = Path(args.dir) if args.dir else paths.bundled_content_dir()
    if not target.exists():
        print(f"kiosk: validate: {target}: no such folder", file=sys.stderr)
        return 1
    problems = validate_path(target)
    print(format_report(problems, pages=count_pages(target)))
    failing = [p for p in problems if args.strict or p.severity is Severity.ERROR]
    return 1 if failing else 0


def cmd_hash_pin() -> int:
    import getpass

    from kiosk.core.pin import check_new_pin, hash_pin

    try:
        pin = getpass.getpass("New staff PIN: ")
        if problem := check_new_pin(pin):
            print(f"kiosk: hash-pin: {problem}", file=sys.stderr)
            return 1
        if getpass.getpass("The same PIN again: ") != pin:
            print("kiosk: hash-pin: the two PINs differ; nothing was made", file=sys.stderr)
            return 1
    except (EOFError, KeyboardInterrupt):
        print("\nkiosk: hash-pin: cancelled", file=sys.stderr)
        return 1
    print(f'staff_pin_hash = "{hash_pin(pin)}"')
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.core.settings import SettingsError, load_settings

    settings_path = paths.settings_file(args.config)
    warnings: list[str] = []
    try:
        settings = load_settings(settings_path, warnings)
    except SettingsError as exc:
        print(f"kiosk: settings error: {exc}", file=sys.stderr)
        return 2

    from kiosk.logs import setup_logging

    log_file = setup_logging(settings.log_dir)
    log.info("settings: %s; log file: %s", settings_path or "defaults", log_file or "none")
    for warning in warnings:
        log.warning("settings: %s", warning)
    windowed = args.windowed or not settings.fullscreen
    if not windowed and not settings.staff_pin_hash:
        log.warning("no staff_pin_hash is set: staff access is off in full screen")

    from kiosk.library_source import open_content

    root = paths.content_root(args.content, settings.content_dir)
    reading = open_content(root, settings.language)
    if reading is None:
        return 1
    from kiosk.ui import app

    return app.run(reading, settings, root, windowed=windowed)
