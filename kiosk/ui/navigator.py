"""The one owner of screen changes and history: screens ask it to go somewhere."""

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

    routeChanged = Signal(object)  # Route

    def __init__(self, stack: QStackedWidget, session: Session) -> None:
        super().__init__(stack)
        self._stack = stack
        self._screens: dict[str, QWidget] = {}
        self.session = session

    def register(self, name: str, screen: QWidget) -> None:
        """Add ``screen`` as ``name``, replacing (and deleting) any screen of that name."""
        old = self._screens.get(name)
        self._screens[name] = screen
        self._stack.addWidget(screen)
        if old is not None:
            self._stack.removeWidget(old)
            old.deleteLater()

    @property
    def current(self) -> Route:
        return self.session.current

    def current_screen(self) -> QWidget:
        return self._screens[self.current.screen]

    def go(self, route: Route) -> None:
        if route.screen not in self._screens:
            raise KeyError(f"no screen called {route.screen!r}")
        self._remember_scroll()
        if self.session.push(route):
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
        """Show the current route again (after a text-size or contrast change)."""
        self._show(scroll=self._screen_scroll())

    def _screen_scroll(self) -> int:
        return self.current_screen().scroll_position()  # type: ignore[attr-defined]

    def _remember_scroll(self) -> None:
        self.session.scroll[self.current.key] = self._screen_scroll()

    def _show(self, scroll: int | None) -> None:
        route = self.current
        screen = self._screens[route.screen]
        screen.show_route(route, scroll)  # type: ignore[attr-defined]
        self._stack.setCurrentWidget(screen)
        self.routeChanged.emit(route)
