"""The navigator owns every screen, staff screens included, and the controllers need only the
small window interface (``kiosk.ui.shell.KioskShell``): each is built here on a stand-in."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.core.model import Library
from kiosk.core.session import HOME, Route, Session
from kiosk.core.settings import Settings
from kiosk.ui.navigator import Navigator
from kiosk.ui.patient_printing import PatientPrinting
from kiosk.ui.shell import VISIT_ENDED_IDLE, KioskShell
from kiosk.ui.staff.access import STAFF, STAFF_PRINT, StaffAccess
from kiosk.ui.usage import UsageRecorder
from tests.ui.helpers import left_click
from tests.ui.usage_visits import IDLE, WARNING, kiosk_with, wake


class Page(QWidget):
    """A patient screen for the stand-in: shows nothing, remembers what it was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Route] = []

    def show_route(self, route: Route, _scroll: int | None) -> None:
        self.shown.append(route)

    def scroll_position(self) -> int:
        return 0


class StandIn(QObject):
    """Everything a controller may use of the kiosk window, and nothing else."""

    routeChanged = Signal(object)
    sessionStarted = Signal(object)
    visitStarted = Signal(object)
    sessionEnded = Signal(object, str)
    libraryChanged = Signal(object)
    appearanceChanged = Signal(object)
    printRequested = Signal(str)

    def __init__(self, library: Library) -> None:
        super().__init__()
        self._widget = QWidget()
        self._widget.resize(1280, 800)
        self.stack = QStackedWidget(self._widget)
        self._navigator = Navigator(self.stack, Session())
        for name in ("home", "answer"):
            self._navigator.register(name, Page())
        self._navigator.routeChanged.connect(self.routeChanged)
        self._library = library
        self.locked = False
        self.messages: list[str] = []

    @property
    def library(self) -> Library:
        return self._library

    @property
    def session(self) -> Session:
        return self._navigator.session

    @property
    def navigator(self) -> Navigator:
        return self._navigator

    def widget(self) -> QWidget:
        return self._widget

    def show_message(self, title: str, _text: str) -> None:
        self.messages.append(title)

    def dismiss_overlays(self) -> None:
        pass

    def leave_attract(self) -> None:
        pass

    def start_session(self, session: Session, *, ended: str = "") -> None:
        if ended:
            self.sessionEnded.emit(self.session, ended)
        self._navigator.restart(session)
        self.sessionStarted.emit(session)

    def set_library(self, library: Library) -> None:
        self._library = library
        self.libraryChanged.emit(library)


def test_the_stand_in_is_a_kiosk_shell(qapp, library) -> None:
    shell: KioskShell = StandIn(library)  # what a type checker checks, said at run time too
    for name in ("routeChanged", "sessionStarted", "sessionEnded", "printRequested"):
        assert hasattr(shell, name)


def test_usage_counts_from_the_interface_alone(qtbot, library, store) -> None:
    shell = StandIn(library)
    usage = UsageRecorder(shell, store)
    visit = Session(visit_started=100.0)
    shell.visitStarted.emit(visit)
    shell.navigator.go(Route("answer", library.questions[0].id))
    shell.navigator.refresh()  # a text-size redraw: not another visit to the page
    visit.last_touch = 230.0
    shell.sessionEnded.emit(visit, VISIT_ENDED_IDLE)
    s = store.summary(1)
    assert s.sessions == 1
    assert s.idle_resets == 1
    assert dict(s.page_views) == {library.questions[0].id: 1}
    assert dict(s.session_lengths)["1-3-min"] == 1
    usage.close()


def test_patient_printing_from_the_interface_alone(qapp, library) -> None:
    shell = StandIn(library)
    PatientPrinting(shell, Settings(patient_printing=True, patient_print_limit=1))
    shell.session.leaflets_printed = 1
    shell.printRequested.emit(library.questions[0].id)
    assert shell.messages == ["Printing limit reached"]


def test_staff_access_from_the_interface_alone(qtbot, library) -> None:
    shell = StandIn(library)
    staff = StaffAccess(shell, Settings(), reload=lambda: None, exit_kiosk=lambda: None)
    shell.navigator.go(Route("answer", library.questions[0].id))
    staff.request()  # no PIN in a window: straight in
    assert shell.session.current == STAFF
    assert shell.session.history == [HOME, Route("answer", library.questions[0].id)]
    staff.open_print_screen()
    assert shell.session.current == STAFF_PRINT
    assert shell.stack.currentWidget() is staff.print_screen
    left_click(qtbot, staff.print_screen.back_button)
    assert shell.session.current == STAFF


def test_while_a_staff_screen_shows_the_session_names_it(qtbot, make_window, clock, store):
    kiosk = kiosk_with(make_window, clock, store)
    staff = StaffAccess(kiosk, Settings(), reload=lambda: None, exit_kiosk=lambda: None)
    wake(qtbot, kiosk)
    page = Route("answer", kiosk.library.questions[0].id)
    kiosk.navigator.go(page)
    staff.request()
    assert kiosk.session.current == STAFF
    assert kiosk.stack.currentWidget() is staff.screen
    assert staff.is_open()
    assert STAFF not in kiosk.session.history, "staff routes are not the patient's history"
    staff.open_print_screen()
    assert kiosk.session.current == STAFF_PRINT

    # Staff walk away: the idle reset leaves no staff route anywhere.
    before = kiosk.session
    clock.advance(IDLE + WARNING)
    kiosk.idle.check()
    kiosk.idle.check()
    assert kiosk.attract.isVisible()
    assert kiosk.session is not before
    assert kiosk.session.staff is None
    assert kiosk.session.history == [HOME]
    assert not staff.is_open()
    wake(qtbot, kiosk)
    assert kiosk.stack.currentWidget() is kiosk.home_screen
    kiosk.usage.close()
    assert dict(store.summary(1).page_views) == {page.arg: 1}
