"""A large on-screen keyboard for touchscreens: letters, space, delete and clear."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.widgets.buttons import touch_button

ROWS = ("qwertyuiop", "asdfghjkl'", "zxcvbnm-")
COLUMNS = 10


class OnScreenKeyboard(QWidget):
    """Laid out in the screen below what it types into, so it never covers the results."""

    typed = Signal(str)
    backspace = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OnScreenKeyboard")
        self.setAccessibleName("On-screen keyboard")
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(24, 8, 24, 12)
        grid.setSpacing(8)
        for row, letters in enumerate(ROWS):
            offset = (COLUMNS - len(letters)) // 2 * 2  # half-key steps, as on a real keyboard
            for col, letter in enumerate(letters):
                key = self._key(letter.upper(), f"Letter {letter}", letter)
                grid.addWidget(key, row, offset + col * 2, 1, 2)
        space = self._key("Space", "Space", " ")
        delete = touch_button("⌫ Delete", "KeyboardKey", "Delete the last letter", self)
        clear = touch_button("Clear", "KeyboardKey", "Clear the search", self)
        delete.clicked.connect(self.backspace)
        clear.clicked.connect(self.cleared)
        self.keys["delete"], self.keys["clear"] = delete, clear
        grid.addWidget(clear, 3, 0, 1, 4)
        grid.addWidget(space, 3, 4, 1, 10)
        grid.addWidget(delete, 3, 14, 1, 6)
        # Every half-key column the same width, whatever the keys' labels: the keyboard asks
        # for no width of its own, even before its style (and its font) is applied.
        for column in range(2 * COLUMNS):
            grid.setColumnStretch(column, 1)
        for key in self.keys.values():
            key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def _key(self, label: str, accessible: str, value: str) -> QPushButton:
        key = touch_button(label, "KeyboardKey", accessible, self)
        key.clicked.connect(lambda: self.typed.emit(value))
        self.keys[value] = key
        return key
