"""Columns side by side where the width allows each its minimum; otherwise one under the other."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QBoxLayout, QWidget

ACROSS = QBoxLayout.Direction.LeftToRight
DOWN = QBoxLayout.Direction.TopToBottom


class Columns(QBoxLayout):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 24,
        down_stretch: tuple[int, ...] = (),
    ) -> None:
        """``down_stretch``: how the height is shared out when stacked (as given to addWidget
        when side by side)."""
        super().__init__(ACROSS, parent)
        self.setSpacing(spacing)
        self._down_stretch = down_stretch
        self._across_stretch: list[int] = []

    def width_across(self) -> int:
        """The width the columns need side by side."""
        items = (self.itemAt(i) for i in range(self.count()))
        shown = [item for item in items if item is not None and not item.isEmpty()]
        m = self.contentsMargins()
        needed = sum(item.minimumSize().width() for item in shown)
        return needed + self.spacing() * max(0, len(shown) - 1) + m.left() + m.right()

    def turn_for(self, width: int) -> None:
        """Side by side or stacked, for ``width``: before measuring the height at that width."""
        # Decided by the width alone, so turning does not change the decision back.
        wanted = ACROSS if width >= self.width_across() else DOWN
        if self.direction() == wanted:
            return
        if not self._across_stretch:
            self._across_stretch = [self.stretch(i) for i in range(self.count())]
        self.setDirection(wanted)
        shares = self._down_stretch if wanted == DOWN else self._across_stretch
        for index, share in enumerate(shares):
            self.setStretch(index, share)

    def setGeometry(self, rect: QRect) -> None:
        self.turn_for(rect.width())
        super().setGeometry(rect)

    def minimumSize(self) -> QSize:
        """As narrow as the widest column: below the width across, the columns stack."""
        shown = [self.itemAt(i) for i in range(self.count())]
        widths = [item.minimumSize().width() for item in shown if item and not item.isEmpty()]
        m = self.contentsMargins()
        width = max(widths, default=0) + m.left() + m.right()
        return QSize(width, super().minimumSize().height())
