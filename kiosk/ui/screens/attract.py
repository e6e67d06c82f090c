"""The attract screen: calm, readable from across the room, and gone at the first touch."""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPoint,
    QPropertyAnimation,
    QSequentialAnimationGroup,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QVBoxLayout, QWidget

from kiosk.ui.widget_tree import layout_of, parent_of

# The text moves to a new place every so often so no static image burns into the screen.
# Each move is a 1 s fade out and a 1 s fade in: nothing moves for more than 5 seconds
# (WCAG 2.2.2), so there is nothing that needs a pause button.
DRIFT_INTERVAL_MS = 20_000
FADE_MS = 1_000
# Where the text block sits, as fractions of the free space: a slow tour of the screen.
POSITIONS = ((0.5, 0.45), (0.2, 0.25), (0.8, 0.7), (0.25, 0.75), (0.75, 0.3), (0.5, 0.55))


class AttractScreen(QWidget):
    woken = Signal()

    def __init__(self, parent: QWidget, title: str, clinic: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("Attract")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._position = 0
        self._pressed = False

        self.block = QWidget(self)
        self.heading = heading = QLabel(self.block)
        heading.setObjectName("AttractTitle")
        heading.setWordWrap(True)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lines = ["Plain-English answers. Larger text and high contrast on every page."]
        if clinic:
            lines.insert(0, clinic)
        text = QLabel("\n".join(lines), self.block)
        # A screen reader says the screen's name and description as it opens (it takes the
        # focus): the words shown, and a key wakes it as a touch does.
        self.setAccessibleDescription(" ".join(lines) + " Or press any key.")
        text.setObjectName("AttractText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self.block)
        layout.setSpacing(28)
        layout.addWidget(heading)
        layout.addWidget(text)
        for label in (heading, text):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

        self._opacity = QGraphicsOpacityEffect(self.block)
        self._opacity.setOpacity(1.0)
        self.block.setGraphicsEffect(self._opacity)
        fade_out = QPropertyAnimation(self._opacity, b"opacity", self)
        fade_out.setDuration(FADE_MS)
        fade_out.setEndValue(0.0)
        fade_out.setEasingCurve(QEasingCurve.Type.InOutQuad)
        fade_out.finished.connect(self._move_on)
        fade_in = QPropertyAnimation(self._opacity, b"opacity", self)
        fade_in.setDuration(FADE_MS)
        fade_in.setEndValue(1.0)
        fade_in.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._fade = QSequentialAnimationGroup(self)
        self._fade.addAnimation(fade_out)
        self._fade.addAnimation(fade_in)
        self._drift = QTimer(self)
        self._drift.setInterval(DRIFT_INTERVAL_MS)
        self._drift.timeout.connect(self._fade.start)
        parent.installEventFilter(self)
        # The text's size depends on its font, which the style sheet gives it only as the
        # screen is shown (and again when the sheet changes): a block sized before that kept
        # the default font's height and showed the top half of the first line of 64 px text.
        # So the block is placed again whenever its layout asks to be, and on show and resize.
        self.block.installEventFilter(self)
        self.set_title(title)
        self.hide()

    def set_title(self, title: str) -> None:
        """``title`` is the content pack's, e.g. "Prolotherapy for pelvic girdle pain"."""
        self.heading.setText(f"Touch the screen to read about {title[:1].lower()}{title[1:]}")
        self.setAccessibleName(self.heading.text())

    def open(self) -> None:
        self.setGeometry(parent_of(self).rect())
        self._position = 0
        self._opacity.setOpacity(1.0)
        self._place()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._drift.start()

    def close_screen(self) -> None:
        self._drift.stop()
        self._fade.stop()
        self._opacity.setOpacity(1.0)
        self.hide()

    def _move_on(self) -> None:
        self._position = (self._position + 1) % len(POSITIONS)
        self._place()

    def _place(self) -> None:
        self.ensurePolished()  # the fonts the text will be drawn with, not the default one
        width = max(1, min(self.width() - 80, 1000))
        height = layout_of(self.block).totalHeightForWidth(width)
        if self.block.size() != QSize(width, height):
            self.block.setFixedSize(width, height)
        fx, fy = POSITIONS[self._position]
        free_x, free_y = max(0, self.width() - width), max(0, self.height() - height)
        self.block.move(QPoint(round(free_x * fx), round(free_y * fy)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.parentWidget() and kind == QEvent.Type.Resize:
            self.setGeometry(parent_of(self).rect())
        elif watched is self.block and kind == QEvent.Type.LayoutRequest:
            self._place()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place()

    # The touch that wakes the kiosk is used up here: it must not also press whatever
    # sits under the finger on Home.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = True
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if self._pressed:
            self._pressed = False
            self.woken.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()
        if not event.isAutoRepeat():
            self.woken.emit()
