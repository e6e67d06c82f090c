"""Answer: one question's answer, its source and review dates, and the way to the next one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.credits import credit_html
from kiosk.core.model import Library
from kiosk.core.render import Renderer
from kiosk.core.session import Route
from kiosk.ui.screens.reading import ReadingScreen
from kiosk.ui.widgets.buttons import touch_button


class AnswerScreen(ReadingScreen):
    routeRequested = Signal(object)  # Route
    termActivated = Signal(str)
    printRequested = Signal(str)  # page id

    def __init__(
        self,
        library: Library,
        renderer: Renderer,
        parent: QWidget | None = None,
        *,
        can_print: bool = False,
    ) -> None:
        super().__init__("Answer", with_sequence=True, parent=parent)
        self.print_button = touch_button(
            "Print this for me", "PatientPrint", "Print this answer to take home", self
        )
        self.print_button.setVisible(can_print)
        self.print_button.clicked.connect(lambda: self.printRequested.emit(self.page_id))
        self.title_row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        self.library = library
        self.renderer = renderer
        self.page_id = ""
        self.view.set_image_root(library.root)
        self.view.pageLinkActivated.connect(
            lambda pid: self.routeRequested.emit(Route("answer", pid))
        )
        self.view.termActivated.connect(self.termActivated)
        assert self.nav.previous is not None
        assert self.nav.next is not None
        self.nav.previous.clicked.connect(lambda: self._step(0))
        self.nav.next.clicked.connect(lambda: self._step(1))

    def show_route(self, route: Route, scroll: int | None) -> None:
        page = self.library.page(route.arg)
        self.page_id = page.id
        self.set_title(page.title)
        html = self.renderer.page_html(page.id) + credit_html(page, self.library.info)
        self.view.show_html(html, self.css)
        self.restore_scroll(scroll)
        previous, following = self.library.neighbours(page.id)
        for button, target, word in (
            (self.nav.previous, previous, "Previous"),
            (self.nav.next, following, "Next"),
        ):
            assert button is not None
            button.setEnabled(target is not None)
            button.setAccessibleDescription(f"{word}: {target.title}" if target else "")
            button.setToolTip(target.title if target else "")

    def _step(self, which: int) -> None:
        target = self.library.neighbours(self.page_id)[which]
        if target is not None:
            self.routeRequested.emit(Route("answer", target.id))
