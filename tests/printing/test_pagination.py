"""Keeping a heading with the text it introduces, on any page size."""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextDocument

from kiosk.printing.layout import keep_headings_with_text


def heading_near_foot(qapp, lines_before: int) -> QTextDocument:
    doc = QTextDocument()
    body = "".join(f"<p>Line {i} of ordinary text.</p>" for i in range(lines_before))
    doc.setHtml(body + "<h2>A heading</h2><p>The text it introduces.</p>" + body)
    doc.setPageSize(QSizeF(400, 300))
    return doc


def heading_page_and_text_page(doc: QTextDocument) -> tuple[int, int]:
    layout = doc.documentLayout()
    height = doc.pageSize().height()
    block = doc.begin()
    while block.blockFormat().headingLevel() == 0:
        block = block.next()
    heading_top = layout.blockBoundingRect(block).top()
    text = layout.blockBoundingRect(block.next())
    return int(heading_top // height), int(text.bottom() // height)


def test_a_heading_at_the_foot_of_a_page_moves_to_the_next(qapp) -> None:
    moved_any = False
    for lines in range(1, 30):
        doc = heading_near_foot(qapp, lines)
        before = heading_page_and_text_page(doc)
        moved = keep_headings_with_text(doc)
        heading_page, text_page = heading_page_and_text_page(doc)
        assert heading_page == text_page, f"{lines} lines: heading left alone"
        if before[0] != before[1]:
            assert moved == 1
            moved_any = True
    assert moved_any, "no case put the heading at the foot of a page: the test proves nothing"
