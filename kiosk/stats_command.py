"""``kiosk stats``: the usage statistics summary as a text table, or as a CSV file."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

from kiosk import paths
from kiosk.core.settings import SettingsError, load_settings
from kiosk.core.stats_db import StatsError, read_only
from kiosk.core.stats_summary import format_summary, period_text, summarise, write_csv

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
    parser.add_argument("--config", metavar="FILE", help="read settings from FILE (TOML)")


def fail(message: str, code: int = 1) -> int:
    print(f"kiosk: stats: {message}", file=sys.stderr)
    return code


def _titles(settings: object) -> dict[str, str]:
    """Page titles for the table, if the content can be read; ids are shown otherwise."""
    from kiosk.library_source import read_pack

    # Content problems are for `kiosk validate`; here they would only bury the table.
    logging.getLogger("kiosk.library_source").setLevel(logging.CRITICAL)
    root = paths.content_root(None, getattr(settings, "content_dir", ""))
    library = read_pack(root, getattr(settings, "language", "en-GB")).library
    return {p.id: p.title for p in library.pages} if library else {}


def run(args: argparse.Namespace) -> int:
    settings_path = paths.settings_file(args.config)
    try:
        settings = load_settings(settings_path)
    except SettingsError as exc:
        return fail(f"settings error: {exc}", 2)
    database = paths.usage_database()
    if not settings.stats_enabled:
        where = settings_path or "the settings"
        print(f"Usage statistics are turned off (stats_enabled = false in {where}).")
        print("Nothing is being counted.")
        if database.exists():
            print(f"Counts kept from before are in {database}.")
        return 0
    if not database.exists():
        print(f"No usage statistics yet: {database} does not exist.")
        print("The kiosk creates it when it first counts something.")
        return 0
    today = date.today()
    try:
        rows = read_only(database, args.days, today)
    except StatsError as exc:
        return fail(str(exc))
    summary = summarise(rows, args.days, today)
    if args.csv:
        target = Path(args.csv)
        try:
            count = write_csv(rows, target)
        except OSError as exc:
            return fail(f"cannot write {target}: {exc.strerror or exc}")
        print(f"wrote {count} rows ({period_text(summary)}) to {target}")
        return 0
    print(format_summary(summary, _titles(settings).get))
    return 0
