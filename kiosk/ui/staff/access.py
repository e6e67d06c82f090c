"""The staff way in: corner hold, PIN pad, staff screen, and what its buttons do."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kiosk.core.library_source import Loaded
from kiosk.core.pin import PinGuard
from kiosk.core.session import Route, Session
from kiosk.core.settings import Settings
from kiosk.printing.compose import composer
from kiosk.ui.shell import VISIT_ENDED_STAFF
from kiosk.ui.staff.corner_hold import HOLD_MS, CornerHold
from kiosk.ui.staff.pin_pad import PinPad
from kiosk.ui.staff.print_screen import PrintScreen
from kiosk.ui.staff.staff_screen import StaffScreen
from kiosk.ui.staff.stats_screen import StatsScreen

if TYPE_CHECKING:
    from kiosk.ui.shell import KioskShell
    from kiosk.ui.usage import UsageRecorder

log = logging.getLogger(__name__)

STAFF = Route("staff")
STAFF_PRINT = Route("staff-print")
STAFF_STATS = Route("staff-stats")


class StaffAccess(QObject):
    """Wires the staff widgets into the kiosk window.

    With a PIN hash set, the corner hold opens the PIN pad. Without one, staff access is off
    when the kiosk is locked down (full screen), and opens straight away in a window. Staff
    screens are the navigator's, registered as staff routes: never in a patient's history.
    """

    def __init__(
        self,
        shell: KioskShell,
        settings: Settings,
        reload: Callable[[], Loaded],
        exit_kiosk: Callable[[], None],
        *,
        hold_ms: int = HOLD_MS,
        usage: UsageRecorder | None = None,
    ) -> None:
        super().__init__(shell.widget())
        self.usage = usage  # counts prints and PDFs, and backs the Statistics screen
        pin_hash = settings.staff_pin_hash
        self.window = shell
        self.navigator = shell.navigator
        self.settings = settings
        self._reload = reload
        self._exit = exit_kiosk
        self.enabled = bool(pin_hash) or not shell.locked
        self.needs_pin = bool(pin_hash)
        self.corner = CornerHold(shell.widget(), hold_ms)
        self.corner.triggered.connect(self.request)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.corner)
        self.pad = PinPad(shell.widget(), PinGuard(pin_hash))
        self.pad.accepted.connect(self.open_staff_screen)
        self.screen = StaffScreen()
        self.navigator.register(STAFF.screen, self.screen, staff=True)
        self.screen.backRequested.connect(self.back_to_patients)
        self.screen.reloadRequested.connect(self.reload_content)
        self.screen.exitRequested.connect(self._exit)
        shell.sessionStarted.connect(self._session_started)
        self.print_screen: PrintScreen | None = None
        self.screen.add_entry(
            "Print leaflets", "Print leaflets, or save them as PDF"
        ).clicked.connect(self.open_print_screen)
        self.stats_screen: StatsScreen | None = None
        if usage is not None:
            self.stats_screen = StatsScreen(usage.store, lambda: self.window.library)
            self.navigator.register(STAFF_STATS.screen, self.stats_screen, staff=True)
            self.stats_screen.backRequested.connect(self.open_staff_screen)
            self.screen.add_entry("Statistics", "Usage statistics").clicked.connect(
                self.open_stats_screen
            )

    def _session_started(self, _session: Session) -> None:
        self.pad.cancel()

    def _build_print_screen(self) -> None:
        self.print_screen = PrintScreen(
            self.window.library, composer(self.settings), self.settings.printer
        )
        self.print_screen.backRequested.connect(self.open_staff_screen)
        if self.usage is not None:
            self.usage.watch_print_screen(self.print_screen)
        # Replaces (and deletes) the one made for the content before.
        self.navigator.register(STAFF_PRINT.screen, self.print_screen, staff=True)

    def open_print_screen(self) -> None:
        # Built when first needed, and again after the content changed: it lists every page.
        if self.print_screen is None or self.print_screen.library is not self.window.library:
            self._build_print_screen()
        self.navigator.go(STAFF_PRINT)

    def open_stats_screen(self) -> None:
        self.navigator.go(STAFF_STATS)

    def request(self) -> None:
        if not self.enabled:
            log.info("staff access requested, but no staff_pin_hash is set")
            return
        self.window.leave_attract()
        log.info("staff access requested")
        if self.needs_pin:
            self.window.dismiss_overlays()
            self.pad.open()
        else:
            self.open_staff_screen()

    def is_open(self) -> bool:
        return self.navigator.is_staff(self.navigator.current)

    def open_staff_screen(self) -> None:
        log.info("staff screen opened")
        self.window.dismiss_overlays()
        self.navigator.go(STAFF)

    def back_to_patients(self) -> None:
        self.window.start_session(Session(), ended=VISIT_ENDED_STAFF)

    def reload_content(self) -> None:
        loaded = self._reload()
        if loaded.library is None:
            log.error("content reload failed; keeping the current content")
            self.screen.show_report(
                "Reload failed: the content in use is kept", f"{loaded.source}\n{loaded.report}"
            )
            return
        self.window.set_library(loaded.library)
        pages = len(loaded.library.pages)
        log.info("content reloaded from %s: %d pages", loaded.source, pages)
        self.screen.show_report(f"Content reloaded from {loaded.source}", loaded.report)
        self.navigator.go(STAFF)
