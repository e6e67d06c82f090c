"""The kiosk window: header, the screens and the overlays, all driven by one patient session."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLayout, QVBoxLayout, QWidget

from kiosk.core.idle import IdleTimer
from kiosk.core.model import Library
from kiosk.core.render import Renderer
from kiosk.core.search import SearchIndex
from kiosk.core.session import Route, Session
from kiosk.core.settings import Settings
from kiosk.ui import theme, usage
from kiosk.ui.first_paint import after_first_paint
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.navigator import Navigator
from kiosk.ui.screen_reader import ScreenPresenter
from kiosk.ui.screens.answer import AnswerScreen
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.glossary import GlossaryScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.shell import VISIT_ENDED_IDLE
from kiosk.ui.speech import OFF, ReadAloud
from kiosk.ui.styling import PartStyler
from kiosk.ui.widgets.definition_popup import DefinitionPopup
from kiosk.ui.widgets.header import Header
from kiosk.ui.widgets.idle_overlay import IdleOverlay
from kiosk.ui.widgets.screen_stack import ScreenStack

log = logging.getLogger(__name__)

WINDOWED_SIZE = (1280, 800)


class KioskWindow(QWidget):
    """The kiosk window, and the ``KioskShell`` (kiosk/ui/shell.py) the controllers use."""

    routeChanged = Signal(object)  # Route
    sessionStarted = Signal(object)  # Session: a new one (overlays of the last must close)
    visitStarted = Signal(object)  # Session: a patient touched the attract screen
    sessionEnded = Signal(object, str)  # Session, why: "idle" or "staff"
    libraryChanged = Signal(object)  # Library
    appearanceChanged = Signal(object)  # theme.Appearance
    printRequested = Signal(str)  # a patient asked to print the answer with this page id

    def __init__(
        self,
        library: Library,
        settings: Settings | None = None,
        *,
        font_family: str = "",
        locked: bool = False,
        clock: Callable[[], float] = time.monotonic,
        speech: ReadAloud | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAcceptDrops(False)
        # The window itself holds focus at rest, so no button shows a focus ring until a
        # keyboard user presses Tab.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.settings = settings if settings is not None else Settings()
        self.locked = locked
        self.allow_close = not locked
        self.font_family = font_family or "Atkinson Hyperlegible"
        title = self.settings.clinic_name or library.info.title
        self.setWindowTitle(title)

        self.header = Header(title, self)
        self.stack = ScreenStack(self)
        self.navigator = Navigator(self.stack, Session())
        self.navigator.routeChanged.connect(self.routeChanged)
        self.styler = PartStyler(self, self.stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The screen decides the window's size, never its contents: a part that asks for more
        # (a screen not yet styled, say) must not push the window's edge off the screen.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

        self.popup = DefinitionPopup(self)
        self.popup.termActivated.connect(self.show_definition)
        self.popup.closed.connect(self._popup_closed)
        self.idle_overlay = IdleOverlay(self)
        self.attract = AttractScreen(self, library.info.title, self.settings.clinic_name)
        self.attract.woken.connect(self._patient_arrived)
        self.screen_reader = ScreenPresenter(self)

        self.idle = IdleWatcher(
            IdleTimer(self.settings.idle_seconds, self.settings.warning_seconds, clock), self
        )
        self.idle.warningStarted.connect(self._warn)
        self.idle.countdown.connect(self.idle_overlay.show_countdown)
        self.idle.activityResumed.connect(self.idle_overlay.hide)
        self.idle.expired.connect(self.reset_for_next_patient)
        self.idle_overlay.stillReading.connect(self.idle.activity)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

        self.speech = speech or ReadAloud(library.info.language, self.settings.speech_engine)
        self.speech.setParent(self)
        if not self.speech.enabled:
            log.info("read aloud is off: the speech_engine setting is %r", OFF)
        # The engine can take seconds to come up, or never: not before the patient sees Home.
        after_first_paint(self, self.speech.start)
        self.navigator.routeChanged.connect(lambda _route: self.speech.stop())

        self.header.smallerText.connect(lambda: self._change_text(self.session.shrink_text))
        self.header.largerText.connect(lambda: self._change_text(self.session.grow_text))
        self.header.contrastToggled.connect(self._set_contrast)
        self.header.searchRequested.connect(lambda: self.navigator.go(Route("search")))

        self.set_library(library)
        self.start_session(Session())

    # -- content ---------------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """Show ``library`` (at start, and when staff reload the content)."""
        self.library = library
        self.renderer = Renderer(library)
        self.home_screen = HomeScreen(library)
        self.answer_screen = AnswerScreen(
            library, self.renderer, can_print=self.settings.patient_printing
        )
        self.answer_screen.printRequested.connect(self.printRequested)
        self.answer_screen.set_speech(self.speech)
        self.answer_screen.speech_bar.rateChanged.connect(self._change_rate)
        self.answer_screen.speech_bar.volumeChanged.connect(self._change_volume)
        self.glossary_screen = GlossaryScreen(library, self.renderer)
        self.navigator.register("home", self.home_screen)
        self.navigator.register("answer", self.answer_screen)
        self.navigator.register("glossary", self.glossary_screen)
        self.search_screen = SearchScreen(library, lambda: self.session)
        self.navigator.register("search", self.search_screen)
        self.search_screen.routeRequested.connect(self.navigator.go)
        self.search_screen.homeRequested.connect(self.navigator.home)
        self.search_screen.backRequested.connect(self.navigator.back)
        # Counts only: neither call can carry what was searched for or read.
        self.search_screen.searched.connect(lambda: usage.record("search"))
        self.answer_screen.listen_button.clicked.connect(lambda: usage.record("read_aloud"))
        self.attract.set_title(library.info.title)
        self.libraryChanged.emit(library)
        self.home_screen.routeRequested.connect(self.navigator.go)
        self.answer_screen.routeRequested.connect(self.navigator.go)
        for screen in (self.answer_screen, self.glossary_screen):
            screen.homeRequested.connect(self.navigator.home)
            screen.backRequested.connect(self.navigator.back)
            screen.termActivated.connect(self.show_definition)
        self._apply_appearance()

    def adopt_checked(self, shown: Library, checked: Library, index: SearchIndex) -> None:
        """The content shown since start-up (``shown``) has been checked in the background.

        Pages and glossary entries with errors are dropped; searches use ``index``. If staff
        reloaded the content meanwhile, that content was checked before it was shown, and
        this result is out of date.
        """
        if self.library is not shown:
            return
        if not checked.pages:
            log.error("no page passed the content checks; the pages are shown as they are")
            return
        unchanged = [p.id for p in checked.pages] == [p.id for p in shown.pages]
        if unchanged and checked.glossary.entries == shown.glossary.entries:
            self.library = checked
        else:
            self.set_library(checked)
            route = self.session.current
            if route.screen == "answer" and not checked.has_page(route.arg):
                self.navigator.home()
            else:
                self.navigator.refresh()
        self.search_screen.set_index(index)

    # -- the patient session ---------------------------------------------------------------

    @property
    def session(self) -> Session:
        return self.navigator.session

    def widget(self) -> QWidget:
        return self

    def dismiss_overlays(self) -> None:
        self.popup.dismiss()

    def start_session(self, session: Session, *, ended: str = "") -> None:
        """Begin again for a new patient: everything the last one changed is dropped.

        ``ended`` says why the last session ended ("idle", "staff"), if it was a visit.
        """
        if ended:
            old = self.session
            if old.visit_started is not None:
                old.last_touch = self.idle.timer.last_activity
            self.sessionEnded.emit(old, ended)
        self.popup.dismiss()
        self.idle_overlay.hide()
        self.speech.stop()
        self.navigator.session = session
        self.speech.set_rate_and_volume(session.speech_rate, session.speech_volume)
        self._apply_appearance()
        self.navigator.restart(session)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sessionStarted.emit(session)

    def reset_for_next_patient(self) -> None:
        """The idle countdown ran out: a fresh session, and the attract screen."""
        log.info("idle reset: starting again for the next person")
        self.start_session(Session(), ended=VISIT_ENDED_IDLE)
        self.show_attract()

    def show_attract(self) -> None:
        self.idle.stop()
        self.idle_overlay.hide()
        self.attract.open()

    def wake(self) -> None:
        """The attract screen was touched: Home, and the idle clock starts."""
        self.attract.close_screen()
        self.navigator.restart(self.session)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.idle.start()

    def leave_attract(self) -> None:
        """Home, if the attract screen is showing (for staff, whose visit is no patient's)."""
        if self.attract.isVisible():
            self.wake()

    def _patient_arrived(self) -> None:
        self.wake()
        self.session.visit_started = self.idle.timer.clock()
        self.visitStarted.emit(self.session)

    def recover(self) -> None:
        """After an unexpected error: close what is open and show Home."""
        self.popup.dismiss()
        self.idle_overlay.hide()
        self.navigator.home()
        self.navigator.refresh()

    def _change_rate(self, steps: int) -> None:
        s = self.session
        s.change_speech_rate(steps)
        self.speech.set_rate_and_volume(s.speech_rate, s.speech_volume)

    def _change_volume(self, steps: int) -> None:
        s = self.session
        s.change_speech_volume(steps)
        self.speech.set_rate_and_volume(s.speech_rate, s.speech_volume)

    def _warn(self) -> None:
        self.popup.dismiss()
        self.idle_overlay.show_countdown(self.idle.timer.seconds_left())

    # -- glossary pop-up -------------------------------------------------------------------

    def show_message(self, title: str, text: str) -> None:
        """A large message in the pop-up (for example, where to collect a printed leaflet)."""
        self.popup.show_definition(title, text)

    def show_definition(self, anchor: str) -> None:
        entry = self.library.glossary.by_anchor(anchor)
        if entry is None:
            return
        self.session.popup = anchor
        self.popup.show_definition(entry.term, self.renderer.definition_html(entry))

    def _popup_closed(self) -> None:
        self.session.popup = ""

    # -- appearance ------------------------------------------------------------------------

    def _change_text(self, change: Callable[[], bool]) -> None:
        if change():
            self._apply_appearance()
            self.navigator.refresh()

    def _set_contrast(self, high: bool) -> None:
        self.session.high_contrast = high
        self._apply_appearance()
        self.navigator.refresh()

    def appearance(self) -> theme.Appearance:
        return theme.Appearance(
            high_contrast=self.session.high_contrast,
            scale=self.session.text_scale,
            font_family=self.font_family,
        )

    def _apply_appearance(self) -> None:
        appearance = self.appearance()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_palette(app, appearance)
        self.styler.set_sheet(appearance.stylesheet())
        css = appearance.content_css()
        self.answer_screen.css = css
        self.answer_screen.highlight_colours = (
            appearance.theme["focus_bg"],
            appearance.theme["focus_text"],
        )
        self.glossary_screen.css = css
        self.home_screen.set_columns(2 if appearance.scale <= 1.25 else 1)
        s = self.session
        self.header.show_state(
            s.text_percent, s.can_shrink_text(), s.can_grow_text(), s.high_contrast
        )
        self.appearanceChanged.emit(appearance)

    # -- lockdown --------------------------------------------------------------------------

    def enter_full_screen(self) -> None:
        """Cover the whole screen, with or without a window manager to honour the request.

        Full screen is only a request to the window manager; a bare X server or a
        misbehaving one leaves the window at its normal size, so set the size as well.
        """
        screen = self.screen()
        if screen is not None:
            self.setGeometry(screen.geometry())
            if not getattr(self, "_follows_screen", False):
                screen.geometryChanged.connect(lambda _rect: self.enter_full_screen())
                self._follows_screen = True
        self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self.idle)
            self.speech.shutdown()
            event.accept()
        else:
            log.info("refused a request to close the kiosk")
            event.ignore()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            self.locked
            and event.type() == QEvent.Type.WindowStateChange
            and not self.isFullScreen()
        ):
            # Something (a key the OS handled, a window manager) took it out of full screen.
            self.enter_full_screen()
