"""Words explained: every glossary entry on one scrolling screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.credits import credit_html
from kiosk.core.model import Library
from kiosk.core.render import Renderer
from kiosk.core.session import Route
from kiosk.ui.screen_reader import focus_as_screen_opens
from kiosk.ui.screens.reading import ReadingScreen


class GlossaryScreen(ReadingScreen):
    termActivated = Signal(str)

    def __init__(self, library: Library, renderer: Renderer, parent: QWidget | None = None) -> None:
        super().__init__("Words explained", with_sequence=False, parent=parent)
        self.library = library
        self.renderer = renderer
        page = library.glossary_page
        self.set_title(page.title if page else "Words explained")
        self.view.termActivated.connect(self.termActivated)

    def show_route(self, route: Route, scroll: int | None) -> None:
        focus_as_screen_opens(self.view)  # before the text changes: see kiosk/ui/screen_reader.py
        html = self.renderer.glossary_html()
        if self.library.glossary_page is not None:
            html += credit_html(self.library.glossary_page, self.library.info)
        self.view.show_html(html, self.css)
        if route.arg and scroll is None:
            self.view.scrollToAnchor(route.arg)
        else:
            self.restore_scroll(scroll)
