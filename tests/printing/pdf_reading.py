"""Reading leaflet PDFs back as a person's PDF reader would: text, sizes, positions, fonts."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True)
class Run:
    text: str
    size: float  # effective font size in points
    y: float  # baseline, points from the bottom of the page


def runs(reader: PdfReader, page: int) -> list[Run]:
    found: list[Run] = []

    def visit(text, cm, tm, _font, size) -> None:
        if not text.strip():
            return
        a, b, c, d = tm[0], tm[1], tm[2], tm[3]
        m = (
            a * cm[0] + b * cm[2],
            a * cm[1] + b * cm[3],
            c * cm[0] + d * cm[2],
            c * cm[1] + d * cm[3],
        )
        effective = size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.append(Run(text.strip(), round(effective, 1), y))

    reader.pages[page].extract_text(visitor_text=visit)
    return found


def reader_for(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def all_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Font name -> whether its program is embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    return fonts
