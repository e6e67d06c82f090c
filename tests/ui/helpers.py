"""Small helpers for finding things on screen the way a patient would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractButton, QTextEdit, QWidget


def point_of(view: QTextEdit, position: int) -> QPoint:
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


# Icons drawn as characters beside a button's words: not text a patient would say (WCAG 2.5.3
# concerns the words). Plus and minus signs stay: "A+" is read as text.
ICON_CHARACTERS = "⌂‹›❚■▶✓←→⌫"


def visible_words(text: str) -> str:
    """A control's visible label as compared with its name: icons dropped, case and spacing
    ignored."""
    for icon in ICON_CHARACTERS:
        text = text.replace(icon, " ")
    return " ".join(text.split()).casefold()


def label_not_in_name(widget: QAbstractButton) -> str:
    """'' when the visible label is part of the accessible name (WCAG 2.5.3, label in name);
    otherwise what is wrong, for a failure message."""
    label = visible_words(widget.text())
    if not any(c.isalnum() for c in label):
        return ""  # a symbol alone ("+" on a stepper) is an icon: its name says what it does
    name = " ".join(widget.accessibleName().split()).casefold() or label
    if label and label not in name:
        return (
            f"{type(widget).__name__} {widget.objectName()!r}: shows {widget.text()!r}, "
            f"named {widget.accessibleName()!r}"
        )
    return ""
