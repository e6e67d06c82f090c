"""``kiosk printers``: the printers this computer can print to, the default first."""

from __future__ import annotations

import argparse

from kiosk.commands import leaflet_job, prologue

NAME = "printers"
HELP = "list the printers this computer can print to"
DESCRIPTION = (
    "List the printers Qt can see (CUPS on Linux, the spooler on Windows), the default first, "
    "with whether each is ready."
)
SETTINGS = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    leaflet_job.check_qt()
    leaflet_job.start_qt()
    from kiosk.printing.printers import printers

    found = printers()
    if not found:
        print("no printers are set up on this computer")
        return prologue.OK
    width = max(len(p.name) for p in found)
    for p in found:
        flags = ", ".join(
            f for f, on in (("default", p.is_default), ("stopped", not p.ready)) if on
        )
        print(f"{p.name:<{width}}  {p.description}{f'  ({flags})' if flags else ''}")
    return prologue.OK
