"""Leaflets as PDF files: fonts embedded, text extractable, metadata set, written atomically."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPainter, QPdfWriter

from kiosk import APP_NAME, __version__
from kiosk.core.leaflet import Leaflet
from kiosk.printing.layout import LAYOUT_DPI, lay_out, layout_device, page_layout, paint_page


class LeafletError(Exception):
    """A leaflet could not be made or saved; the message is for staff to read."""


def render_pdf(leaflet: Leaflet, paper: str = "A4") -> tuple[bytes, int]:
    """The leaflet as PDF bytes, and its page count."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(LAYOUT_DPI)
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(leaflet.metadata["title"])
    writer.setAuthor(leaflet.metadata["author"])
    writer.setCreator(f"{APP_NAME} {__version__}")
    laid = lay_out(leaflet, layout_device(), writer.pageLayout())
    painter = QPainter()
    if not painter.begin(writer):
        raise LeafletError("could not start writing the PDF")
    try:
        for index in range(laid.page_count):
            if index:
                writer.newPage()
            paint_page(laid, painter, index)
    finally:
        painter.end()
        buffer.close()
    return _with_metadata(bytes(data.data()), leaflet), laid.page_count


def _with_metadata(pdf: bytes, leaflet: Leaflet) -> bytes:
    # QPdfWriter sets title, author and creator only; subject and keywords are added here.
    # Imported here: pypdf takes a tenth of a second to import, which start-up need not pay.
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    meta = leaflet.metadata
    writer.add_metadata(
        {
            "/Title": meta["title"],
            "/Author": meta["author"],
            "/Subject": meta["subject"],
            "/Keywords": meta.get("keywords", ""),
            "/Creator": f"{APP_NAME} {__version__}",
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def save_pdf(pdf: bytes, path: Path) -> Path:
    """Write ``pdf`` to ``path`` whole or not at all (a full USB stick leaves no broken file)."""
    folder = path.parent
    if not folder.is_dir():
        raise LeafletError(f"{folder}: the folder does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".leaflet-", suffix=".pdf", dir=folder)
    except OSError as exc:
        raise LeafletError(f"{folder}: cannot write here ({exc.strerror or exc})") from None
    try:
        # mkstemp makes the file private; a leaflet on a USB stick is for anyone to open.
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(pdf)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise LeafletError(f"{path}: could not save ({exc.strerror or exc})") from None
    return path
