"""The staff menu: back to patients, reload content, exit, and the last content report."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.session import Route
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.kinetic import enable_kinetic_scrolling

EXIT_CONFIRM_MS = 5000
EXIT_TEXT = "Exit kiosk"
EXIT_CONFIRM_TEXT = "Tap again to exit"
MENU_WIDTH = 440


class StaffScreen(QWidget):
    """A page for the window's stack; it only emits requests, the window acts on them."""

    backRequested = Signal()
    reloadRequested = Signal()
    exitRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, confirm_ms: int = EXIT_CONFIRM_MS) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAccessibleName("Staff")

        self.title = QLabel("Staff", self)
        self.title.setObjectName("ScreenTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)

        # The menu scrolls, so entries that later features add never fall off the screen.
        self.menu_area = QScrollArea(self)
        self.menu_area.setWidgetResizable(True)
        self.menu_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.menu_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.menu_area.setFixedWidth(MENU_WIDTH)
        enable_kinetic_scrolling(self.menu_area)
        self._menu = menu = QWidget()
        menu.setObjectName("ScrollBody")
        self.menu_area.setWidget(menu)
        self._entries = QVBoxLayout()
        self._entries.setSpacing(16)
        menu_layout = QVBoxLayout(menu)
        menu_layout.setContentsMargins(0, 0, 12, 0)
        menu_layout.addLayout(self._entries)
        menu_layout.addStretch(1)

        self.back_button = self.add_entry("Back to patient view", "Back to patient view")
        self.back_button.clicked.connect(self.backRequested)
        self.reload_button = self.add_entry(
            "Reload content", "Reload content from the content pack"
        )
        self.reload_button.clicked.connect(self.reloadRequested)
        # Exit sits apart at the bottom, away from the buttons staff use every day.
        self.exit_button = touch_button(EXIT_TEXT, "StaffExit", EXIT_TEXT, menu)
        self.exit_button.clicked.connect(self._exit_tapped)
        menu_layout.addSpacing(32)
        menu_layout.addWidget(self.exit_button)
        self._confirm = QTimer(self)
        self._confirm.setSingleShot(True)
        self._confirm.setInterval(confirm_ms)
        self._confirm.timeout.connect(self._reset_exit)

        self.report_title = QLabel("No content report yet.", self)
        self.report_title.setObjectName("StaffReportTitle")
        self.report_title.setWordWrap(True)
        self.report_title.setTextFormat(Qt.TextFormat.PlainText)
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("StaffReport")
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Content report")
        self.report.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # Drag scrolls the report, as everywhere else; it is for reading, not selecting.
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        enable_kinetic_scrolling(self.report)

        report_box = QVBoxLayout()
        report_box.setSpacing(12)
        report_box.addWidget(self.report_title)
        report_box.addWidget(self.report, 1)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addWidget(self.menu_area)
        body.addLayout(report_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 32)
        layout.setSpacing(20)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)

    def add_entry(self, text: str, accessible: str) -> QPushButton:
        """A menu button under the others (Exit stays last); the caller connects ``clicked``."""
        button = touch_button(text, "StaffEntry", accessible, self._menu)
        self._entries.addWidget(button)
        return button

    def show_report(self, title: str, text: str) -> None:
        """Show a content report: a one-line summary and the problem lines under it."""
        self.report_title.setText(title)
        self.report.setAccessibleDescription(title)
        self.report.setPlainText(text)
        self.report.verticalScrollBar().setValue(0)

    def is_confirming_exit(self) -> bool:
        return self._confirm.isActive()

    def _exit_tapped(self) -> None:
        if self._confirm.isActive():
            self._reset_exit()
            self.exitRequested.emit()
            return
        self._confirm.start()
        self._show_exit_state(EXIT_CONFIRM_TEXT, "Tap again to exit the kiosk", True)

    def _reset_exit(self) -> None:
        self._confirm.stop()
        self._show_exit_state(EXIT_TEXT, EXIT_TEXT, False)

    def _show_exit_state(self, text: str, accessible: str, confirming: bool) -> None:
        self.exit_button.setText(text)
        self.exit_button.setAccessibleName(accessible)
        self.exit_button.setProperty("confirming", confirming)
        # A dynamic property only restyles after the style is applied again.
        self.exit_button.style().unpolish(self.exit_button)
        self.exit_button.style().polish(self.exit_button)

    def show_route(self, _route: Route, _scroll: int | None) -> None:
        """Shown by the navigator; the last content report stays until the next one."""

    def scroll_position(self) -> int:
        return 0  # staff screens are not in a history to come back to

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the screen drops a half-made exit, so the next visit starts safe.
        self._reset_exit()
        super().hideEvent(event)
