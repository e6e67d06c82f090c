"""The answer text: a read-only QTextBrowser that scrolls by swipe and never leaves the kiosk."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QTextEdit, QWidget

from kiosk.ui.widgets.kinetic import enable_kinetic_scrolling

log = logging.getLogger(__name__)

TEXT_MARGIN = 32  # around the answer text; the screen title lines up with it


class AnswerView(QTextBrowser):
    """Shows sanitised HTML from the core. Links are routed, never opened."""

    pageLinkActivated = Signal(str)  # page id
    termActivated = Signal(str)  # glossary anchor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnswerView")
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.document().setDocumentMargin(TEXT_MARGIN)
        self._image_root: Path | None = None
        self.anchorClicked.connect(self._route_link)
        enable_kinetic_scrolling(self)

    def set_image_root(self, root: Path | None) -> None:
        """Only files under ``root`` (the content pack) may be shown as images."""
        self._image_root = root.resolve() if root else None

    def show_html(self, html: str, css: str) -> None:
        # The default style sheet applies when HTML is set, so set it first.
        self.document().setDefaultStyleSheet(css)
        self.setHtml(html)

    def keep_in_view(self, cursor: QTextCursor) -> None:
        """Scroll so the text at ``cursor`` is on screen, with some text above it."""
        rect = self.cursorRect(cursor)
        viewport = self.viewport().rect()
        if rect.top() < 0 or rect.bottom() > viewport.bottom():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - viewport.height() // 4)

    def show_match(self, words: str, colours: tuple[str, str]) -> bool:
        """Find ``words`` (a search result), highlight them and scroll them into view."""
        for term in (words, *sorted(words.split(), key=len, reverse=True)):
            found = self.document().find(term)
            if not found.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor = found
                selection.format.setBackground(QColor(colours[0]))
                selection.format.setForeground(QColor(colours[1]))
                self.setExtraSelections([selection])
                self.keep_in_view(found)
                return True
        return False

    def _route_link(self, url: QUrl) -> None:
        scheme, target = url.scheme(), url.path()
        if scheme == "page" and target:
            self.pageLinkActivated.emit(target)
        elif scheme == "glossary" and target:
            self.termActivated.emit(target)
        else:
            log.info("ignored a link the kiosk does not open: %s", url.toString())

    def loadResource(self, kind: int, url: QUrl) -> object:
        if kind != QTextDocument.ResourceType.ImageResource.value or self._image_root is None:
            return None
        if url.scheme() not in ("", "file") or url.host():
            return None
        path = (self._image_root / url.path().lstrip("/")).resolve()
        if not path.is_relative_to(self._image_root) or not path.is_file():
            log.info("refused image outside the content pack: %s", url.toString())
            return None
        return super().loadResource(kind, QUrl.fromLocalFile(str(path)))
