"""The read-aloud controls shown while an answer is being read: pause, stop, speed, volume."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSpacerItem, QWidget

from kiosk.ui.widgets.answer_view import TEXT_MARGIN
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.wrap_layout import WrapLayout


class SpeechBar(QWidget):
    pauseToggled = Signal()
    stopRequested = Signal()
    rateChanged = Signal(int)  # -1 slower, +1 faster
    volumeChanged = Signal(int)  # -1 quieter, +1 louder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SpeechBar")
        self.setAccessibleName("Reading aloud")
        self.pause = touch_button("❚❚ Pause", "SpeechPause", "Pause reading aloud", self)
        self.stop = touch_button("■ Stop", "SpeechStop", "Stop reading aloud", self)
        self.slower = touch_button("Slower", "SpeechSlower", "Slower: read more slowly", self)
        self.faster = touch_button("Faster", "SpeechFaster", "Read faster", self)
        self.quieter = touch_button("Quieter", "SpeechQuieter", "Quieter: read more quietly", self)
        self.louder = touch_button("Louder", "SpeechLouder", "Louder: read more loudly", self)
        self.pause.clicked.connect(self.pauseToggled)
        self.stop.clicked.connect(self.stopRequested)
        self.slower.clicked.connect(lambda: self.rateChanged.emit(-1))
        self.faster.clicked.connect(lambda: self.rateChanged.emit(1))
        self.quieter.clicked.connect(lambda: self.volumeChanged.emit(-1))
        self.louder.clicked.connect(lambda: self.volumeChanged.emit(1))
        # Pause and Stop on the left, speed and volume on the right; on a narrow screen or
        # at large text the pairs wrap onto a second row rather than squeeze their words.
        layout = WrapLayout(self, spacing=8, row_spacing=8)
        layout.setContentsMargins(TEXT_MARGIN, 4, TEXT_MARGIN, 8)
        for pair in (
            (self.pause, self.stop),
            (self.slower, self.faster),
            (self.quieter, self.louder),
        ):
            row = QHBoxLayout()
            row.setSpacing(8)
            for button in pair:
                row.addWidget(button)
            layout.add(row)
            if pair[0] is self.pause:
                layout.add(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding))

    def show_paused(self, paused: bool) -> None:
        self.pause.setText("▶ Resume" if paused else "❚❚ Pause")
        self.pause.setAccessibleName("Resume reading aloud" if paused else "Pause reading aloud")
