"""``kiosk printers``, ``kiosk export-pdf`` and ``kiosk print``: leaflets without a window."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk import paths
from kiosk.core.settings import SettingsError, load_settings
from kiosk.library_source import load_content
from kiosk.printing.compose import composer


def fail(message: str, code: int = 1) -> int:
    print(f"kiosk: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from kiosk.printing.headless import gui_application

    # Content warnings (a missing sign-off) are for `kiosk validate`; errors still show.
    logging.basicConfig(level=logging.ERROR, format="kiosk: %(levelname)s: %(message)s")

    if args.command == "printers":
        gui_application()
        return list_printers()
    try:
        settings = load_settings(paths.settings_file(args.config))
    except SettingsError as exc:
        return fail(f"settings error: {exc}", 2)
    library = load_content(
        paths.content_root(args.content, settings.content_dir), settings.language
    )
    if library is None:
        return fail("no usable content to make a leaflet from")
    leaflet = composer(settings)(library, "large" if args.large_print else "standard", None)
    gui_application()
    from kiosk.printing.pdf import LeafletError, render_pdf, save_pdf
    from kiosk.printing.printers import print_leaflet

    try:
        if args.command == "export-pdf":
            out = Path(args.out)
            pdf, pages = render_pdf(leaflet, args.paper)
            name = f"{library.info.language}-leaflet-{leaflet.fmt.name}-{args.paper}.pdf"
            path = save_pdf(pdf, out / name)
            print(f"{path} ({pages} pages, {leaflet.fmt.label.lower()}, {args.paper})")
            return 0
        used = print_leaflet(
            leaflet, printer=args.printer or settings.printer, copies=args.copies, paper=args.paper
        )
    except LeafletError as exc:
        return fail(str(exc))
    print(f"sent {args.copies} {'copy' if args.copies == 1 else 'copies'} to {used}")
    return 0


def list_printers() -> int:
    from kiosk.printing.printers import printers

    found = printers()
    if not found:
        print("no printers are set up on this computer")
        return 0
    width = max(len(p.name) for p in found)
    for p in found:
        flags = ", ".join(
            f for f, on in (("default", p.is_default), ("stopped", not p.ready)) if on
        )
        print(f"{p.name:<{width}}  {p.description}{f'  ({flags})' if flags else ''}")
    return 0
