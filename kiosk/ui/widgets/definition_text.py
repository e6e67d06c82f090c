"""The explanation in the glossary pop-up: a read-only text as tall as its words.

A text like the answer's (kiosk/ui/widgets/answer_view.py), not a rich-text QLabel: Qt reports each
change of a rich-text label's words to assistive technology through a text interface that its
accessible label does not have, and logs "Received text event for invalid interface" each time a
pop-up opened with a screen reader running. As a text it is also read line by line, and its links
are reached with Tab and followed with Enter, as in an answer.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.widgets.answer_view import AnswerView


class DefinitionText(AnswerView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PopupText")
        self.setAccessibleName("Explanation")  # the word explained, once there is one
        self.document().setDocumentMargin(0)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        """The words shown, as QLabel.text() gave them."""
        return self.toPlainText()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        frame = 2 * self.frameWidth()
        document = self.document().clone()
        document.setTextWidth(max(1, width - frame))
        return math.ceil(document.size().height()) + frame

    def sizeHint(self) -> QSize:
        width = super().sizeHint().width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self.fontMetrics().lineSpacing() + 2 * self.frameWidth())
