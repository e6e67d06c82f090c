"""The staff PIN pad: a keypad drawn over the kiosk window, checked by the core PinGuard."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.pin import MAX_FAILURES, PinGuard
from kiosk.ui.widget_tree import layout_of
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.columns import Columns
from kiosk.ui.widgets.overlay import Overlay

MAX_DIGITS = 12
# Keys at twice the WCAG AAA target: staff may be in a hurry or wearing gloves. The style
# sheet's min-width/min-height (kiosk.qss, PinKey) enforces it; the tests check it.
KEY_PX = 88
DOT = "\u25cf"
CARD_MARGIN = 32  # the keypad fits beside the words on a 1024 px screen at 200%
HINT = "Type the staff PIN, then press Enter."
NO_PIN = "Staff access is off: no PIN is set in the settings."
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class PinPad(Overlay):
    """Covers its parent with a dimmed backdrop and a card with dots, keypad and Cancel."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget, guard: PinGuard) -> None:
        super().__init__(parent, "PinCard")
        self.setAccessibleName("Staff access")
        # The pad itself holds focus so a keyboard's digits reach it without a focus ring.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.guard = guard
        self._digits = ""

        self.card.setAccessibleName("Staff access")
        self.title = self._label("Staff access", "PinTitle")
        self.dots = self._label("", "PinDots")
        self.message = self._label("", "PinMessage")
        self.message.setWordWrap(True)

        self.digit_keys: dict[str, QPushButton] = {}
        for digit in "0123456789":
            key = touch_button(digit, "PinKey", f"Digit {digit}", self.card)
            key.clicked.connect(lambda _=False, d=digit: self._add_digit(d))
            self.digit_keys[digit] = key
        self.clear_key = touch_button("Clear", "PinAction", "Clear all digits", self.card)
        self.clear_key.clicked.connect(self._clear_digits)
        self.enter_key = touch_button("Enter", "PinAction", "Enter the PIN", self.card)
        self.enter_key.clicked.connect(self._submit)
        self.cancel_button = touch_button(
            "Cancel", "PinCancel", "Cancel and go back to the patient screens", self.card
        )
        self.cancel_button.clicked.connect(self.cancel)
        # In reading order, which is also the Tab order.
        self.keys = [*(self.digit_keys[d] for d in "123456789"), self.clear_key]
        self.keys += [self.digit_keys["0"], self.enter_key]
        for key in self.keys:
            # Never narrower than its word ("Enter"), however the card is shared out.
            grow = QSizePolicy.Policy.MinimumExpanding
            key.setSizePolicy(grow, grow)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

        self._build_layout()

    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self.card)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _build_layout(self) -> None:
        # Side by side, so the pad fits a 1280x800 screen even at the largest text size.
        grid = self._grid = QGridLayout()
        grid.setSpacing(12)
        for i, key in enumerate(self.keys):
            grid.addWidget(key, i // 3, i % 3)

        left = self._left = QVBoxLayout()
        left.setSpacing(20)
        left.addWidget(self.title)
        left.addWidget(self.dots)
        left.addWidget(self.message)
        left.addStretch(1)
        left.addWidget(self.cancel_button)

        # The keypad beside the title and message; on a narrow screen, under them.
        layout = self._columns = Columns(self.card, spacing=24)
        layout.setContentsMargins(CARD_MARGIN, 32, CARD_MARGIN, 32)
        layout.addLayout(left, 1)
        layout.addLayout(grid, 1)
        self.title.setMinimumWidth(360)

    # --- what the window calls

    def open(self) -> None:
        """Show the pad with no digits typed (and the lock, if one is still running)."""
        self._clear_digits()
        self._say(HINT if self.guard.stored_hash else NO_PIN)
        self.tick()
        self.show()
        self.fit()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel(self) -> None:
        """Close the pad; ``cancelled`` only if it was open (an idle reset may call this)."""
        if self.isVisible():
            self.hide()
            self.cancelled.emit()

    def tick(self) -> None:
        """Update the lock countdown; the 1 s timer calls this while the pad is locked."""
        seconds = math.ceil(self.guard.seconds_locked())
        locked = seconds > 0
        for key in self.keys:
            key.setEnabled(not locked and bool(self.guard.stored_hash))
        if locked:
            self._say(f"Too many wrong PINs. Locked for {_plural(seconds, 'second', 'seconds')}.")
            if not self._timer.isActive():
                self._timer.start()
        elif self._timer.isActive():
            self._timer.stop()
            self._say("You can try again now.")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        if self.isVisible():
            self.fit()  # a long message at a large text size needs a taller card

    def is_locked(self) -> bool:
        return self.guard.seconds_locked() > 0

    # --- digits

    def _add_digit(self, digit: str) -> None:
        if len(self._digits) < MAX_DIGITS and self.enter_key.isEnabled():
            self._digits += digit
            self._show_digits()

    def _backspace(self) -> None:
        self._digits = self._digits[:-1]
        self._show_digits()

    def _clear_digits(self) -> None:
        self._digits = ""
        self._show_digits()

    def _show_digits(self) -> None:
        count = len(self._digits)
        self.dots.setText(self._dots_text(count))
        self.dots.setAccessibleName(
            f"{_plural(count, 'digit', 'digits')} entered" if count else "No digits entered"
        )

    @staticmethod
    def _dots_text(count: int) -> str:
        return "\u2009".join(DOT * count)

    def _submit(self) -> None:
        if not self._digits or not self.enter_key.isEnabled():
            return
        # The PIN lives only for this one check: cleared before anything else can look.
        pin, self._digits = self._digits, ""
        ok = self.guard.try_pin(pin)
        self._show_digits()
        if ok:
            self.hide()
            self.accepted.emit()
            return
        if self.is_locked():
            self.tick()
        else:
            left = MAX_FAILURES - self.guard.failures
            self._say(f"Wrong PIN. {_plural(left, 'try', 'tries')} left.")

    # --- placement, keys and focus

    def card_size(self, parent: QWidget) -> tuple[int, int]:
        # Room for all the dots from the start, so the card neither jumps nor cuts them off.
        metrics = self.dots.fontMetrics()
        self.dots.setMinimumHeight(metrics.height())
        self.dots.setMinimumWidth(metrics.horizontalAdvance(self._dots_text(MAX_DIGITS)) + 8)
        layout = layout_of(self.card)
        # Nested layouts cache their hints: the new minimum width must count below.
        for box in (self._left, self._grid, layout):
            box.invalidate()
        hint = self.card.sizeHint()
        # Wide enough for the keypad beside the words where the window allows it: stacked,
        # the pad is too tall for a 768 px screen at large text.
        frame = self.card.width() - self.card.contentsRect().width()  # the card's border
        wide = max(hint.width(), 860, self._columns.width_across() + frame)
        width = min(parent.width() - 2 * CARD_MARGIN, wide)
        self._columns.turn_for(width - frame)
        hint = self.card.sizeHint()
        wanted = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else hint.height()
        return width, min(max(wanted, hint.height()), parent.height() - 40)

    def hideEvent(self, event: QHideEvent) -> None:
        # However the pad goes away (Cancel, accepted, an idle reset), no digits stay behind.
        if not hasattr(self, "_timer"):  # hidden by Overlay before the keys were built
            super().hideEvent(event)
            return
        self._clear_digits()
        self._timer.stop()
        super().hideEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A touch on the backdrop does nothing: only Cancel leaves, so a stray tap is harmless.
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _DIGIT_KEYS:
            self._add_digit(_DIGIT_KEYS[key])
        elif key == Qt.Key.Key_Backspace:
            self._backspace()
        elif key == Qt.Key.Key_Delete:
            self._clear_digits()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab stays inside the pad: the screens behind it are covered and not for now.
        chain = [w for w in (*self.keys, self.cancel_button) if w.isEnabled()]
        current = QApplication.focusWidget()
        if current in chain:
            index = chain.index(current) + (1 if next else -1)
        else:
            index = 0 if next else -1
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        chain[index % len(chain)].setFocus(reason)
        return True
