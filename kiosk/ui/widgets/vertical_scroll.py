"""A scrolling area that only ever scrolls up and down, and says how wide its contents must be.

A plain QScrollArea asks its layout for almost no width, so a layout can give it less than its
contents need and the contents then scroll sideways (or are cut, with the sideways bar off).
This one asks for its contents' minimum width, so a layout that cannot give it that knows it
has to move things (see Columns), and the window knows how narrow it can be.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QStyle, QWidget

from kiosk.ui.widgets.kinetic import enable_kinetic_scrolling

MIN_HEIGHT = 72  # the scroll bar's 60 px handle and its margins


class VerticalScrollArea(QScrollArea):
    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(content)
        enable_kinetic_scrolling(self)

    def _content_width(self) -> int:
        content = self.widget()
        if content is None:
            return 0
        bar = self.verticalScrollBar()
        bar_width = bar.sizeHint().width() or self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent
        )
        frame = 2 * self.frameWidth()
        return content.minimumSizeHint().width() + bar_width + frame

    def minimumSizeHint(self) -> QSize:
        # A few lines high at least, less than Qt asks for (its scroll bar's whole length):
        # on a short screen the rest of the page needs the height more.
        height = min(super().minimumSizeHint().height(), MIN_HEIGHT)
        return QSize(self._content_width(), height)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._content_width()), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The contents' layout changed (text size, new choices): so may the width asked for.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)
