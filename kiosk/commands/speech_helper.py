"""``kiosk speech-helper``: the speech process, started by the kiosk itself (not listed).

How the kiosk starts it: ``kiosk.ui.speech.helper_command``. The work is in
``kiosk.speech.helper``.
"""

from __future__ import annotations

import argparse

NAME = "speech-helper"
HELP = None  # started by the kiosk, not by people
DESCRIPTION = "The kiosk's speech process: reads commands on stdin, reports events on stdout."
SETTINGS = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", default="")
    parser.add_argument("--language", default="en-GB")


def run(args: argparse.Namespace) -> int:
    from kiosk.speech import helper

    return helper.run(args.engine, args.language)
