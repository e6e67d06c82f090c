"""Everything one patient has changed, in one object that an idle reset simply replaces."""

from __future__ import annotations

from dataclasses import dataclass, field

# Text-size steps as percentages of the base size (WCAG 1.4.4: up to 200% with reflow).
TEXT_STEPS: tuple[int, ...] = (100, 125, 150, 175, 200)


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
        return self.history[-1]

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
        if route == self.current:
            return False
        if route == HOME:
            # Home is the root: going there starts the trail again, so Back never loops.
            self.history = [HOME]
        else:
            self.history.append(route)
        return True

    def pop(self) -> bool:
        if len(self.history) <= 1:
            return False
        self.history.pop()
        return True
