"""Watches for touches and keys and turns the idle logic's phases into signals."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent

from kiosk.core.idle import IdleTimer, Phase

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TabletPress,
}


class IdleWatcher(QObject):
    """Installed on the application. Emits the warning, its countdown, and the reset."""

    warningStarted = Signal()
    countdown = Signal(int)  # whole seconds left
    activityResumed = Signal()  # someone touched the screen during the warning
    expired = Signal()

    def __init__(self, timer: IdleTimer, parent: QObject | None = None, tick_ms: int = 250):
        super().__init__(parent)
        self.timer = timer
        self._phase = Phase.ACTIVE
        self._enabled = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self.check)

    @property
    def phase(self) -> Phase:
        return self._phase

    def start(self) -> None:
        """Begin watching a patient's session (after the attract screen is touched)."""
        self._enabled = True
        self._phase = Phase.ACTIVE
        self.timer.touch()
        self._ticker.start()

    def stop(self) -> None:
        """Nothing to time out (the attract screen is showing)."""
        self._enabled = False
        self._ticker.stop()
        self._phase = Phase.ACTIVE

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY or (
            kind == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and event.buttons() != Qt.MouseButton.NoButton
        ):
            self.activity()
        return False

    def activity(self) -> None:
        self.timer.touch()
        if self._enabled and self._phase is Phase.WARNING:
            self._phase = Phase.ACTIVE
            self.activityResumed.emit()

    def check(self) -> None:
        """Called by the ticker (and by tests and the soak with a driven clock)."""
        if not self._enabled:
            return
        phase = self.timer.phase()
        if phase is Phase.WARNING:
            if self._phase is not Phase.WARNING:
                self._phase = Phase.WARNING
                self.warningStarted.emit()
            self.countdown.emit(self.timer.seconds_left())
        elif phase is Phase.EXPIRED:
            self.stop()
            self.expired.emit()
        elif self._phase is Phase.WARNING:
            self._phase = Phase.ACTIVE
            self.activityResumed.emit()
