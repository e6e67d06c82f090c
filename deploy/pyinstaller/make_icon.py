"""Draws the program icon: resources/icons/clinic-kiosk.png and a multi-size .ico for Windows.

    QT_QPA_PLATFORM=offscreen .venv/bin/python deploy/pyinstaller/make_icon.py

Run it again only to change the icon; the files it writes are committed. An information sign
("i" in a circle) in white on the header blue of the standard theme: it reads at 16 px.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath

BLUE = QColor("#12355B")
WHITE = QColor("#FFFFFF")
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
OUT = Path(__file__).resolve().parents[2] / "resources" / "icons"


def draw(size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels, drawn (not scaled) so small sizes stay sharp."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BLUE)
    p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    p.setBrush(WHITE)
    ring = QPainterPath()
    ring.addEllipse(QRectF(size * 0.14, size * 0.14, size * 0.72, size * 0.72))
    ring.addEllipse(QRectF(size * 0.22, size * 0.22, size * 0.56, size * 0.56))
    p.drawPath(ring)  # odd-even fill: a white ring
    stem = size * 0.11
    p.drawEllipse(QRectF((size - stem) / 2, size * 0.30, stem, stem))
    p.drawRoundedRect(QRectF((size - stem) / 2, size * 0.45, stem, size * 0.25), 1, 1)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def ico_bytes(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """A Windows .ico holding one PNG-compressed image per size (Windows Vista and later)."""
    images = [png_bytes(draw(size)) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, data = b"", b""
    for size, png in zip(sizes, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        data += png
    return header + entries + data


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "clinic-kiosk.png").write_bytes(png_bytes(draw(256)))
    (OUT / "clinic-kiosk.ico").write_bytes(ico_bytes())
    print(f"wrote {OUT / 'clinic-kiosk.png'} and {OUT / 'clinic-kiosk.ico'}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
