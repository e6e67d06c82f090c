"""Finds what a patient would see cut, hidden or off screen in a laid-out window.

``layout_problems(window)`` looks at every visible label and button and says, in words, each place
where:

- a label's text does not fit it (wrapped labels: the height its text needs at its width, and the
  longest word against its width; other labels: every line against its contents rectangle);
- a push button's text does not fit inside its border and padding;
- a touch target is smaller than the sizes in accessibility.md;
- a widget sticks out of its parent (inside a scrolling area: out of its sides), so part of it is
  drawn nowhere, or a layout has put two widgets over each other;
- a scrolling area scrolls sideways.

It measures with each widget's own font (set by the style sheet) and the style's own rectangles,
so it sees what Qt draws, not what a test expects.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocumentFragment
from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText lives in QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QLayout,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

MIN_TARGET = 44  # WCAG 2.5.5 (AAA), as tests/ui/test_targets_and_names.py
MIN_NAV_HEIGHT = 60  # primary navigation, accessibility.md
NAV_NAMES = ("HomeButton", "BackButton", "PreviousButton", "NextButton", "PopupClose")


def describe(widget: QWidget) -> str:
    """A name a reader can find: object name, class and text."""
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text().replace("\n", " ")
        text = f" {text[:40]!r}" if text else ""
    name = widget.objectName() or widget.accessibleName()
    return f"{type(widget).__name__}({name}){text}"


def plain_text(label: QLabel) -> str:
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    return QTextDocumentFragment.fromHtml(text).toPlainText() if rich else text


def label_problem(label: QLabel) -> str | None:
    if label.pixmap() is not None and not label.pixmap().isNull():
        return None
    text = plain_text(label)
    if not text.strip():
        return None
    rect = label.contentsRect()
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return f"text needs {needed} px of height, has {label.height()}"
        longest = max(text.split(), key=metrics.horizontalAdvance)
        wide = metrics.horizontalAdvance(longest)
        if wide > rect.width():
            return f"the word {longest!r} needs {wide} px, has {rect.width()}"
        return None
    lines = text.split("\n")
    wide = max(metrics.horizontalAdvance(line) for line in lines)
    high = metrics.height() + metrics.lineSpacing() * (len(lines) - 1)
    if wide > rect.width() or high > rect.height():
        return f"text needs {wide}x{high} px, has {rect.width()}x{rect.height()}"
    return None


def button_problem(button: QPushButton) -> str | None:
    text = button.text()
    if not text:
        return None
    option = QStyleOptionButton()
    button.initStyleOption(option)
    inside = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    metrics = QFontMetrics(button.font())
    wide = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    high = metrics.height() * len(text.split("\n"))
    if wide > inside.width() or high > inside.height():
        return (
            f"text needs {wide}x{high} px, has {inside.width()}x{inside.height()} "
            f"inside its border and padding"
        )
    return None


def target_problem(button: QAbstractButton) -> str | None:
    if button.width() < MIN_TARGET or button.height() < MIN_TARGET:
        return f"a {button.width()}x{button.height()} px target (at least {MIN_TARGET})"
    if button.objectName() in NAV_NAMES and button.height() < MIN_NAV_HEIGHT:
        return f"navigation only {button.height()} px tall (at least {MIN_NAV_HEIGHT})"
    return None


def scroll_viewports(window: QWidget) -> set[QWidget]:
    return {area.viewport() for area in window.findChildren(QAbstractScrollArea)}


def placement_problem(widget: QWidget, viewports: set[QWidget]) -> str | None:
    """Whether ``widget`` lies inside its parent; in a scrolling area, within its sides."""
    parent = widget.parentWidget()
    if parent is None or widget.isWindow() or widget.width() <= 0 or widget.height() <= 0:
        return None
    own = QRect(widget.pos(), widget.size())
    room = parent.rect()
    if parent in viewports:
        if own.left() < room.left() or own.right() > room.right():
            return f"{own.width()} px wide in a scrolling area {room.width()} px wide"
        return None
    if not room.contains(own):
        return f"at {_rect(own)}, outside its parent's {_rect(room)}"
    return None


def in_layout(layout: QLayout | None, widget: QWidget) -> bool:
    """Whether ``layout`` (or a layout inside it) places ``widget``.

    Asked with indexOf() rather than by walking itemAt(): Python wrappers of the layout items
    that Qt made were seen to crash PySide later, when their widgets were deleted.
    """
    if layout is None:
        return False
    return any(part.indexOf(widget) >= 0 for part in (layout, *layout.findChildren(QLayout)))


def overlap_problems(parent: QWidget) -> list[str]:
    """Widgets that one layout places over each other (overlays, laid by hand, may overlap)."""
    laid = [
        child
        for child in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if child.isVisible() and in_layout(parent.layout(), child)
    ]
    found = []
    for i, first in enumerate(laid):
        for second in laid[i + 1 :]:
            if first.geometry().intersects(second.geometry()):
                found.append(f"{describe(first)} overlaps {describe(second)}")
    return found


def scroll_problem(area: QAbstractScrollArea) -> str | None:
    bar = area.horizontalScrollBar()
    if bar.isVisible() or bar.maximum() > 0:
        return f"scrolls sideways by {bar.maximum()} px"
    return None


def window_problem(window: QWidget, width: int, height: int) -> str | None:
    hint = window.minimumSizeHint()
    if hint.width() > width or hint.height() > height:
        return f"asks for at least {hint.width()}x{hint.height()} on a {width}x{height} screen"
    if window.width() != width or window.height() != height:
        return f"is {window.width()}x{window.height()} on a {width}x{height} screen"
    return None


def layout_problems(window: QWidget) -> list[str]:
    """Everything cut or out of place in ``window`` as it is now (visible widgets only)."""
    found: list[str] = []
    viewports = scroll_viewports(window)
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        problems = [placement_problem(widget, viewports)]
        if isinstance(widget, QLabel):
            problems.append(label_problem(widget))
        if isinstance(widget, QPushButton):
            problems.append(button_problem(widget))
        if isinstance(widget, QAbstractButton):
            problems.append(target_problem(widget))
        if isinstance(widget, QAbstractScrollArea):
            problems.append(scroll_problem(widget))
        found += [f"{path(widget, window)}: {p}" for p in problems if p]
        found += [f"{path(widget, window)}: {p}" for p in overlap_problems(widget)]
    found += [f"{describe(window)}: {p}" for p in overlap_problems(window)]
    return found


def path(widget: QWidget, window: QWidget) -> str:
    """The widget and the named parts it sits in, outermost first, e.g. ``Header > QPushButton``."""
    names = [describe(widget)]
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if parent.objectName() and not parent.objectName().startswith("qt_"):
            names.insert(0, parent.objectName())
        parent = parent.parentWidget()
    at = widget.mapTo(window, QPoint(0, 0))
    return f"{' > '.join(names)} at ({at.x()},{at.y()} {widget.width()}x{widget.height()})"


def _rect(rect: QRect) -> str:
    return f"({rect.x()},{rect.y()} {rect.width()}x{rect.height()})"
