"""Command line: ``kiosk run`` (the default) and the other commands in ``kiosk.commands``."""

from __future__ import annotations

import argparse
import sys
from types import ModuleType

from kiosk import APP_NAME, __version__
from kiosk.commands import (
    export_pdf,
    hash_pin,
    print_leaflet,
    printers,
    prologue,
    run,
    smoke_test,
    speech_helper,
    stats,
    validate,
)

# In the order `kiosk --help` lists them.
COMMANDS: tuple[ModuleType, ...] = (
    run,
    validate,
    printers,
    export_pdf,
    print_leaflet,
    hash_pin,
    stats,
    smoke_test,
    speech_helper,
)


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog or prologue.program_name(),
        description=f"{APP_NAME}: an offline touchscreen information kiosk for clinic waiting "
        "rooms. With no command, starts the kiosk (same as 'run').",
        epilog=prologue.EXIT_CODES.capitalize() + ".",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    shared = prologue.settings_and_content_options()
    for command in COMMANDS:
        listed = {"help": command.HELP} if command.HELP else {}
        child = sub.add_parser(
            command.NAME,
            description=command.DESCRIPTION,
            epilog=prologue.EXIT_CODES.capitalize() + ".",
            parents=[shared] if command.SETTINGS else [],
            **listed,
        )
        command.add_arguments(child)
        child.set_defaults(run_command=command.run)
    return parser


def main(argv: list[str] | None = None, *, prog: str | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    parser = build_parser(prog)
    if not args_list or (
        args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list = ["run", *args_list]
    args = parser.parse_args(args_list)
    try:
        return int(args.run_command(args))
    except prologue.CommandError as exc:
        if str(exc):
            print(f"kiosk: {exc}", file=sys.stderr)
        return exc.code
