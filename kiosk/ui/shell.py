"""The small window interface that the controllers (usage, staff access, patient printing,
speech) work through, instead of the whole kiosk window.

The kiosk window is one implementation; a test can build a controller on a stand-in with the
same signals and calls. Signals:

- ``routeChanged(Route)``: the kiosk moved to a new place (the navigator's signal);
- ``sessionStarted(Session)``: a new session is in force (start, idle reset, staff leaving);
- ``visitStarted(Session)``: a patient touched the attract screen;
- ``sessionEnded(Session, str)``: that session is over, with why ("idle" or "staff"); its
  ``last_touch`` is set;
- ``libraryChanged(Library)``: other content is shown (staff reload, background check);
- ``appearanceChanged(object)``: text size or contrast changed (a ``theme.Appearance``);
- ``printRequested(str)``: a patient asked to print the page with this id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QWidget

    from kiosk.core.model import Library
    from kiosk.core.session import Session
    from kiosk.ui.navigator import Navigator

VISIT_ENDED_IDLE = "idle"  # the idle countdown ran out
VISIT_ENDED_STAFF = "staff"  # staff left their screens for the patients' side


class KioskShell(Protocol):
    routeChanged: SignalInstance
    sessionStarted: SignalInstance
    visitStarted: SignalInstance
    sessionEnded: SignalInstance
    libraryChanged: SignalInstance
    appearanceChanged: SignalInstance
    printRequested: SignalInstance

    @property
    def library(self) -> Library: ...

    @property
    def session(self) -> Session: ...

    @property
    def navigator(self) -> Navigator: ...

    @property
    def locked(self) -> bool: ...

    def widget(self) -> QWidget:
        """The window, to put overlays (the PIN pad) over and to watch for the corner hold."""
        ...

    def show_message(self, title: str, text: str) -> None:
        """A large message in front of the current screen (HTML body)."""
        ...

    def dismiss_overlays(self) -> None:
        """Close the glossary pop-up or message, if one is open."""
        ...

    def leave_attract(self) -> None:
        """Leave the attract screen for Home, if it shows (not a patient's visit)."""
        ...

    def start_session(self, session: Session, *, ended: str = "") -> None:
        """Put ``session`` in force; the old one ends, ``ended`` saying why if it was a visit."""
        ...

    def set_library(self, library: Library) -> None:
        """Show ``library`` from now on."""
        ...
