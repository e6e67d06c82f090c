"""Everything one patient has changed, in one object that an idle reset simply replaces."""

from __future__ import annotations

from dataclasses import dataclass, field

# Text-size steps as percentages of the base size (WCAG 1.4.4: up to 200% with reflow).
TEXT_STEPS: tuple[int, ...] = (100, 125, 150, 175, 200)
# Read-aloud speed and loudness a patient can choose, and the steps of the buttons.
RATE_STEP = 0.25  # -1 (slowest) to 1 (fastest); 0 is the voice's normal speed
VOLUME_STEP = 0.1
MIN_VOLUME = 0.2  # never so quiet that a patient thinks it is broken


@dataclass(frozen=True)
class Route:
    """A place a patient can be: a screen name, for answers the page id, and for a search
    result the words to show on arrival."""

    screen: str
    arg: str = ""
    find: str = ""

    @property
    def key(self) -> str:
        return f"{self.screen}:{self.arg}:{self.find}"


HOME = Route("home")


@dataclass
class Session:
    """One patient's state. Never cleared field by field: a reset builds a new Session."""

    history: list[Route] = field(default_factory=lambda: [HOME])
    staff: Route | None = None  # a staff screen open now: never part of the patient's history
    visit_started: float | None = None  # when the patient touched the attract screen
    last_touch: float | None = None  # their last touch, once the visit has ended
    text_step: int = 0
    high_contrast: bool = False
    scroll: dict[str, int] = field(default_factory=dict)  # Route.key -> scroll position
    popup: str = ""  # glossary anchor of the open definition, or ""
    search_text: str = ""
    leaflets_printed: int = 0
    speech_rate: float = 0.0  # -1 (slowest) to 1 (fastest); 0 is the voice's normal speed
    speech_volume: float = 0.8  # 0 to 1

    @property
    def current(self) -> Route:
        """Where the kiosk is: the staff screen that is open, else the patient's place."""
        return self.staff or self.history[-1]

    @property
    def patient_route(self) -> Route:
        return self.history[-1]

    @property
    def visit_seconds(self) -> float | None:
        """From the first touch to the last, once the visit has ended; else None."""
        if self.visit_started is None or self.last_touch is None:
            return None
        return max(0.0, self.last_touch - self.visit_started)

    def change_speech_rate(self, steps: int) -> None:
        self.speech_rate = max(-1.0, min(1.0, self.speech_rate + steps * RATE_STEP))

    def change_speech_volume(self, steps: int) -> None:
        self.speech_volume = max(MIN_VOLUME, min(1.0, self.speech_volume + steps * VOLUME_STEP))

    def may_print(self, limit: int) -> bool:
        """Whether this patient may print one more leaflet with "Print this for me"."""
        return self.leaflets_printed < limit

    @property
    def text_percent(self) -> int:
        return TEXT_STEPS[self.text_step]

    @property
    def text_scale(self) -> float:
        return self.text_percent / 100

    def can_grow_text(self) -> bool:
        return self.text_step < len(TEXT_STEPS) - 1

    def can_shrink_text(self) -> bool:
        return self.text_step > 0

    def grow_text(self) -> bool:
        if not self.can_grow_text():
            return False
        self.text_step += 1
        return True

    def shrink_text(self) -> bool:
        if not self.can_shrink_text():
            return False
        self.text_step -= 1
        return True

    def push(self, route: Route) -> bool:
        """Go to ``route``; going to where you already are adds nothing to the history."""
        if self.staff is not None:
            self.staff = None
            if route == self.patient_route:
                return True
        if route == self.current:
            return False
        if route == HOME:
            # Home is the root: going there starts the trail again, so Back never loops.
            self.history = [HOME]
        else:
            self.history.append(route)
        return True

    def pop(self) -> bool:
        if self.staff is not None:
            self.staff = None
            return True
        if len(self.history) <= 1:
            return False
        self.history.pop()
        return True
