"""Bar charts drawn with QPainter: labelled horizontal bars, and a row of columns over days.

Colours come from the palette, which the theme fills from its tokens: bars in the button
colour, text in the window text colour, so both themes (and high contrast) just work.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

ChartData = tuple[tuple[str, int], ...]  # (label, value), in the order drawn

BAR_HEIGHT = 28
ROW_GAP = 8
GAP = 16


class _Chart(QWidget):
    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._data: ChartData = ()
        self._empty_text = empty_text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def data(self) -> ChartData:
        """What is drawn, for tests and for screen readers."""
        return self._data

    def set_data(self, data: ChartData) -> None:
        self._data = tuple((str(label), int(value)) for label, value in data)
        self.setAccessibleDescription(
            "; ".join(f"{label}: {value}" for label, value in self._data) or self._empty_text
        )
        self.updateGeometry()
        self.update()

    def _colours(self) -> tuple[QColor, QColor]:
        """Bar and text colours: the theme's button and text tokens, through the palette."""
        palette = self.palette()
        return palette.color(QPalette.ColorRole.Button), palette.color(
            QPalette.ColorRole.WindowText
        )

    def _draw_empty(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft, self._empty_text)


class HorizontalBarChart(_Chart):
    """One row per item: its label, a bar as long as its share of the largest, and the value."""

    def _row_height(self) -> int:
        return max(QFontMetrics(self.font()).height(), BAR_HEIGHT) + ROW_GAP

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._data))
        return QSize(640, rows * self._row_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not any(value for _label, value in self._data):
            self._draw_empty(painter)
            return
        bar_colour, text_colour = self._colours()
        fm = QFontMetrics(self.font())
        most = max(value for _label, value in self._data)
        label_w = min(
            max(fm.horizontalAdvance(label) for label, _v in self._data), self.width() * 3 // 5
        )
        count_w = fm.horizontalAdvance(str(most)) + GAP
        room = max(1, self.width() - label_w - GAP - count_w)
        row_h = self._row_height()
        for i, (label, value) in enumerate(self._data):
            top = i * row_h
            text_rect = QRectF(0, top, label_w, row_h - ROW_GAP)
            painter.setPen(text_colour)
            # A title too long for the column is shortened on screen; the accessible
            # description and the CSV keep it whole.
            shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, shown)
            length = room * value / most if value else 0
            bar = QRectF(
                label_w + GAP, top + (row_h - ROW_GAP - BAR_HEIGHT) / 2, length, BAR_HEIGHT
            )
            if value:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(bar_colour)
                painter.drawRoundedRect(bar.adjusted(0, 0, max(0, 4 - length), 0), 4, 4)
            painter.setPen(text_colour)
            count_rect = QRectF(bar.right() + 10, top, count_w, row_h - ROW_GAP)
            painter.drawText(count_rect, Qt.AlignmentFlag.AlignVCenter, str(value))


class ColumnChart(_Chart):
    """One column per item (a day), its value above it; labels below where there is room."""

    HEIGHT = 180

    def sizeHint(self) -> QSize:
        return QSize(640, self.HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._data:
            self._draw_empty(painter)
            return
        bar_colour, text_colour = self._colours()
        fm = QFontMetrics(self.font())
        line = fm.height()
        plot_top, plot_bottom = line + 4, self.height() - line - 8
        slot = self.width() / len(self._data)
        values = [value for _label, value in self._data]
        most = max(values) or 1
        widest = max(fm.horizontalAdvance(label) for label, _v in self._data) + 8
        every = max(1, math.ceil(widest / slot))  # label every n-th column so none overlap
        # Every value over its column when they all fit; else only the tallest, as a scale
        # (the accessible description and the CSV have every day's number).
        fits = all(fm.horizontalAdvance(str(v)) <= slot for _label, v in self._data)
        tallest = values.index(max(values))
        painter.setPen(text_colour)
        painter.drawLine(0, round(plot_bottom), self.width(), round(plot_bottom))
        for i, (label, value) in enumerate(self._data):
            left = i * slot
            height = (plot_bottom - plot_top) * value / most
            bar = QRectF(left + slot * 0.15, plot_bottom - height, slot * 0.7, height)
            if value:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(bar_colour)
                painter.drawRect(bar)
                painter.setPen(text_colour)
                if fits or i == tallest:
                    wide = fm.horizontalAdvance(str(value))
                    x = min(max(0.0, left + slot / 2 - wide / 2), self.width() - wide)
                    above = QRectF(x, bar.top() - line - 2, wide, line)
                    painter.drawText(above, Qt.AlignmentFlag.AlignCenter, str(value))
            if i % every == 0:
                painter.setPen(text_colour)
                wide = fm.horizontalAdvance(label)
                # Centred under its column, but kept inside the widget at either end.
                x = min(max(0.0, left + slot / 2 - wide / 2), self.width() - wide)
                below = QRectF(x, plot_bottom + 4, wide, line)
                painter.drawText(below, Qt.AlignmentFlag.AlignCenter, label)
