"""A large touch tile: a question in bold and its one-line summary underneath, both wrapping."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.widget_tree import layout_of
from kiosk.ui.widgets.buttons import press_on_enter

TILE_BORDER_ROOM = 7  # the widest border the style sheet draws (a focused tile)


class KioskTile(QAbstractButton):
    def __init__(self, title: str, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Tile")
        self.setText(title)
        # Keyboard focus only, as for buttons (see widgets/buttons.py).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        if summary:
            self.setAccessibleDescription(summary)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 22)
        layout.setSpacing(8)
        self._labels = []
        for name, text in (("TileTitle", title), ("TileSummary", summary)):
            if not text:
                continue
            label = QLabel(text, self)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            # The tile takes the touch, not the label under the finger.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
            self._labels.append(label)

    def narrowest(self) -> int:
        """The least width at which no word of the title or summary is cut."""
        margins = layout_of(self).contentsMargins()
        border = 2 * TILE_BORDER_ROOM
        words = [
            QFontMetrics(label.font()).horizontalAdvance(word)
            for label in self._labels
            for word in label.text().split()
        ]
        return max(words, default=0) + margins.left() + margins.right() + border

    def set_title(self, title: str) -> None:
        self._labels[0].setText(title)

    def sizeHint(self) -> QSize:
        return layout_of(self).sizeHint().expandedTo(QSize(200, 96))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 96)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(96, layout_of(self).totalHeightForWidth(width))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not press_on_enter(self, event):
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Let the style sheet draw background, border and the focus ring.
        option = QStyleOption()
        option.initFrom(self)
        if self.isDown():
            option.state |= QStyle.StateFlag.State_Sunken
        if self.isChecked():
            option.state |= QStyle.StateFlag.State_On
        painter = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
