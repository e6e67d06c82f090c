"""Theme tokens (named colours) and the WCAG contrast arithmetic that keeps them readable."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

THEMES = ("standard", "high_contrast")

# Every pair of (text token, background token) that appears on screen, and the contrast it
# needs: 7:1 for body text (WCAG 1.4.6 AAA), 3:1 for focus rings and control borders (1.4.11).
TEXT_PAIRS: tuple[tuple[str, str, float], ...] = (
    ("text", "window_bg", 7.0),
    ("muted_text", "window_bg", 7.0),
    ("header_text", "header_bg", 7.0),
    ("tile_text", "tile_bg", 7.0),
    ("tile_text", "tile_pressed_bg", 7.0),
    ("button_text", "button_bg", 7.0),
    ("button_text", "button_pressed_bg", 7.0),
    ("button_disabled_text", "button_disabled_bg", 4.5),
    ("link", "window_bg", 7.0),
    ("link", "term_bg", 7.0),
    ("text", "term_bg", 7.0),
    ("popup_text", "popup_bg", 7.0),
    ("link", "popup_bg", 7.0),
    ("footer_text", "footer_bg", 7.0),
    ("footer_text", "window_bg", 7.0),
)
BORDER_PAIRS: tuple[tuple[str, str, float], ...] = (
    # A focused control gets a dark ring on light backgrounds and a yellow (cyan) fill that
    # stands out from dark backgrounds and from the unfocused button colour.
    ("focus_text", "focus_bg", 7.0),
    ("focus_ring", "window_bg", 3.0),
    ("focus_ring", "tile_bg", 3.0),
    ("focus_ring", "popup_bg", 3.0),
    ("focus_ring", "footer_bg", 3.0),
    ("focus_bg", "header_bg", 3.0),
    ("tile_border", "window_bg", 3.0),
    ("tile_border", "tile_bg", 3.0),
)


@dataclass(frozen=True)
class Theme:
    name: str
    colours: dict[str, str]

    def __getitem__(self, token: str) -> str:
        return self.colours[token]


def load_themes(path: Path) -> dict[str, Theme]:
    """Read ``tokens.toml``; every theme must define the same tokens."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    themes = {name: Theme(name, dict(data[name])) for name in THEMES}
    reference = set(themes[THEMES[0]].colours)
    for theme in themes.values():
        if set(theme.colours) != reference:
            missing = sorted(reference ^ set(theme.colours))
            raise ValueError(f"{path}: theme {theme.name!r} differs in tokens: {missing}")
    return themes


def _channel(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def parse_hex(colour: str) -> tuple[int, int, int]:
    """``#RRGGBB`` or ``#AARRGGBB`` (alpha ignored) to an RGB triple."""
    digits = colour.lstrip("#")
    if len(digits) == 8:
        digits = digits[2:]
    if len(digits) != 6:
        raise ValueError(f"not a colour: {colour!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def relative_luminance(colour: str) -> float:
    r, g, b = (_channel(v) for v in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def fill_template(template: str, values: dict[str, object]) -> str:
    """Replace ``{{name}}`` placeholders; an unknown placeholder is an error, not silent."""
    out: list[str] = []
    rest = template
    while (start := rest.find("{{")) != -1:
        end = rest.find("}}", start)
        if end == -1:
            raise ValueError("unclosed {{ in template")
        name = rest[start + 2 : end].strip()
        if name not in values:
            raise KeyError(f"template placeholder {{{{{name}}}}} has no value")
        out.append(rest[:start])
        out.append(str(values[name]))
        rest = rest[end + 2 :]
    out.append(rest)
    return "".join(out)
