"""``kiosk print``: the leaflet of every question on a printer, with no dialog."""

from __future__ import annotations

import argparse

from kiosk.commands import leaflet_job, prologue

NAME = "print"
HELP = "print the leaflet without opening a window"
DESCRIPTION = "Print the leaflet of every question on a printer, with no dialog."
SETTINGS = True
MAX_COPIES = 50


def _copies(text: str) -> int:
    try:
        copies = int(text)
    except ValueError:
        copies = 0
    if not 1 <= copies <= MAX_COPIES:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_COPIES}: {text!r}")
    return copies


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--printer",
        metavar="NAME",
        help="printer to use (default: the `printer` setting, else the system's default printer)",
    )
    parser.add_argument(
        "--copies", type=_copies, default=1, metavar="N", help=f"copies (1-{MAX_COPIES})"
    )
    leaflet_job.add_leaflet_options(parser)


def run(args: argparse.Namespace) -> int:
    job = leaflet_job.prepare(args)
    from kiosk.printing.pdf import LeafletError
    from kiosk.printing.printers import print_leaflet

    printer = args.printer or job.settings.printer
    try:
        used = print_leaflet(job.leaflet, printer=printer, copies=args.copies, paper=args.paper)
    except LeafletError as exc:
        raise prologue.CommandError(str(exc)) from None
    print(f"sent {args.copies} {'copy' if args.copies == 1 else 'copies'} to {used}")
    return prologue.OK
