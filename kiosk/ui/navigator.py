"""The one owner of screen changes and history: screens ask it to go somewhere.

Patient screens keep a history in the session (Back walks it). Staff screens are registered as
such: going to one records it as the session's staff route, outside the patient's history, so
``session.current`` names it while it shows, and a new session (an idle reset) drops it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.core.session import HOME, Route, Session


class Screen(Protocol):
    def show_route(self, route: Route, scroll: int | None) -> None: ...

    def scroll_position(self) -> int: ...


class Navigator(QObject):
    """History lives in the session, so a new session means a new, empty trail."""

    routeChanged = Signal(object)  # Route: a new place, not the same one drawn again

    def __init__(self, stack: QStackedWidget, session: Session) -> None:
        super().__init__(stack)
        self._stack = stack
        self._screens: dict[str, QWidget] = {}
        self._staff: set[str] = set()
        self.session = session

    def register(self, name: str, screen: QWidget, *, staff: bool = False) -> None:
        """Add ``screen`` as ``name``, replacing (and deleting) any screen of that name."""
        old = self._screens.get(name)
        self._screens[name] = screen
        if staff:
            self._staff.add(name)
        self._stack.addWidget(screen)
        if old is not None and old is not screen:
            self._stack.removeWidget(old)
            old.deleteLater()

    def screen(self, name: str) -> QWidget | None:
        return self._screens.get(name)

    def is_staff(self, route: Route) -> bool:
        return route.screen in self._staff

    @property
    def current(self) -> Route:
        return self.session.current

    def current_screen(self) -> QWidget:
        return self._screens[self.current.screen]

    def go(self, route: Route) -> None:
        if route.screen not in self._screens:
            raise KeyError(f"no screen called {route.screen!r}")
        self._remember_scroll()
        if self.is_staff(route):
            if route != self.session.staff:
                self.session.staff = route
                self._show(scroll=None)
        elif self.session.push(route):
            self._show(scroll=None)

    def back(self) -> None:
        self._remember_scroll()
        if self.session.pop():
            self._show(scroll=self.session.scroll.get(self.current.key))

    def home(self) -> None:
        self.go(HOME)

    def restart(self, session: Session) -> None:
        """Start again from Home with ``session`` (a fresh patient)."""
        self.session = session
        self._show(scroll=None)

    def refresh(self) -> None:
        """Draw the current route again (after a text-size or contrast change)."""
        self._show(scroll=self._screen_scroll(), moved=False)

    def _screen_scroll(self) -> int:
        screen = self._screens.get(self.current.screen)
        position = getattr(screen, "scroll_position", None)
        return position() if callable(position) else 0

    def _remember_scroll(self) -> None:
        if not self.is_staff(self.current):
            self.session.scroll[self.current.key] = self._screen_scroll()

    def _show(self, scroll: int | None, *, moved: bool = True) -> None:
        route = self.current
        screen = self._screens[route.screen]
        screen.show_route(route, scroll)  # type: ignore[attr-defined]  # see Screen
        self._stack.setCurrentWidget(screen)
        if moved:
            self.routeChanged.emit(route)
