"""Time to make each leaflet as PDF, next to a bare QTextDocument-to-PDF baseline.

    python -m bench.leaflet_pdf [--runs N]

The baseline prints the same words with no leaflet work (no pagination rules, no footer, no
metadata pass): what Qt alone costs on this machine in this run.
"""

from __future__ import annotations

import argparse
import os
import platform
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QFont, QGuiApplication, QPageSize, QPdfWriter, QTextDocument

from bench.table import print_table, summarise
from kiosk import paths
from kiosk.core.leaflet import FORMATS, compose_leaflet
from kiosk.core.loader import load_library, pack_dir
from kiosk.printing.fonts import load_bundled_fonts
from kiosk.printing.pdf import render_pdf


def baseline(leaflet) -> int:
    """The same HTML and style sheet, laid out and printed by QTextDocument.print_ alone."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(1200)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont("Atkinson Hyperlegible")
    font.setPointSizeF(leaflet.fmt.body_pt)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(leaflet.css)
    document.setHtml(leaflet.html)
    document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF())
    document.print_(writer)
    return document.pageCount()


def timed(fn, runs: int) -> tuple[list[float], object]:
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    app = QGuiApplication([])
    load_bundled_fonts()
    library = load_library(pack_dir(paths.bundled_content_dir(), "en-GB"))
    leaflets = {name: compose_leaflet(library, fmt=fmt) for name, fmt in FORMATS.items()}
    rows = []
    base_samples, base_pages = timed(lambda: baseline(leaflets["standard"]), args.runs)
    base = summarise(base_samples)
    rows.append(["bare QTextDocument to PDF (baseline)", base_pages, *base.values(), 1.0])
    for name, leaflet in leaflets.items():
        compose_samples, _ = timed(
            lambda fmt=FORMATS[name]: compose_leaflet(library, fmt=fmt), args.runs
        )
        samples, (_pdf, pages) = timed(lambda leaflet=leaflet: render_pdf(leaflet, "A4"), args.runs)
        total = [c + s for c, s in zip(compose_samples, samples, strict=True)]
        stats = summarise(total)
        rows.append(
            [
                f"{leaflet.fmt.label} leaflet (compose + PDF)",
                pages,
                *stats.values(),
                stats["median"] / base["median"],
            ]
        )
    print_table(
        f"Leaflet PDF, A4, {args.runs} runs each, ms ({platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()})",
        ["what", "pages", "median", "p95", "min", "max", "x baseline"],
        rows,
    )
    app.quit()


if __name__ == "__main__":
    main()
