"""The stack that shows one screen at a time, and nothing more to a screen reader."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QStackedWidget, QWidget

_factory_installed = False


def _plain_container(key: str, obj: QObject) -> QAccessibleInterface | None:
    """The stack as a plain container (a "filler", which Orca never speaks), not the "layered
    pane" Qt makes of a QStackedWidget: Orca said "layered pane", a name-less container, each
    time the focus moved from the header into a screen."""
    if key == ScreenStack.__name__ and isinstance(obj, QWidget):
        return QAccessibleWidget(obj, QAccessible.Role.Client)
    return None


class ScreenStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screens")
        global _factory_installed
        if not _factory_installed:
            # Qt asks the factories once per object, from its most derived class up; this one
            # answers for ScreenStack only, before Qt's own answer for QStackedWidget.
            QAccessible.installFactory(_plain_container)
            _factory_installed = True
