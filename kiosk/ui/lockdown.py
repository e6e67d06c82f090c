"""Full-screen lockdown: the keys and requests that would let a patient leave the kiosk."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

Mod = Qt.KeyboardModifier
# (key, modifiers that must be held). F11 and Escape are refused with any modifiers.
BLOCKED_KEYS: tuple[tuple[Qt.Key, Qt.KeyboardModifier], ...] = (
    (Qt.Key.Key_Escape, Mod.NoModifier),
    (Qt.Key.Key_F11, Mod.NoModifier),
    (Qt.Key.Key_F4, Mod.AltModifier),
    (Qt.Key.Key_Space, Mod.AltModifier),
    (Qt.Key.Key_Q, Mod.ControlModifier),
    (Qt.Key.Key_W, Mod.ControlModifier),
    (Qt.Key.Key_F4, Mod.ControlModifier),
    (Qt.Key.Key_Tab, Mod.AltModifier),
    (Qt.Key.Key_Menu, Mod.NoModifier),  # the keyboard's context-menu key
)
DRAG_EVENTS = {
    QEvent.Type.DragEnter,
    QEvent.Type.DragMove,
    QEvent.Type.Drop,
}


def is_blocked(event: QKeyEvent) -> bool:
    mods = event.modifiers() & ~Mod.KeypadModifier
    for key, needed in BLOCKED_KEYS:
        if event.key() != key:
            continue
        if needed == Mod.NoModifier or mods & needed == needed:
            return True
    return False


class Lockdown(QObject):
    """Installed on the application while the kiosk is full screen."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            if is_blocked(event):
                event.accept()
                return True
        elif kind in DRAG_EVENTS:
            event.ignore()
            return True
        return False
