"""Markdown to safe HTML for the kiosk screens: glossary marks, page links, nh3, cached."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import NamedTuple
from xml.etree import ElementTree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, AtomicString

from kiosk.core.model import Glossary, GlossaryEntry, Library

# [[term]] or [[shown|term]]; no brackets or newlines inside, so ordinary links never match.
MARK_PATTERN = r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]|\n]+?))?\]\]"

ALLOWED_TAGS = frozenset(
    {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "table", "thead", "tbody"}
    | {"tr", "th", "td", "a", "img", "br", "blockquote", "hr", "span"}
)
CLEAN_CONTENT_TAGS = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template"}
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align"},
    "td": {"align"},
}
_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "table"}
    | {"thead", "tbody", "tr", "th", "td", "div", "pre", "hr"}
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_STASHED = re.compile("\x02[^\x03]*\x03")  # placeholders markdown leaves for raw HTML


def is_local_image(src: str) -> bool:
    """True for a plain relative path inside the pack, e.g. ``images/pelvis.png``."""
    if not src or src.startswith(("/", "\\")) or "\\" in src or _SCHEME.match(src):
        return False  # absolute, UNC, protocol-relative, or any scheme (http:, data:, file:, C:)
    return ".." not in PurePosixPath(src).parts


@dataclass(frozen=True)
class Mark:
    """A glossary mark as written in the Markdown, and the entry it refers to (if any)."""

    source: str  # e.g. "[[ligaments|ligament]]"
    shown: str
    term: str
    entry: GlossaryEntry | None


@dataclass(frozen=True)
class Converted:
    """One Markdown conversion: unsanitised HTML plus what the validator needs to inspect."""

    html: str
    root: ElementTree.Element
    marks: tuple[Mark, ...]
    raw_html: tuple[str, ...]


class _MarkProcessor(InlineProcessor):
    def __init__(self, extension: GlossaryExtension) -> None:
        super().__init__(MARK_PATTERN)
        self.extension = extension

    # markdown's stubs give InlineProcessor.handleMatch another signature than Pattern's, which
    # it subclasses; this is the InlineProcessor one, as Markdown calls it.
    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[ElementTree.Element | str, int, int]:
        shown = m.group(1).strip()
        term = (m.group(2) or m.group(1)).strip()
        entry = self.extension.glossary.lookup(term)
        self.extension.marks.append(Mark(m.group(0), shown, term, entry))
        if entry is None:
            return shown, m.start(0), m.end(0)  # unknown term: plain text, validator reports it
        link = ElementTree.Element("a", {"href": f"glossary:{entry.anchor}", "class": "term"})
        link.text = AtomicString(shown)
        return link, m.start(0), m.end(0)


class _Headings(Treeprocessor):
    """The kiosk shows the page title itself, so a body's ``#`` starts at h2; h5/h6 fold to h4."""

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.tag == "h1":
                element.tag = "h2"
            elif element.tag in ("h5", "h6"):
                element.tag = "h4"


class _Capture(Treeprocessor):
    def __init__(self, extension: GlossaryExtension) -> None:
        super().__init__()
        self.extension = extension

    def run(self, root: ElementTree.Element) -> None:
        self.extension.root = root


class GlossaryExtension(Extension):
    """``[[term]]`` / ``[[shown|term]]`` marks become ``glossary:ANCHOR`` links."""

    def __init__(self, glossary: Glossary) -> None:
        super().__init__()
        self.glossary = glossary
        self.marks: list[Mark] = []
        self.root = ElementTree.Element("div")

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.registerExtension(self)
        # Below backticks and escapes (so code spans win) but above links and references.
        md.inlinePatterns.register(_MarkProcessor(self), "glossary-mark", 175)
        md.treeprocessors.register(_Headings(md), "kiosk-headings", 5)
        # After "unescape" (priority 0), so the captured tree holds final text.
        md.treeprocessors.register(_Capture(self), "kiosk-capture", -10)

    def reset(self) -> None:
        self.marks = []
        self.root = ElementTree.Element("div")


