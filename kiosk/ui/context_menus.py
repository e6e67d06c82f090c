"""No right-click or long-press menus anywhere: they lead out of the kiosk's screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class ContextMenuBlocker(QObject):
    """Installed on the application, it swallows every context-menu request."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu:
            event.accept()
            return True
        return False
