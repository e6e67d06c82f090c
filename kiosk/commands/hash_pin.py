"""``kiosk hash-pin``: make the staff PIN hash for the settings file."""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.commands import prologue

NAME = "hash-pin"
HELP = "make the staff PIN hash for the settings file"
DESCRIPTION = (
    "Ask for a staff PIN twice (it is not shown) and print the line to put in kiosk.toml. "
    "The PIN itself is never stored or logged."
)
SETTINGS = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: the PIN is asked for, never given on the command line (shell history)."""


def run(args: argparse.Namespace) -> int:
    from kiosk.core.pin import check_new_pin, hash_pin

    try:
        pin = getpass.getpass("New staff PIN: ")
        if problem := check_new_pin(pin):
            raise prologue.CommandError(f"hash-pin: {problem}")
        if getpass.getpass("The same PIN again: ") != pin:
            raise prologue.CommandError("hash-pin: the two PINs differ; nothing was made")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)  # the prompt's line was left open
        raise prologue.CommandError("hash-pin: cancelled") from None
    print(f'staff_pin_hash = "{hash_pin(pin)}"')
    return prologue.OK
