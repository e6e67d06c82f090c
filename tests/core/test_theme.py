"""Every text/background pair in both themes meets its WCAG contrast target."""

from __future__ import annotations

import pytest

from kiosk import paths
from kiosk.core.theme import (
    BORDER_PAIRS,
    TEXT_PAIRS,
    THEMES,
    contrast_ratio,
    fill_template,
    load_themes,
)

THEME_SET = load_themes(paths.resource("theme/tokens.toml"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("fg", "bg", "minimum"), TEXT_PAIRS + BORDER_PAIRS)
def test_pair_meets_contrast(theme: str, fg: str, bg: str, minimum: float) -> None:
    colours = THEME_SET[theme]
    ratio = contrast_ratio(colours[fg], colours[bg])
    assert ratio >= minimum, f"{theme}: {fg} on {bg} is {ratio:.2f}:1, needs {minimum}:1"


def test_every_colour_token_is_checked() -> None:
    checked = {name for pair in TEXT_PAIRS + BORDER_PAIRS for name in pair[:2]}
    # The scrim only dims what is behind a pop-up; no text is drawn on it.
    unchecked = set(THEME_SET["standard"].colours) - checked - {"scrim"}
    assert not unchecked, f"tokens with no contrast check: {sorted(unchecked)}"


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_templates_have_a_value_for_every_placeholder() -> None:
    values = {**THEME_SET["standard"].colours, "font_family": "x"}
    with pytest.raises(KeyError, match="has no value"):
        fill_template(paths.resource("theme/kiosk.qss").read_text(), values)
    assert fill_template("a {{ x }} b", {"x": 1}) == "a 1 b"
