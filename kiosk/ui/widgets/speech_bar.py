"""The read-aloud controls shown while an answer is being read: pause, stop, speed, volume."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.ui.widgets.answer_view import TEXT_MARGIN
from kiosk.ui.widgets.buttons import touch_button


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
        self.slower = touch_button("Slower", "SpeechSlower", "Read more slowly", self)
        self.faster = touch_button("Faster", "SpeechFaster", "Read faster", self)
        self.quieter = touch_button("Quieter", "SpeechQuieter", "Read more quietly", self)
        self.louder = touch_button("Louder", "SpeechLouder", "Read more loudly", self)
        self.pause.clicked.connect(self.pauseToggled)
        self.stop.clicked.connect(self.stopRequested)
        self.slower.clicked.connect(lambda: self.rateChanged.emit(-1))
        self.faster.clicked.connect(lambda: self.rateChanged.emit(1))
        self.quieter.clicked.connect(lambda: self.volumeChanged.emit(-1))
        self.louder.clicked.connect(lambda: self.volumeChanged.emit(1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(TEXT_MARGIN, 4, TEXT_MARGIN, 8)
        layout.setSpacing(12)
        for button in (self.pause, self.stop):
            layout.addWidget(button)
        layout.addStretch(1)
        for button in (self.slower, self.faster, self.quieter, self.louder):
            layout.addWidget(button)

    def show_paused(self, paused: bool) -> None:
        self.pause.setText("▶ Resume" if paused else "❚❚ Pause")
        self.pause.setAccessibleName("Carry on reading aloud" if paused else "Pause reading aloud")
