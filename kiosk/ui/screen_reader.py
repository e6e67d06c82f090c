"""What a screen reader says as a screen opens: the keyboard focus goes where it reads it.

Screen readers read what takes the keyboard focus: its name and role, and for a text the line at
the caret. Orca 43 (Debian 12) has no listener for Qt's announcement events (Orca 45 added one),
so for a keyboard user, which a screen reader's user is, the focus moves as a screen opens:

- an answer, or the words explained: to the text, named with the title, caret at the start, so
  Orca reads the title and then the answer from its first line (and on, with the arrow keys or
  its Read all command);
- Home: to Home itself, named "Home" and described with its title and intro; Tab then goes on
  to the first question.

The focus must move before the text changes: Orca handles events some time after they are sent,
and a "caret moved" event for a text that already has the focus by then makes Orca take it as
the focus silently, and the focus event that follows is then not spoken. So a screen calls
``focus_as_screen_opens`` in ``show_route`` after setting its title and before its content.

Touch users are left as they are: the focus stays on the window, and no focus ring appears that
they did not ask for. Keyboard use is told by the last input: a key, or a touch or click.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.session import Route
from kiosk.ui.widgets.screen_stack import ScreenStack

POINTER_INPUT = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


class _LastInput(QObject):
    """Installed on the application: was the last thing the patient did a key press?"""

    keyboard = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            self.keyboard = True
        elif kind in POINTER_INPUT:
            self.keyboard = False
        return False


_last_input: _LastInput | None = None


def watch_input() -> None:
    """Start telling keyboard use from touch (once per application)."""
    global _last_input
    app = QApplication.instance()
    if _last_input is None and app is not None:
        _last_input = _LastInput(app)
        app.installEventFilter(_last_input)


def keyboard_in_use() -> bool:
    return _last_input is not None and _last_input.keyboard


def forget_input() -> None:
    """A new patient: the last one's keyboard says nothing about them."""
    if _last_input is not None:
        _last_input.keyboard = False


def focus_as_screen_opens(target: QWidget) -> None:
    """Give ``target`` the focus now, as its screen opens, if the patient uses the keyboard.

    Only when the focus is among the screens (the control that opened this one): a change of
    text size from the header redraws the screen too, and the focus stays on that button. After
    a touch the focus goes back to the window: Qt would otherwise carry it into the new screen
    (to its first control), with a focus ring the patient did not ask for.
    """
    focused = QApplication.focusWidget()
    screens = _screens_of(target)
    if focused is None or screens is None or not screens.isAncestorOf(focused):
        return
    if keyboard_in_use():
        target.setFocus(Qt.FocusReason.OtherFocusReason)
    else:
        target.window().setFocus(Qt.FocusReason.OtherFocusReason)


def _screens_of(widget: QWidget) -> QWidget | None:
    """The stack of screens that ``widget`` is in (its screen's parent)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, ScreenStack):
        parent = parent.parentWidget()
    return parent


class OpensWithFocus(Protocol):
    """A screen that says where the focus goes when it opens from outside it."""

    def opening_focus(self) -> QWidget | None: ...


class ScreenPresenter(QObject):
    """The cases ``focus_as_screen_opens`` cannot see: a screen opened while the focus is not
    among the screens (on the window: the kiosk started, a new session began or the attract
    screen woke; or in the header: its Search button). Once the change is done, the focus goes
    to the screen's ``opening_focus()``: Home itself for anyone, a control for keyboard users.

    ``window`` is the kiosk window: its ``navigator`` says which screen is on show, and while
    its ``popup``, ``idle_overlay`` or ``attract`` screen shows, that keeps the focus.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        watch_input()
        window.navigator.routeChanged.connect(self.screen_opened)  # type: ignore[attr-defined]
        window.sessionStarted.connect(lambda *_: forget_input())  # type: ignore[attr-defined]

    def screen_opened(self, _route: Route) -> None:
        # After the change is complete: the window takes the focus as part of it.
        QTimer.singleShot(0, self.present)

    def overlay_open(self) -> bool:
        names = ("popup", "idle_overlay", "attract")
        overlays = (getattr(self._window, name, None) for name in names)
        return any(overlay is not None and overlay.isVisible() for overlay in overlays)

    def present(self) -> None:
        if self.overlay_open():
            return
        screen = self._window.navigator.current_screen()  # type: ignore[attr-defined]
        focused = QApplication.focusWidget()
        if focused is not None and screen.isAncestorOf(focused):
            return  # the screen placed it as it opened
        opening = getattr(screen, "opening_focus", None)
        target = opening() if callable(opening) else None
        if target is None or not target.isVisible():
            return
        # A screen that takes the focus itself draws no ring: it does so for touch users too
        # (a screen reader then says which screen is on show at start and after a wake-up).
        if keyboard_in_use() or target is screen:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
