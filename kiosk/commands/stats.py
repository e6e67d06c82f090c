"""``kiosk stats``: the usage statistics summary as a text table, or as a CSV file."""

from __future__ import annotations

import argparse
import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import paths
from kiosk.commands import prologue
from kiosk.core.settings import Settings

if TYPE_CHECKING:
    from kiosk.core.stats_summary import Row

NAME = "stats"
HELP = "show the anonymous usage statistics, or save them as CSV"
DESCRIPTION = (
    "Print the usage statistics of the last N days (sessions, pages read, prints) as a table, "
    "or write the daily counts to a CSV file."
)
SETTINGS = True
DEFAULT_DAYS = 30


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = 0
    if days < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of days, 1 or more: {text!r}")
    return days


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--days",
        type=_days,
        default=DEFAULT_DAYS,
        metavar="N",
        help=f"the last N days, today included (default: {DEFAULT_DAYS})",
    )
    parser.add_argument(
        "--csv", metavar="FILE", help="write the daily counts to FILE as CSV instead"
    )


def _titles(args: argparse.Namespace, settings: Settings) -> dict[str, str]:
    """Page titles for the table, if the content can be read; ids are shown otherwise."""
    from kiosk.core import library_source

    # Content problems are for `kiosk validate`; here they would only bury the table.
    logging.getLogger(library_source.__name__).setLevel(logging.CRITICAL)
    root = prologue.content_roots(args, settings)[0]
    library = library_source.read_pack(root, settings.language).library
    return {p.id: p.title for p in library.pages} if library else {}


def _rows(database: Path, days: int, today: date) -> list[Row]:
    from kiosk.core.stats_db import StatsError, read_only

    try:
        return read_only(database, days, today)
    except StatsError as exc:
        raise prologue.CommandError(f"stats: {exc}") from None


def _write_csv(rows: list[Row], target: Path, period: str) -> int:
    from kiosk.core.stats_summary import write_csv

    try:
        count = write_csv(rows, target)
    except OSError as exc:
        raise prologue.CommandError(
            f"stats: cannot write {target}: {exc.strerror or exc}"
        ) from None
    print(f"wrote {count} rows ({period}) to {target}")
    return prologue.OK


def run(args: argparse.Namespace) -> int:
    from kiosk.core.stats_summary import format_summary, period_text, summarise

    started = prologue.start(args, log_file=False, console=logging.WARNING)
    settings = started.settings
    database = paths.usage_database()
    today = date.today()
    if not settings.stats_enabled:
        where = started.settings_path or "the settings"
        print(f"Usage statistics are turned off (stats_enabled = false in {where}).")
        print("Nothing is being counted.")
        if database.exists():
            print(f"Counts kept from before are in {database}.")
    if args.csv:
        # Nothing counted yet is still a file, with its header row: a script reading it
        # needs no special case (and no database is created for it).
        rows = _rows(database, args.days, today) if database.exists() else []
        return _write_csv(rows, Path(args.csv), period_text(summarise(rows, args.days, today)))
    if not settings.stats_enabled:
        return prologue.OK
    if not database.exists():
        print(f"No usage statistics yet: {database} does not exist.")
        print("The kiosk creates it when it first counts something.")
        return prologue.OK
    summary = summarise(_rows(database, args.days, today), args.days, today)
    print(format_summary(summary, _titles(args, settings).get))
    return prologue.OK
