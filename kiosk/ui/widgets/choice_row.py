"""A row of large toggle buttons of which exactly one is chosen (a touch-sized radio group)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.wrap_layout import WrapLayout


class ChoiceRow(QWidget):
    chosen = Signal(str)

    def __init__(
        self,
        name: str,
        choices: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        vertical: bool = False,
    ):
        """``choices`` are (value, label) pairs; the first is chosen to begin with.

        Side by side, wrapping onto more rows where they do not fit; or one under the other.
        """
        super().__init__(parent)
        self.setAccessibleName(name)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._values: dict[QPushButton, str] = {}
        self._layout: QVBoxLayout | WrapLayout = (
            QVBoxLayout(self) if vertical else WrapLayout(self, spacing=12, row_spacing=12)
        )
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(12)
        self.set_choices(choices)
        self._group.buttonClicked.connect(lambda b: self.chosen.emit(self._values[b]))

    def set_choices(self, choices: list[tuple[str, str]], current: str = "") -> None:
        for button in list(self._values):
            self._group.removeButton(button)
            button.deleteLater()
        self._values.clear()
        for value, label in choices:
            button = touch_button(label, "Choice", f"{self.accessibleName()}: {label}", self)
            button.setCheckable(True)
            # The chosen option says so in words too, not only by its colour.
            button.toggled.connect(
                lambda on, b=button, text=label: b.setText(f"✓ {text}" if on else text)
            )
            self._group.addButton(button)
            self._layout.addWidget(button)
            self._values[button] = value
        if choices:
            self.set_value(current if current in dict(choices) else choices[0][0])

    def value(self) -> str:
        button = self._group.checkedButton()
        return self._values.get(button, "") if isinstance(button, QPushButton) else ""

    def set_value(self, value: str) -> None:
        for button, v in self._values.items():
            button.setChecked(v == value)

    def buttons(self) -> list[QPushButton]:
        return list(self._values)
