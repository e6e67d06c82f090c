"""The kiosk window: header, the screens, and the pop-up, all driven by one patient session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.model import Library
from kiosk.core.render import Renderer
from kiosk.core.session import Session
from kiosk.ui import theme
from kiosk.ui.navigator import Navigator
from kiosk.ui.screens.answer import AnswerScreen
from kiosk.ui.screens.glossary import GlossaryScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.widgets.definition_popup import DefinitionPopup
from kiosk.ui.widgets.header import Header

WINDOWED_SIZE = (1280, 800)


class KioskWindow(QWidget):
    def __init__(self, library: Library, *, title: str = "", font_family: str = "") -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.setWindowTitle(title or library.info.title)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAcceptDrops(False)
        # The window itself holds focus at rest, so no button shows a focus ring until a
        # keyboard user presses Tab.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.library = library
        self.renderer = Renderer(library)
        self.font_family = font_family or "Atkinson Hyperlegible"

        self.header = Header(title or library.info.title, self)
        self.stack = QStackedWidget(self)
        self.home_screen = HomeScreen(library)
        self.answer_screen = AnswerScreen(library, self.renderer)
        self.glossary_screen = GlossaryScreen(library, self.renderer)
        self.popup = DefinitionPopup(self)

        self.navigator = Navigator(self.stack, Session())
        self.navigator.register("home", self.home_screen)
        self.navigator.register("answer", self.answer_screen)
        self.navigator.register("glossary", self.glossary_screen)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

        self.home_screen.routeRequested.connect(self.navigator.go)
        self.answer_screen.routeRequested.connect(self.navigator.go)
        for screen in (self.answer_screen, self.glossary_screen):
            screen.homeRequested.connect(self.navigator.home)
            screen.backRequested.connect(self.navigator.back)
            screen.termActivated.connect(self.show_definition)
        self.popup.termActivated.connect(self.show_definition)
        self.popup.closed.connect(self._popup_closed)
        self.header.smallerText.connect(lambda: self._change_text(self.session.shrink_text))
        self.header.largerText.connect(lambda: self._change_text(self.session.grow_text))
        self.header.contrastToggled.connect(self._set_contrast)

        self.start_session(Session())

    @property
    def session(self) -> Session:
        return self.navigator.session

    def start_session(self, session: Session) -> None:
        """Begin again for a new patient: everything the last one changed is dropped."""
        self.popup.dismiss()
        self.navigator.session = session
        self._apply_appearance()
        self.navigator.restart(session)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_definition(self, anchor: str) -> None:
        entry = self.library.glossary.by_anchor(anchor)
        if entry is None:
            return
        self.session.popup = anchor
        self.popup.show_definition(entry.term, self.renderer.definition_html(entry))

    def _popup_closed(self) -> None:
        self.session.popup = ""

    def _change_text(self, change: object) -> None:
        if change():  # type: ignore[operator]
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
            theme.apply(app, appearance)
        css = appearance.content_css()
        self.answer_screen.css = css
        self.glossary_screen.css = css
        self.home_screen.set_columns(2 if appearance.scale <= 1.25 else 1)
        s = self.session
        self.header.show_state(
            s.text_percent, s.can_shrink_text(), s.can_grow_text(), s.high_contrast
        )
