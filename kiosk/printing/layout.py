"""Lays a leaflet out on pages: A4 or Letter, clear-print margins, headings kept with their text."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from kiosk.core.leaflet import Leaflet

PAPER = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 18.0
FOOTER_GAP_PT = 10.0
FONT_FAMILY = "Atkinson Hyperlegible"
LAYOUT_DPI = 1200  # PDF and previews are laid out at this resolution: exact text positions


_per_thread = threading.local()


def layout_device() -> QPdfWriter:
    """The paint device leaflets are laid out on (at ``LAYOUT_DPI``): one per thread, kept.

    Qt keeps font data for every paint device text has been laid out on, about 8 KiB each, so
    a new device for every leaflet or preview grew the kiosk's memory for as long as it ran.
    A laid-out leaflet can be painted on any device of the same resolution, or scaled.
    """
    device = getattr(_per_thread, "device", None)
    if device is None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)  # never painted on: stays empty
        device = QPdfWriter(buffer)
        device.setResolution(LAYOUT_DPI)
        _per_thread.buffer, _per_thread.device = buffer, device
    return device


def page_layout(paper: str) -> QPageLayout:
    if paper not in PAPER:
        raise ValueError(f"unknown paper size {paper!r}: use one of {', '.join(PAPER)}")
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        QPageSize(PAPER[paper]),
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )


@dataclass
class LaidOut:
    """A leaflet laid out for one paint device: the document, its pages and the footer."""

    document: QTextDocument
    page_count: int
    body: QRectF  # where the text goes on each page, in device pixels
    footer: QRectF  # where "Page x of y" goes
    footer_font: QFont
    title: str


def _points_to_pixels(points: float, device: QPaintDevice) -> float:
    return points * device.logicalDpiY() / 72.0


def lay_out(leaflet: Leaflet, device: QPaintDevice, page: QPageLayout) -> LaidOut:
    """Lay ``leaflet`` out on ``page`` for ``device`` (a PDF writer, a printer, an image).

    Design metrics make line breaks independent of the device's resolution, so a preview
    image shows exactly the pages that print.
    """
    paint_rect = page.paintRectPixels(device.logicalDpiY())
    footer_font = QFont(FONT_FAMILY)
    footer_font.setPointSizeF(max(12.0, leaflet.fmt.body_pt - 2))
    footer_height = _points_to_pixels(footer_font.pointSizeF() * 1.6 + FOOTER_GAP_PT, device)
    body = QRectF(0, 0, paint_rect.width(), paint_rect.height() - footer_height)
    footer = QRectF(0, body.height(), paint_rect.width(), footer_height)

    document = QTextDocument()
    document.setUseDesignMetrics(True)
    document.documentLayout().setPaintDevice(device)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(leaflet.fmt.body_pt)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(leaflet.css)
    for name, data in leaflet.resources.items():
        image = QImage.fromData(data)
        if image.isNull():
            raise ValueError(f"leaflet image {name!r} could not be read")
        document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
    document.setHtml(leaflet.html)
    document.setDocumentMargin(0)
    document.setPageSize(QSizeF(body.width(), body.height()))
    keep_headings_with_text(document)
    pages = document.pageCount()
    return LaidOut(document, pages, body, footer, footer_font, leaflet.title)


def keep_headings_with_text(document: QTextDocument) -> int:
    """Move a heading to the next page when the text it introduces would start there.

    Qt breaks pages between lines but has no "keep with next", so a heading can end up alone
    at the foot of a page. Returns the number of headings moved.
    """
    layout: QAbstractTextDocumentLayout = document.documentLayout()
    page_height = document.pageSize().height()
    moved = 0
    block = document.begin()
    while block.isValid():
        following = block.next()
        fmt = block.blockFormat()
        if (
            fmt.headingLevel() > 0
            and following.isValid()
            and _orphaned(layout, block, following, page_height)
        ):
            new_fmt = QTextBlockFormat(fmt)
            new_fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(new_fmt)
            # Qt relays out lazily and can keep stale positions for the blocks below: lay
            # them out again before measuring the next heading.
            start = block.position()
            document.markContentsDirty(start, document.characterCount() - start)
            moved += 1
        block = following
    return moved


def _orphaned(
    layout: QAbstractTextDocumentLayout,
    heading_block: QTextBlock,
    following: QTextBlock,
    page_height: float,
) -> bool:
    heading = layout.blockBoundingRect(heading_block)
    if heading.top() <= 0:
        return False
    text = layout.blockBoundingRect(following)
    lines = following.layout()
    first_line = lines.lineAt(0).height() if lines.lineCount() else 0
    heading_page = int(heading.top() // page_height)
    return int((text.top() + first_line) // page_height) > heading_page


def paint_page(laid: LaidOut, painter: QPainter, index: int) -> None:
    """Paint page ``index`` (0-based) of ``laid`` at the painter's origin (the paint rect)."""
    painter.save()
    painter.setClipRect(laid.body)
    painter.translate(0, -index * laid.body.height())
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, index * laid.body.height(), laid.body.width(), laid.body.height())
    context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
    laid.document.documentLayout().draw(painter, context)
    painter.restore()
    painter.save()
    painter.setFont(laid.footer_font)
    painter.setPen(Qt.GlobalColor.black)
    text_rect = laid.footer.adjusted(0, laid.footer.height() * 0.25, 0, 0)
    align = Qt.AlignmentFlag.AlignBottom
    painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignLeft, laid.title)
    painter.drawText(
        text_rect, align | Qt.AlignmentFlag.AlignRight, f"Page {index + 1} of {laid.page_count}"
    )
    painter.restore()


def page_images(leaflet: Leaflet, paper: str = "A4", dpi: int = 50) -> list[QImage]:
    """Every page as an image (for on-screen previews): white paper, margins included.

    The pages are laid out exactly as for the PDF (at its resolution) and only drawn smaller:
    laid out at screen resolution, small type rounds differently and the page breaks move.
    """
    page = page_layout(paper)
    laid = lay_out(leaflet, layout_device(), page)
    full = page.fullRectPixels(dpi)
    margin = page.paintRectPixels(LAYOUT_DPI).topLeft()
    scale = dpi / LAYOUT_DPI
    images = []
    for index in range(laid.page_count):
        image = _image(full.width(), full.height(), dpi)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        painter.translate(margin)
        paint_page(laid, painter, index)
        painter.end()
        images.append(image)
    return images


def _image(width: int, height: int, dpi: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(Qt.GlobalColor.white)
    return image
