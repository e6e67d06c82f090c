"""The bar across the top of every screen: the kiosk's title, text size and contrast."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.wrap_layout import WrapLayout

# The title keeps its row beside the buttons while it needs at most about this many lines there;
# past that it takes a row of its own and the buttons go under it.
TITLE_LINES_BESIDE_BUTTONS = 2


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

        self.search = touch_button("Search", "SearchButton", "Search for a word", self)
        self.search.clicked.connect(self.searchRequested)

        self.smaller = touch_button("A−", "SmallerText", "A− smaller text", self)
        self.smaller.setToolTip("Make the text smaller")
        self.smaller.clicked.connect(self.smallerText)

        self.size_label = QLabel(self)
        self.size_label.setObjectName("HeaderStatus")
        self.size_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.larger = touch_button("A+", "LargerText", "A+ larger text", self)
        self.larger.setToolTip("Make the text larger")
        self.larger.clicked.connect(self.largerText)

        self.contrast = touch_button("High contrast", "Contrast", "High contrast", self)
        self.contrast.setCheckable(True)
        self.contrast.setAccessibleDescription("Switch between standard colours and white on black")
        self.contrast.toggled.connect(self.contrastToggled)

        # One row on a wide screen: the title, then Search, text size and contrast on the
        # right. Where that does not fit (a narrow or portrait screen, large text) the title
        # has the top row to itself and the buttons go under it, on the right; on the
        # narrowest screens at large text High contrast goes under the others. No button is
        # ever squeezed below its text.
        sizes = QHBoxLayout()  # A-, the size and A+ always side by side
        sizes.setSpacing(8)
        sizes.addWidget(self.smaller)
        sizes.addWidget(self.size_label)
        sizes.addWidget(self.larger)
        self.buttons = WrapLayout(spacing=16, row_spacing=8, align=Qt.AlignmentFlag.AlignRight)
        self.rows = WrapLayout(self, spacing=24, row_spacing=8, align=Qt.AlignmentFlag.AlignRight)
        self.rows.setContentsMargins(24, 10, 16, 10)
        self.rows.add_text(self.title, TITLE_LINES_BESIDE_BUTTONS)
        self.rows.add(self.buttons)
        self.buttons.add(self.search)
        self.buttons.add(sizes)
        self.buttons.add(self.contrast)

    def show_state(self, percent: int, can_shrink: bool, can_grow: bool, high: bool) -> None:
        self.size_label.setText(f"Text\n{percent}%")
        self.size_label.setAccessibleName(f"Text size {percent} percent")
        self.smaller.setEnabled(can_shrink)
        self.larger.setEnabled(can_grow)
        self.contrast.blockSignals(True)
        self.contrast.setChecked(high)
        self.contrast.blockSignals(False)
