"""Touch targets are large enough and every control has a name a screen reader can say, which
holds the words the control shows."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.core.session import TEXT_STEPS, Route, Session
from tests.ui.helpers import label_not_in_name

MIN_TARGET = 44  # WCAG 2.5.5 (AAA)
MIN_NAV_HEIGHT = 60  # primary navigation, accessibility.md


def visible_buttons(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisibleTo(root) and b.isVisible()]


def screens(window, library):
    yield "home", None
    yield "answer", Route("answer", library.questions[0].id)
    yield "glossary", Route("glossary")


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1])
def test_every_button_is_a_large_named_target(qtbot, window, library, step) -> None:
    window.start_session(Session(text_step=step))
    checked = 0
    for name, route in screens(window, library):
        if route:
            window.navigator.go(route)
        qtbot.wait(1)
        for button in visible_buttons(window):
            label = button.accessibleName() or button.text()
            assert button.accessibleName(), f"{name}: a button without a name ({button.text()!r})"
            # WCAG 2.5.3: the words shown are part of the name a screen reader says.
            assert not label_not_in_name(button), f"{name}: {label_not_in_name(button)}"
            assert button.width() >= MIN_TARGET, f"{name}: {label} is {button.width()} px wide"
            assert button.height() >= MIN_TARGET, f"{name}: {label} is {button.height()} px tall"
            checked += 1
        for button in window.navigator.current_screen().findChildren(QAbstractButton):
            if button.objectName() in ("HomeButton", "BackButton", "PreviousButton", "NextButton"):
                assert button.height() >= MIN_NAV_HEIGHT, f"{name}: {button.text()} too short"
    assert checked > 10


def test_pop_up_close_button_is_large_and_named(qtbot, window, library) -> None:
    entry = library.glossary.sorted_entries()[0]
    window.show_definition(entry.anchor)
    close = window.popup.close_button
    assert close.accessibleName()
    assert not label_not_in_name(close)
    assert close.height() >= MIN_NAV_HEIGHT
    assert close.width() >= MIN_NAV_HEIGHT


def test_targets_are_spaced_apart(qtbot, window, library) -> None:
    window.navigator.go(Route("answer", library.questions[1].id))
    qtbot.wait(1)
    nav = window.answer_screen.nav
    buttons = sorted((nav.home, nav.back, nav.previous, nav.next), key=lambda b: b.x())
    for left, right in itertools.pairwise(buttons):
        assert right.x() - (left.x() + left.width()) >= 8
