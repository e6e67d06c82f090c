"""Small helpers for finding things on screen the way a patient would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget


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
