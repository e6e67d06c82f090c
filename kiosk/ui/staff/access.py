"""The staff way in: corner hold, PIN pad, staff screen, and what its buttons do."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kiosk.core.pin import PinGuard
from kiosk.core.settings import Settings
from kiosk.library_source import Loaded
from kiosk.printing.compose import composer
from kiosk.ui.staff.corner_hold import HOLD_MS, CornerHold
from kiosk.ui.staff.pin_pad import PinPad
from kiosk.ui.staff.print_screen import PrintScreen
from kiosk.ui.staff.staff_screen import StaffScreen
from kiosk.ui.staff.stats_screen import StatsScreen

if TYPE_CHECKING:
    from kiosk.ui.usage import UsageRecorder
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


class StaffAccess(QObject):
    """Wires the staff widgets into the kiosk window.

    With a PIN hash set, the corner hold opens the PIN pad. Without one, staff access is off
    when the kiosk is locked down (full screen), and opens straight away in a window.
    """

    def __init__(
        self,
        window: KioskWindow,
        settings: Settings,
        reload: Callable[[], Loaded],
        exit_kiosk: Callable[[], None],
        *,
        hold_ms: int = HOLD_MS,
        usage: UsageRecorder | None = None,
    ) -> None:
        super().__init__(window)
        self.usage = usage  # counts prints and PDFs, and backs the Statistics screen
        pin_hash = settings.staff_pin_hash
        self.window = window
        self.settings = settings
        self._reload = reload
        self._exit = exit_kiosk
        self.enabled = bool(pin_hash) or not window.locked
        self.needs_pin = bool(pin_hash)
        self.corner = CornerHold(window, hold_ms)
        self.corner.triggered.connect(self.request)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.corner)
        self.pad = PinPad(window, PinGuard(pin_hash))
        self.pad.accepted.connect(self.open_staff_screen)
        self.screen = StaffScreen()
        window.stack.addWidget(self.screen)
        self.screen.backRequested.connect(self.back_to_patients)
        self.screen.reloadRequested.connect(self.reload_content)
        self.screen.exitRequested.connect(self._exit)
        window.sessionStarted.connect(self.pad.cancel)
        self.print_screen: PrintScreen | None = None
        self.screen.add_entry("Print leaflets", "Print or save leaflets").clicked.connect(
            self.open_print_screen
        )
        self.stats_screen: StatsScreen | None = None
        if usage is not None:
            self.stats_screen = StatsScreen(usage.store, lambda: self.window.library)
            window.stack.addWidget(self.stats_screen)
            self.stats_screen.backRequested.connect(self.open_staff_screen)
            self.screen.add_entry("Statistics", "Usage statistics").clicked.connect(
                self.open_stats_screen
            )

    def _build_print_screen(self) -> None:
        old = self.print_screen
        self.print_screen = PrintScreen(
            self.window.library, composer(self.settings), self.settings.printer
        )
        self.window.stack.addWidget(self.print_screen)
        self.print_screen.backRequested.connect(self.open_staff_screen)
        if self.usage is not None:
            self.usage.watch_print_screen(self.print_screen)
        if old is not None:
            self.window.stack.removeWidget(old)
            old.deleteLater()

    def open_print_screen(self) -> None:
        # Built when first needed, and again after the content changed: it lists every page.
        if self.print_screen is None or self.print_screen.library is not self.window.library:
            self._build_print_screen()
        assert self.print_screen is not None
        self.window.stack.setCurrentWidget(self.print_screen)
        self.print_screen.open()

    def open_stats_screen(self) -> None:
        assert self.stats_screen is not None
        self.window.stack.setCurrentWidget(self.stats_screen)
        self.stats_screen.open()

    def request(self) -> None:
        if not self.enabled:
            log.info("staff access requested, but no staff_pin_hash is set")
            return
        if self.window.attract.isVisible():
            self.window.wake()
        log.info("staff access requested")
        if self.needs_pin:
            self.window.popup.dismiss()
            self.pad.open()
        else:
            self.open_staff_screen()

    def is_open(self) -> bool:
        staff_pages = (self.screen, self.print_screen, self.stats_screen)
        return self.window.stack.currentWidget() in staff_pages

    def open_staff_screen(self) -> None:
        log.info("staff screen opened")
        self.window.popup.dismiss()
        self.window.stack.setCurrentWidget(self.screen)

    def back_to_patients(self) -> None:
        self.window.start_session(self.window.session.__class__())

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
        self.window.stack.setCurrentWidget(self.screen)
