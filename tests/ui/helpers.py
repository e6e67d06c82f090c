"""Small helpers for finding things on screen the way a patient would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget


def link_positions(view: QTextBrowser, prefix: str) -> list[tuple[str, int]]:
    """(href, document position) of every link in ``view`` whose href starts with ``prefix``."""
    found = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href.startswith(prefix):
                found.append((href, fragment.position() + max(1, fragment.length() // 2)))
            it += 1
        block = block.next()
    return found


def point_of(view: QTextBrowser, position: int) -> QPoint:
    """Where on the viewport the text at ``position`` is, scrolling it into view first."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    return QPoint(rect.center().x(), rect.center().y())


def is_cut_off(label: QWidget) -> bool:
    """True when a word-wrapped widget is shorter than its text needs."""
    if not label.hasHeightForWidth():
        return label.height() < label.sizeHint().height()
    return label.height() < label.heightForWidth(label.width())


def left_click(qtbot, widget: QWidget, pos: QPoint | None = None) -> None:
    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
