"""The answer text: read-only, scrolled by swipe, its links routed inside the kiosk.

It is a read-only ``QTextEdit`` rather than a ``QTextBrowser`` for screen readers: Qt presents a
``QTextBrowser`` as a label, which Orca does not read when it takes the focus, and a read-only
``QTextEdit`` as a text, which Orca reads from the caret (the start of the answer) on focus, line
by line with the arrow keys, and all of it with its Read all command. What the browser did for
links is done here: a tap on a link, Tab and Shift+Tab from link to link, and Enter on one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from kiosk.ui.widgets.kinetic import enable_kinetic_scrolling

log = logging.getLogger(__name__)

TEXT_MARGIN = 32  # around the answer text; the screen title lines up with it
TAP_SLOP = 24  # px a finger may move between press and release and still tap a link
ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass(frozen=True)
class Link:
    start: int  # document positions of the link's text
    end: int
    href: str


class AnswerView(QTextEdit):
    """Shows sanitised HTML from the core. Links are routed, never opened."""

    pageLinkActivated = Signal(str)  # page id
    termActivated = Signal(str)  # glossary anchor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnswerView")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        # A caret for the keyboard (arrows move it, and a screen reader reads where it is), links
        # for keyboard and touch, and no selecting by touch (a finger's drag scrolls).
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # Tab reaches it, a touch does not focus it: no focus ring or caret left on the answer
        # for the next patient, as for buttons (widgets/buttons.py).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setCursorWidth(2)
        self.document().setDocumentMargin(TEXT_MARGIN)
        self._image_root: Path | None = None
        self._pressed_link = ""
        self._pressed_at = QPoint()
        enable_kinetic_scrolling(self)

    def set_image_root(self, root: Path | None) -> None:
        """Only files under ``root`` (the content pack) may be shown as images."""
        self._image_root = root.resolve() if root else None

    def show_html(self, html: str, css: str) -> None:
        # The default style sheet applies when HTML is set, so set it first.
        self.document().setDefaultStyleSheet(css)
        self.setHtml(html)  # the caret goes to the start: a screen reader begins there

    def keep_in_view(self, cursor: QTextCursor) -> None:
        """Scroll so the text at ``cursor`` is on screen, with some text above it."""
        rect = self.cursorRect(cursor)
        viewport = self.viewport().rect()
        if rect.top() < 0 or rect.bottom() > viewport.bottom():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - viewport.height() // 4)

    def show_match(self, words: str, colours: tuple[str, str]) -> bool:
        """Find ``words`` (a search result), highlight them and scroll them into view.

        The caret goes to the match too, so a screen reader reads the line it is on.
        """
        for term in (words, *sorted(words.split(), key=len, reverse=True)):
            found = self.document().find(term)
            if not found.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor = found
                selection.format.setBackground(QColor(colours[0]))
                selection.format.setForeground(QColor(colours[1]))
                self.setExtraSelections([selection])
                self.keep_in_view(found)
                self.place_caret(found.selectionStart())
                return True
        return False

    def place_caret(self, position: int | None = None) -> None:
        """Put the caret at ``position``, or at the start of the first line on screen."""
        if position is None:
            top = self.verticalScrollBar().value()
            position = 0 if top == 0 else self.cursorForPosition(QPoint(0, 0)).position()
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        bar = self.verticalScrollBar()
        scroll = bar.value()
        self.setTextCursor(cursor)
        bar.setValue(scroll)  # the caret goes where the text already is, never the other way

    # -- links --------------------------------------------------------------------------------

    def links(self) -> list[Link]:
        """Every link in the text, in reading order (a link in several formats is one)."""
        found: list[Link] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                href = fragment.charFormat().anchorHref()
                if href:
                    start, end = fragment.position(), fragment.position() + fragment.length()
                    if found and found[-1].href == href and found[-1].end == start:
                        found[-1] = Link(found[-1].start, end, href)
                    else:
                        found.append(Link(start, end, href))
                it += 1
            block = block.next()
        return found

    def focused_link(self) -> Link | None:
        """The link that Tab selected (the caret's selection is exactly one link), if any."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        for link in self.links():
            if (link.start, link.end) == (cursor.selectionStart(), cursor.selectionEnd()):
                return link
        return None

    def focus_link(self, link: Link) -> None:
        """Select ``link`` as the keyboard's place, and scroll it into view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(link.start)
        cursor.setPosition(link.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab goes to the next link after the caret, Shift+Tab to the one before; past the
        last (or first) link, to the next control, as in a web page."""
        if self.hasFocus():
            cursor = self.textCursor()
            links = self.links()
            if forward:
                ahead = [link for link in links if link.start >= cursor.selectionEnd()]
                target = ahead[0] if ahead else None
            else:
                behind = [link for link in links if link.end <= cursor.selectionStart()]
                target = behind[-1] if behind else None
            if target is not None:
                self.focus_link(target)
                return True
        return super().focusNextPrevChild(forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ACTIVATE_KEYS and not event.isAutoRepeat():
            link = self.focused_link()
            if link is not None:
                event.accept()
                self.follow(QUrl(link.href))
                return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position().toPoint()
        left = event.button() == Qt.MouseButton.LeftButton
        self._pressed_link = self.anchorAt(self._pressed_at) if left else ""
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A tap on a link follows it; a swipe that began on one only scrolls."""
        super().mouseReleaseEvent(event)
        at = event.position().toPoint()
        pressed, self._pressed_link = self._pressed_link, ""
        moved = (at - self._pressed_at).manhattanLength()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and pressed
            and moved <= TAP_SLOP
            and self.anchorAt(at) == pressed
        ):
            self.follow(QUrl(pressed))

    def follow(self, url: QUrl) -> None:
        """Go where a link in the text points: a page or a glossary word, and nowhere else."""
        scheme, target = url.scheme(), url.path()
        if scheme == "page" and target:
            self.pageLinkActivated.emit(target)
        elif scheme == "glossary" and target:
            self.termActivated.emit(target)
        else:
            log.info("ignored a link the kiosk does not open: %s", url.toString())

    # -- what screen readers ask for ----------------------------------------------------------

    @Slot(QRectF)
    def _q_ensureVisible(self, rect: QRectF) -> None:
        """Scroll ``rect`` (document coordinates) into view.

        Qt's text accessibility answers a screen reader's "scroll this text into view" (Orca asks
        for every line it reads in Read all) by calling a slot of this name, which QTextEdit no
        longer has in Qt 6; without it Qt logs "No such method" and the view does not follow.
        """
        area = rect.toRect()
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        if area.top() < bar.value():
            bar.setValue(area.top())
        elif area.bottom() > bar.value() + height:
            bar.setValue(min(area.top(), area.bottom() - height))

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        url = name if isinstance(name, QUrl) else QUrl(name)
        if kind != QTextDocument.ResourceType.ImageResource.value or self._image_root is None:
            return None
        if url.scheme() not in ("", "file") or url.host():
            return None
        path = (self._image_root / url.path().lstrip("/")).resolve()
        if not path.is_relative_to(self._image_root) or not path.is_file():
            log.info("refused image outside the content pack: %s", url.toString())
            return None
        return super().loadResource(kind, QUrl.fromLocalFile(str(path)))
