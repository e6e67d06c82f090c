"""``kiosk export-pdf``: the leaflet of every question as a PDF file."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands import leaflet_job, prologue

NAME = "export-pdf"
HELP = "save the leaflet as a PDF file"
DESCRIPTION = "Write the leaflet of every question as a PDF into DIR (made if need be)."
SETTINGS = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", required=True, help="folder to write into")
    leaflet_job.add_leaflet_options(parser)


def make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise prologue.CommandError(f"export-pdf: {folder}: not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = exc.strerror or exc
        raise prologue.CommandError(
            f"export-pdf: {folder}: cannot make the folder ({why})"
        ) from None


def run(args: argparse.Namespace) -> int:
    job = leaflet_job.prepare(args)
    from kiosk.printing.pdf import LeafletError, render_pdf, save_pdf

    out = Path(args.out)
    make_folder(out)
    leaflet = job.leaflet
    try:
        pdf, pages = render_pdf(leaflet, args.paper)
        name = f"{job.library.info.language}-leaflet-{leaflet.fmt.name}-{args.paper}.pdf"
        path = save_pdf(pdf, out / name)
    except LeafletError as exc:
        raise prologue.CommandError(str(exc)) from None
    print(f"{path} ({pages} pages, {leaflet.fmt.label.lower()}, {args.paper})")
    return prologue.OK
