"""Turn the kiosk's sanitised answer HTML into the plain subset a printed leaflet uses."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

# Tags passed through as they are, without attributes.
_KEEP = frozenset({"p", "ul", "ol", "li", "strong", "b", "tr", "td"})
_VOID = frozenset({"br", "hr", "img"})
# Headings inside an answer sit under the answer's own h2.
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Never printed, content and all (nh3 already removed them: this is a second line of defence).
_SKIP = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template"})
_IMAGE_ONLY = re.compile(r"<p>\s*(<img [^>]*>)\s*</p>")
_TABLE = '<table border="1" cellspacing="0" cellpadding="6">'

ImageHook = Callable[[str, str], str | None]  # (src, alt) -> an <img> tag, or None to drop it


@dataclass(frozen=True)
class PrintHtml:
    """A block of leaflet HTML, and the glossary marks it contained: (anchor, text shown)."""

    html: str
    marks: tuple[tuple[str, str], ...]


def to_print_html(
    source: str, *, bold_terms: bool = True, image: ImageHook | None = None
) -> PrintHtml:
    """Rewrite ``source`` (output of ``Renderer``) for print.

    Links become plain text (paper cannot be tapped), glossary marks bold words (or plain with
    ``bold_terms=False``), emphasis plain (clear print: no italics), table headers bold cells.
    Only the print subset comes out, without attributes, and all text is escaped again.
    """
    parser = _Rewriter(bold_terms, image)
    parser.feed(source)
    parser.close()
    # A paragraph that is only an image gets single line height (see the style sheet).
    text = _IMAGE_ONLY.sub(r'<p class="image">\1</p>', "".join(parser.out).strip())
    return PrintHtml(text, tuple(parser.marks))


class _Rewriter(HTMLParser):
    def __init__(self, bold_terms: bool, image: ImageHook | None) -> None:
        super().__init__(convert_charrefs=True)
        self.bold_terms, self.image = bold_terms, image
        self.out: list[str] = []
        self.marks: list[tuple[str, str]] = []
        # Open tags: (tag, what closes it in the output, glossary anchor if it is a mark).
        self._open: list[tuple[str, str, str | None]] = []
        self._skip = 0
        self._shown: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._void(tag, dict(attrs))
            return
        anchor, closing = None, ""
        if tag in _SKIP:
            self._skip += 1
        elif tag in _KEEP:
            self.out.append(f"<{tag}>")
            closing = f"</{tag}>"
        elif tag in _HEADINGS:
            self.out.append("<h3>")
            closing = "</h3>"
        elif tag == "table":
            self.out.append(_TABLE)
            closing = "</table>"
        elif tag == "th":
            self.out.append("<td><b>")
            closing = "</b></td>"
        elif tag == "a" and (anchor := _glossary_anchor(dict(attrs))):
            self._shown = []
            if self.bold_terms:
                self.out.append("<b>")
                closing = "</b>"
        # Anything else (em, i, span, a, thead, tbody, blockquote) keeps only its content.
        self._open.append((tag, closing, anchor))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._void(tag, dict(attrs))
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or all(open_tag != tag for open_tag, _, _ in self._open):
            return
        while self._open:
            open_tag, closing, anchor = self._open.pop()
            if open_tag in _SKIP:
                self._skip -= 1
            self.out.append(closing)
            if anchor is not None:
                self.marks.append((anchor, " ".join("".join(self._shown).split())))
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._shown.append(data)
        self.out.append(html.escape(data, quote=False))

    def close(self) -> None:
        super().close()
        while self._open:  # close whatever the source left open, so the blocks stay balanced
            self.handle_endtag(self._open[-1][0])

    def _void(self, tag: str, attrs: dict[str, str | None]) -> None:
        if self._skip:
            return
        if tag != "img":
            self.out.append(f"<{tag}>")
            return
        alt = attrs.get("alt") or ""
        found = self.image(attrs.get("src") or "", alt) if self.image else None
        self.out.append(found if found is not None else html.escape(alt, quote=False))


def _glossary_anchor(attrs: dict[str, str | None]) -> str | None:
    href = attrs.get("href") or ""
    if attrs.get("class") == "term" and href.startswith("glossary:"):
        return href.removeprefix("glossary:")
    return None
