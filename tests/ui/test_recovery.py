"""An error inside a slot is logged with its traceback and the patient is brought back Home."""

from __future__ import annotations

import logging
import sys

import pytest

from kiosk.core.session import HOME, Route
from kiosk.ui.recovery import Recovery
from tests.ui.helpers import left_click


class FaultError(RuntimeError):
    pass


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_home_is_shown(qtbot, window, library, caplog):
    recovery = Recovery(window.recover, window)
    recovery.install()
    try:

        def broken_slot() -> None:
            raise FaultError("a fault in a screen")

        window.answer_screen.nav.next.clicked.connect(broken_slot)
        left_click(qtbot, window.home_screen.question_tiles[0])
        entry = library.glossary.sorted_entries()[0]
        window.show_definition(entry.anchor)
        with caplog.at_level(logging.ERROR, logger="kiosk.recovery"):
            left_click(qtbot, window.answer_screen.nav.next)
            qtbot.waitUntil(lambda: recovery.errors == 1, timeout=2000)
    finally:
        recovery.uninstall()
    assert window.navigator.current == HOME
    assert window.stack.currentWidget() is window.home_screen
    assert not window.popup.isVisible()
    record = next(r for r in caplog.records if r.name == "kiosk.recovery")
    assert record.exc_info is not None
    assert record.exc_info[0] is FaultError
    assert "broken_slot" in caplog.text or "Traceback" in caplog.text or record.exc_text
    # The kiosk still works afterwards.
    left_click(qtbot, window.home_screen.question_tiles[1])
    assert window.navigator.current == Route("answer", library.questions[1].id)
    assert sys.excepthook is not recovery.handle


@pytest.mark.qt_no_exception_capture
def test_a_failing_recovery_does_not_loop(window, caplog):
    calls = []

    def bad_recover() -> None:
        calls.append(1)
        raise FaultError("recovery failed too")

    recovery = Recovery(bad_recover, window)
    with caplog.at_level(logging.ERROR, logger="kiosk.recovery"):
        recovery.handle(FaultError, FaultError("first"), None)
    assert calls == [1]
    assert "could not return to Home" in caplog.text
