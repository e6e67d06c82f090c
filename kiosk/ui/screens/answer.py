"""Answer: one question's answer, its source and review dates, and the way to the next one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QTextEdit, QWidget

from kiosk.core.credits import credit_html
from kiosk.core.model import Library
from kiosk.core.render import Renderer
from kiosk.core.session import Route
from kiosk.ui.screen_reader import focus_as_screen_opens
from kiosk.ui.screens.reading import ReadingScreen
from kiosk.ui.speech import ReadAloud
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.speech_bar import SpeechBar


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
        self.print_button = touch_button(
            "Print this for me",
            "PatientPrint",
            "Print this for me: this answer, to take home",
            self,
        )
        self.print_button.setVisible(can_print)
        self._can_print = can_print
        self.print_button.clicked.connect(lambda: self.printRequested.emit(self.page_id))
        self.listen_button = touch_button(
            "Listen", "Listen", "Listen: read this answer aloud", self
        )
        self.listen_button.hide()
        self.listen_button.clicked.connect(self.listen)
        actions = QHBoxLayout()  # together beside the title, or together under it
        actions.setSpacing(16)
        actions.addWidget(self.listen_button)
        actions.addWidget(self.print_button)
        self.title_row.add(actions)
        self.speech_bar = SpeechBar(self)
        self.speech_bar.hide()
        box = self.layout()
        assert isinstance(box, QBoxLayout)  # ReadingScreen's column of parts
        box.insertWidget(1, self.speech_bar)
        self.speech: ReadAloud | None = None
        self._spoken_offset = 0
        self.highlight_colours = ("#FFDD00", "#0B0C0C")

    def set_speech(self, speech: ReadAloud | None) -> None:
        """Offer read aloud only while the speech engine has a voice for the content's language:
        it comes up after the first paint, and may fail and come back at any time."""
        self.speech = speech if speech is not None and speech.enabled else None
        self._show_listen()
        if self.speech is not None:
            self.speech.availabilityChanged.connect(self._show_listen)
            self.speech.speaking.connect(self._speaking)
            self.speech.paused.connect(self.speech_bar.show_paused)
            self.speech.sentence.connect(self._show_sentence)
            self.speech_bar.pauseToggled.connect(self.speech.toggle_pause)
            self.speech_bar.stopRequested.connect(self.speech.stop)

    def spoken_text(self) -> str:
        """What Listen reads: the question, then the answer as shown, and not the buttons."""
        return f"{self.title.text()}.\n{self.view.toPlainText()}"

    def _show_listen(self, _available: bool = False) -> None:
        speech = self.speech
        self.listen_button.setVisible(
            speech is not None and speech.available and not speech.is_active()
        )

    def listen(self) -> None:
        if self.speech is None or not self.speech.available:
            return
        self._spoken_offset = len(self.title.text()) + 2
        self.speech.speak(self.spoken_text())

    def _speaking(self, on: bool) -> None:
        self.speech_bar.setVisible(on)
        self._show_listen()
        # The reading-aloud bar takes Print's place while it shows: on a short screen at large
        # text there is no height for both beside a long question.
        self.print_button.setVisible(self._can_print and not on)
        if not on:
            self.view.setExtraSelections([])

    def _show_sentence(self, start: int, end: int) -> None:
        """Highlight the sentence being read and keep it in view."""
        begin = max(0, start - self._spoken_offset)
        finish = end - self._spoken_offset
        if finish <= 0 or not self.isVisible():
            return
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(min(begin, self.view.document().characterCount() - 1))
        cursor.setPosition(
            min(finish, self.view.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor
        )
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        background, text = self.highlight_colours
        selection.format.setBackground(QColor(background))
        selection.format.setForeground(QColor(text))
        self.view.setExtraSelections([selection])
        self.view.keep_in_view(cursor)

    def highlighted_text(self) -> str:
        selections = self.view.extraSelections()
        if not selections:
            return ""
        selection = selections[0]
        return QTextCursor(selection.cursor).selectedText()

    def show_route(self, route: Route, scroll: int | None) -> None:
        if self.speech is not None:
            self.speech.stop()
        page = self.library.page(route.arg)
        self.page_id = page.id
        self.set_title(page.title)
        # Between the title (the text's name) and the text: see kiosk/ui/screen_reader.py.
        focus_as_screen_opens(self.view)
        html = self.renderer.page_html(page.id) + credit_html(page, self.library.info)
        self.view.show_html(html, self.css)
        self.restore_scroll(scroll)
        if route.find:
            self.view.show_match(route.find, self.highlight_colours)
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
