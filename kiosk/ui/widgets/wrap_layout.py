"""A row of controls that wraps onto more rows when the screen is too narrow for one.

Items are laid out left to right at their preferred width and start a new row where the next one
would not fit, so on a narrow screen or at a large text size every control keeps its whole text
instead of being squeezed until its words are cut. An item whose horizontal size policy expands
(a title, a spacer) shares out the width left over in its row; it stays in a row only while it gets
at least its minimum width. A nested layout is one item: what it holds always stays together.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

_EXPANDING = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
ONE_LINE = 100_000  # px: wide enough for any title on one line


class WrapLayout(QLayout):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 12,
        row_spacing: int = 12,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        """``align``: where a row with nothing expanding in it sits (left or right), and
        whether items sit at the top of their row (AlignTop) or in its middle."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._lines: dict[QWidget, int] = {}
        self._row_spacing = row_spacing
        self._align = align
        self.setSpacing(spacing)

    # -- what QLayout asks of every layout -----------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, thing: QWidget | QLayout | QSpacerItem) -> None:
        """Add a widget, a spacer, or a layout whose contents stay together in one row."""
        if isinstance(thing, QLayout):
            self.addChildLayout(thing)
            self.addItem(thing)
        elif isinstance(thing, QSpacerItem):
            self.addItem(thing)
        else:
            self.addWidget(thing)  # Qt makes (and owns) the widget's item, then calls addItem
        self.invalidate()

    def add_text(self, label: QLabel, lines: int) -> None:
        """Add a word-wrapped ``label`` that takes the room left in its row.

        It shares a row while its text needs at most about ``lines`` lines there; past that it
        takes a row of its own. However narrow the row, it is never narrower than its longest
        word, so no word is cut.
        """
        label.setSizePolicy(QSizePolicy.Policy.Expanding, label.sizePolicy().verticalPolicy())
        self._lines[label] = lines
        self.add(label)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def invalidate(self) -> None:
        super().invalidate()
        # The height this layout needs at a width may have changed with it; the layout that
        # holds its widget keeps that height in a cache that only updateGeometry() clears.
        widget = self.parentWidget()
        if widget is not None and self.parent() is widget:
            widget.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """Everything in one row."""
        shown = self._shown()
        width = sum(self._preferred(i) for i in shown) + self.spacing() * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        """The widest single item: every item can go on a row of its own."""
        shown = self._shown()
        width = max((self._smallest(i) for i in shown), default=0)
        return self._with_margins(QSize(width, 0)).expandedTo(QSize(0, 0))

    # -- the arrangement ---------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        # Hidden widgets take no room; spacers count as "empty" to Qt but push things apart.
        return [i for i in self._items if not i.isEmpty() or i.spacerItem() is not None]

    def _with_margins(self, size: QSize) -> QSize:
        m: QMargins = self.contentsMargins()
        return QSize(size.width() + m.left() + m.right(), size.height() + m.top() + m.bottom())

    @staticmethod
    def _expands(item: QLayoutItem) -> bool:
        widget = item.widget()
        if widget is not None:
            return widget.sizePolicy().horizontalPolicy() in _EXPANDING
        spacer = item.spacerItem()
        return spacer is not None and spacer.sizePolicy().horizontalPolicy() in _EXPANDING

    def _word_width(self, label: QLabel) -> int:
        """A text's longest word, with the label's margins: the narrowest it can be."""
        metrics = QFontMetrics(label.font())
        margins = label.contentsMargins()
        extra = 2 * label.margin() + margins.left() + margins.right() + 4  # rounding
        return max((metrics.horizontalAdvance(w) for w in label.text().split()), default=0) + extra

    def _too_tall(self, label: QLabel, width: int) -> bool:
        """Whether ``label`` at ``width`` needs more lines than it may have beside others."""
        one_line = label.heightForWidth(ONE_LINE)  # as the label measures a line
        return label.heightForWidth(width) > one_line * self._lines[label]

    def _smallest(self, item: QLayoutItem) -> int:
        """The width an item must have on a row of its own."""
        widget = item.widget()
        if isinstance(widget, QLabel) and widget in self._lines:
            return self._word_width(widget)
        if self._expands(item) or isinstance(item.layout(), WrapLayout):
            return item.minimumSize().width()  # a row that wraps is as narrow as its widest
        return self._preferred(item)

    def _needed(self, item: QLayoutItem) -> int:
        """The width an item must have to share a row."""
        if isinstance(item.layout(), WrapLayout):
            return self._preferred(item)  # beside others only unwrapped; alone it may wrap
        return self._smallest(item)

    def _preferred(self, item: QLayoutItem) -> int:
        return max(item.sizeHint().width(), item.minimumSize().width())

    def _fits(self, row: list[QLayoutItem], room: int) -> bool:
        """Whether ``row`` fits ``room``, and its texts keep to their number of lines."""
        needed = sum(self._needed(i) for i in row) + self.spacing() * (len(row) - 1)
        if needed > room:
            return False
        widths = self._widths(row, room)
        labels = [item.widget() for item in row]
        return not any(
            self._too_tall(label, width)
            for label, width in zip(labels, widths, strict=True)
            if isinstance(label, QLabel) and label in self._lines
        )

    def rows(self, width: int) -> list[list[QLayoutItem]]:
        """The items in each row when the layout is ``width`` wide (margins included)."""
        m = self.contentsMargins()
        room = max(0, width - m.left() - m.right())
        rows: list[list[QLayoutItem]] = []
        for item in self._shown():
            if rows and self._fits([*rows[-1], item], room):
                rows[-1].append(item)
            else:
                rows.append([item])
        return rows

    def _widths(self, row: list[QLayoutItem], room: int) -> list[int]:
        """Fixed items at their preferred width; expanding ones share what is left, as equally
        as their minimum widths allow (the narrow ones grow to the width of the others)."""
        growing = [item for item in row if self._expands(item)]
        fixed = sum(min(self._preferred(i), room) for i in row if i not in growing)
        spare = max(0, room - self.spacing() * (len(row) - 1) - fixed)
        smallest = {id(i): min(self._smallest(i), room) for i in growing}
        # The one width each expanding item gets unless its minimum is wider.
        share = spare // len(growing) if growing else 0
        wide = [i for i in growing if smallest[id(i)] > share]
        while wide and len(wide) < len(growing):
            rest = spare - sum(smallest[id(i)] for i in wide)
            share = max(0, rest // (len(growing) - len(wide)))
            wider = [i for i in growing if smallest[id(i)] > share]
            if len(wider) == len(wide):
                break
            wide = wider
        return [
            max(share, smallest[id(item)]) if item in growing else min(self._preferred(item), room)
            for item in row
        ]

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        if item.hasHeightForWidth():
            return max(item.heightForWidth(width), item.minimumSize().height())
        return item.sizeHint().height()

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        inner = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = inner.top()
        rows = self.rows(rect.width())
        for number, row in enumerate(rows):
            placed = [
                (item, width, self._height(item, width))
                for item, width in zip(row, self._widths(row, inner.width()), strict=True)
            ]
            line = max(h for _i, _w, h in placed)
            if apply:
                used = sum(w for _i, w, _h in placed) + self.spacing() * (len(row) - 1)
                right = self._align & Qt.AlignmentFlag.AlignRight
                x = inner.left()
                if right and not any(self._expands(i) for i in row):
                    x = inner.right() + 1 - used
                top = self._align & Qt.AlignmentFlag.AlignTop
                for item, w, h in placed:
                    # Each item at the top of its row, or centred in its height.
                    down = 0 if top else (line - h) // 2
                    item.setGeometry(QRect(QPoint(x, y + down), QSize(w, h)))
                    x += w + self.spacing()
            y += line + (self._row_spacing if number < len(rows) - 1 else 0)
        return y - inner.top() + m.top() + m.bottom()
