"""A widget's layout and parent where the kiosk built them: never None, so callers need no checks.

Qt's accessors return None when there is none; these are for widgets that always have one,
and say so loudly if that ever stops being true.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget


def layout_of(widget: QWidget) -> QLayout:
    layout = widget.layout()
    if layout is None:
        raise RuntimeError(f"{type(widget).__name__} has no layout")
    return layout


def parent_of(widget: QWidget) -> QWidget:
    parent = widget.parentWidget()
    if parent is None:
        raise RuntimeError(f"{type(widget).__name__} has no parent widget")
    return parent
