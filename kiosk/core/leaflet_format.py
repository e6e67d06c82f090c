"""Leaflet print formats (UKAAF/RNIB clear print) and the style sheet each one uses."""

from __future__ import annotations

from dataclasses import dataclass

# Atkinson Hyperlegible is bundled (resources/fonts) and registered by the Qt side; the generic
# family keeps the text sans serif if that ever fails.
FONT_FAMILY = '"Atkinson Hyperlegible", sans-serif'


# Qt sizes a heading from the document's default font by a fixed step: the step of its tag
# (h1 2.0, h2 1.5, h3 1.2) or of a CSS size keyword, and ignores any font-size in pt or px on
# it (QTextFormatPrivate::resolveFont). So headings are sized by keyword, and the Qt side must
# set the document's default font to ``body_pt`` for them to come out at the sizes below.
HEADING_STEPS: dict[str, float] = {"medium": 1.0, "large": 1.2, "x-large": 1.5, "xx-large": 2.0}


@dataclass(frozen=True)
class LeafletFormat:
    """One print size: body text in points, headings a Qt size step above it."""

    name: str
    label: str
    body_pt: float
    h1_size: str = "xx-large"
    h2_size: str = "x-large"
    h3_size: str = "large"
    line_height_percent: int = 150  # text: clear print asks for about 1.5
    heading_line_height_percent: int = 120  # a heading that wraps stays visibly one heading

    def __post_init__(self) -> None:
        for size in (self.h1_size, self.h2_size, self.h3_size):
            if size not in HEADING_STEPS:
                raise ValueError(f"heading size {size!r} is not one of {', '.join(HEADING_STEPS)}")

    @property
    def h1_pt(self) -> float:
        return _pt(self.body_pt * HEADING_STEPS[self.h1_size])

    @property
    def h2_pt(self) -> float:
        return _pt(self.body_pt * HEADING_STEPS[self.h2_size])

    @property
    def h3_pt(self) -> float:
        return _pt(self.body_pt * HEADING_STEPS[self.h3_size])


def _pt(value: float) -> float:
    return round(value, 1)  # 14 * 1.2 is 16.799999999999997 otherwise


STANDARD = LeafletFormat(name="standard", label="Standard print", body_pt=14)
LARGE = LeafletFormat(name="large", label="Large print", body_pt=18)
FORMATS: dict[str, LeafletFormat] = {"standard": STANDARD, "large": LARGE}


def _n(value: float) -> str:
    return f"{value:g}"


def _px(points: float) -> str:
    """A gap of ``points`` in whole CSS pixels (96 to the inch, 4 px to 3 pt).

    Qt's CSS drops margins given in pt (they become 0) and rounds pixels to whole ones; on a
    printer QTextDocument scales pixels by the device's DPI over 96, so they keep their size.
    """
    return f"{round(points * 96 / 72)}px"


def stylesheet(fmt: LeafletFormat) -> str:
    """The document's default style sheet, in the CSS subset QTextDocument understands.

    Body text is in points so a printer sets it at its true size; headings are size keywords
    (see HEADING_STEPS). Gaps scale with the body size so large print keeps the same
    proportions. Nothing is italic, underlined, justified or in capitals (clear print).
    """
    body = fmt.body_pt
    line, tight = f"{fmt.line_height_percent}%", f"{fmt.heading_line_height_percent}%"
    gap, small_gap = _px(body * 0.5), _px(body * 0.25)
    rules = [
        f"body {{ font-family: {FONT_FAMILY}; font-size: {_n(body)}pt; "
        "color: #000000; background-color: #ffffff; }",
        f"p {{ line-height: {line}; margin-top: 0px; margin-bottom: {gap}; }}",
        f"li {{ line-height: {line}; margin-top: 0px; margin-bottom: {small_gap}; }}",
        f"td {{ line-height: {line}; }}",
        f"ul, ol {{ margin-top: 0px; margin-bottom: {gap}; }}",
        _heading("h1", fmt.h1_size, tight, top=0, bottom=body * 0.5),
        _heading("h2", fmt.h2_size, tight, top=body * 1.5, bottom=body * 0.5),
        _heading("h3", fmt.h3_size, tight, top=body, bottom=body * 0.25),
        # The clinic's name at the top: as big as an h3, but not a heading of its own.
        f"p.clinic {{ font-size: {_n(fmt.h3_pt)}pt; margin-bottom: {small_gap}; }}",
        # A line holding an image is as tall as the image: 150% of it would open a wide gap.
        "p.image { line-height: 100%; }",
    ]
    return "\n".join(rules) + "\n"


def _heading(tag: str, size: str, line: str, *, top: float, bottom: float) -> str:
    return (
        f"{tag} {{ font-size: {size}; line-height: {line}; margin-top: {_px(top)}; "
        f"margin-bottom: {_px(bottom)}; color: #000000; }}"
    )
