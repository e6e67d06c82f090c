"""The bar across the top of every screen: the kiosk's title, text size and contrast."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.ui.widgets.buttons import touch_button


class Header(QWidget):
    smallerText = Signal()
    largerText = Signal()
    contrastToggled = Signal(bool)
    searchRequested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)

        self.title = QLabel(title, self)
        self.title.setObjectName("HeaderTitle")
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.search = touch_button("Search", "SearchButton", "Search for a word", self)
        self.search.clicked.connect(self.searchRequested)

        self.smaller = touch_button("A−", "SmallerText", "Smaller text", self)
        self.smaller.setToolTip("Make the text smaller")
        self.smaller.clicked.connect(self.smallerText)

        self.size_label = QLabel(self)
        self.size_label.setObjectName("HeaderStatus")
        self.size_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.larger = touch_button("A+", "LargerText", "Larger text", self)
        self.larger.setToolTip("Make the text larger")
        self.larger.clicked.connect(self.largerText)

        self.contrast = touch_button("High contrast", "Contrast", "High contrast", self)
        self.contrast.setCheckable(True)
        self.contrast.setAccessibleDescription("Switch between standard colours and white on black")
        self.contrast.toggled.connect(self.contrastToggled)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 16, 10)
        layout.setSpacing(12)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.search)
        layout.addSpacing(12)
        layout.addWidget(self.smaller)
        layout.addWidget(self.size_label)
        layout.addWidget(self.larger)
        layout.addSpacing(12)
        layout.addWidget(self.contrast)

    def show_state(self, percent: int, can_shrink: bool, can_grow: bool, high: bool) -> None:
        self.size_label.setText(f"Text\n{percent}%")
        self.size_label.setAccessibleName(f"Text size {percent} percent")
        self.smaller.setEnabled(can_shrink)
        self.larger.setEnabled(can_grow)
        self.contrast.blockSignals(True)
        self.contrast.setChecked(high)
        self.contrast.blockSignals(False)
