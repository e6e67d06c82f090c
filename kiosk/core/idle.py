"""When a patient has walked away: idle time, the warning countdown, and the reset."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum


class Phase(Enum):
    ACTIVE = "active"  # someone is using the kiosk
    WARNING = "warning"  # "Are you still reading?" is counting down
    EXPIRED = "expired"  # nobody answered: start again for the next person


@dataclass
class IdleTimer:
    """Pure idle logic. The clock is given, so tests and soak runs can drive time themselves."""

    idle_seconds: float
    warning_seconds: float
    clock: Callable[[], float] = time.monotonic
    last_activity: float = field(default=math.nan)

    def __post_init__(self) -> None:
        if math.isnan(self.last_activity):
            self.last_activity = self.clock()

    def touch(self) -> None:
        """Someone touched the screen or pressed a key: the idle time starts again."""
        self.last_activity = self.clock()

    def idle_for(self) -> float:
        return max(0.0, self.clock() - self.last_activity)

    def phase(self) -> Phase:
        idle = self.idle_for()
        if idle < self.idle_seconds:
            return Phase.ACTIVE
        if idle < self.idle_seconds + self.warning_seconds:
            return Phase.WARNING
        return Phase.EXPIRED

    def seconds_left(self) -> int:
        """Whole seconds left on the countdown, as shown to the patient (never below 0)."""
        left = self.idle_seconds + self.warning_seconds - self.idle_for()
        return max(0, math.ceil(left))
