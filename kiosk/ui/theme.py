"""Applies the colour tokens and the patient's text size to the whole application."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from kiosk import paths
from kiosk.core.theme import Theme, fill_template, load_themes

BASE_BODY_PX = 24  # body text at 100% (accessibility.md: at least 24 logical px)
CONTROL_SCALE_CAP = 1.5  # buttons grow with the text, but stop at 150% so they stay on screen
# Titles too stop at 150%, where they are still larger than body text at 200%: a long question
# at 72 px took three lines and left a 768 px tall screen no room for its answer.
HEADING_SCALE_CAP = 1.5


@cache
def themes() -> dict[str, Theme]:
    return load_themes(paths.resource("theme/tokens.toml"))


@cache
def _template(name: str) -> str:
    return paths.resource(f"theme/{name}").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Appearance:
    """What the patient chose: contrast and text size. Everything else follows from it."""

    high_contrast: bool = False
    scale: float = 1.0
    font_family: str = "Atkinson Hyperlegible"

    @property
    def theme(self) -> Theme:
        return themes()["high_contrast" if self.high_contrast else "standard"]

    def sizes(self) -> dict[str, int]:
        s, c = self.scale, min(self.scale, CONTROL_SCALE_CAP)
        heading = min(self.scale, HEADING_SCALE_CAP)
        body = round(BASE_BODY_PX * s)
        return {
            "body_px": body,
            "title_px": round(36 * heading),
            "h2_px": round(body * 1.2),
            "h3_px": round(body * 1.08),
            "tile_title_px": round(28 * s),
            "tile_summary_px": round(22 * s),
            "control_px": round(24 * c),
            "header_px": round(26 * c),
            "button_height": round(max(72, 56 * c)),
            "header_button_height": round(max(60, 48 * c)),
            "paragraph_gap": round(body * 0.6),
            "heading_gap": round(body * 0.9),
            "countdown_px": round(96 * c),
            "key_height": round(max(60, 44 * c)),
            "huge_button_height": round(max(120, 96 * c)),
            "attract_title_px": 64,  # read from across the room; the patient has not chosen yet
            "attract_text_px": 40,
        }

    def values(self) -> dict[str, object]:
        return {**self.theme.colours, **self.sizes(), "font_family": self.font_family}

    def stylesheet(self) -> str:
        return fill_template(_template("kiosk.qss"), self.values())

    def content_css(self) -> str:
        return fill_template(_template("content.css"), self.values())

    def palette(self) -> QPalette:
        t = self.theme
        palette = QPalette()
        roles = {
            QPalette.ColorRole.Window: t["window_bg"],
            QPalette.ColorRole.WindowText: t["text"],
            QPalette.ColorRole.Base: t["window_bg"],
            QPalette.ColorRole.Text: t["text"],
            QPalette.ColorRole.Button: t["button_bg"],
            QPalette.ColorRole.ButtonText: t["button_text"],
            QPalette.ColorRole.Link: t["link"],
            QPalette.ColorRole.Highlight: t["focus_bg"],
            QPalette.ColorRole.HighlightedText: t["focus_text"],
        }
        for role, colour in roles.items():
            palette.setColor(role, QColor(colour))
        return palette


def set_palette(app: QApplication, appearance: Appearance) -> None:
    """The application's colours; nothing is sent to the widgets if they are unchanged."""
    palette = appearance.palette()
    if app.palette() != palette:
        app.setPalette(palette)