class MarkdownConverter:
    """One reused ``markdown.Markdown`` (extensions as instances: no lookup when frozen)."""

    def __init__(self, glossary: Glossary) -> None:
        self._glossary = GlossaryExtension(glossary)
        self._md = markdown.Markdown(
            extensions=[
                TableExtension(use_align_attribute=True),
                SaneListExtension(),
                self._glossary,
            ],
            output_format="html",
        )
        self.conversions = 0

    def convert(self, text: str) -> Converted:
        self._md.reset()
        result = self._md.convert(text)
        self.conversions += 1
        raw = tuple(b for b in self._md.htmlStash.rawHtmlBlocks if isinstance(b, str))
        return Converted(result, self._glossary.root, tuple(self._glossary.marks), raw)


def text_blocks(root: ElementTree.Element) -> list[str]:
    """Plain text of each paragraph, heading, list item and table cell, in document order."""
    out: list[str] = []

    def flush(parts: list[str]) -> None:
        text = html.unescape(_STASHED.sub("", "".join(parts).replace(AMP_SUBSTITUTE, "&")))
        text = " ".join(text.split())
        if text:
            out.append(text)

    def walk(element: ElementTree.Element) -> None:
        parts = [element.text or ""]
        for child in element:
            if child.tag in _BLOCK_TAGS:
                flush(parts)
                walk(child)
                parts = [child.tail or ""]
            else:
                parts.extend(("".join(child.itertext()), child.tail or ""))
        flush(parts)

    walk(root)
    return out


def plain_text(converted: Converted) -> str:
    """What a reader sees of a converted body, one block per line (for search)."""
    return "\n".join(text_blocks(converted.root))


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    conversions: int  # how many times Markdown was actually parsed
    size: int


class Renderer:
    """Safe HTML for a library's pages and glossary, each parsed once and then cached."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._converter = MarkdownConverter(library.glossary)
        self._cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            clean_content_tags=set(CLEAN_CONTENT_TAGS),
            # "*": none, or ammonia would also allow its generic lang and title everywhere.
            attributes={"*": set()} | {tag: set(n) for tag, n in ALLOWED_ATTRIBUTES.items()},
            allowed_classes={"a": {"term"}},
            # A function of the library, not a method: nh3's cleaner is opaque to Python's
            # garbage collector, so a bound method would make a cycle that is never freed
            # (80 KiB lost for every leaflet made, which builds a Renderer each time).
            attribute_filter=_attribute_filter(library),
            url_schemes={"page", "glossary"},
            link_rel=None,
        )
        self._cache: dict[object, str] = {}
        self._hits = 0
        self._misses = 0

    def page_html(self, page_id: str) -> str:
        page = self.library.page(page_id)
        return self._cached(("page", page_id), lambda: self.markdown_html(page.body))

    def definition_html(self, entry: GlossaryEntry) -> str:
        return self._cached(("entry", entry), lambda: self.markdown_html(entry.definition))

    def glossary_html(self) -> str:
        """Every entry under an ``<a name>`` anchor, for ``QTextBrowser.scrollToAnchor``."""

        def build() -> str:
            parts = []
            for entry in self.library.glossary.sorted_entries():
                term = html.escape(entry.term)
                parts.append(f'<h2><a name="{entry.anchor}"></a>{term}</h2>')
                parts.append(self.definition_html(entry))
            return "\n".join(parts)

        return self._cached("glossary", build)

    def markdown_html(self, text: str) -> str:
        """Uncached: Markdown to sanitised HTML."""
        return self._cleaner.clean(self._converter.convert(text).html)

    def cache_info(self) -> CacheInfo:
        return CacheInfo(self._hits, self._misses, self._converter.conversions, len(self._cache))

    def clear_cache(self) -> None:
        self._cache.clear()

    def _cached(self, key: object, build: Callable[[], str]) -> str:
        found = self._cache.get(key)
        if found is not None:
            self._hits += 1
            return found
        self._misses += 1
        result = self._cache[key] = build()
        return result


def _attribute_filter(library: Library) -> Callable[[str, str, str], str | None]:
    """Keeps links to the library's own pages and glossary words and local images only."""

    def keep(element: str, attribute: str, value: str) -> str | None:
        # nh3 reports (not raises) exceptions from here, so keep it total.
        if element == "a" and attribute == "href":
            if value.startswith("page:"):
                return value if library.has_page(value[len("page:") :]) else None
            if value.startswith("glossary:"):
                known = library.glossary.by_anchor(value[len("glossary:") :])
                return value if known else None
            return None  # web, mail, script and relative links: the kiosk is offline
        if element == "img" and attribute == "src":
            return value if is_local_image(value) else None
        return value

    return keep
