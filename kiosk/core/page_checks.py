"""The checks the loader runs on a page: its Markdown body, its review dates, its reading level."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markdown.util import AMP_SUBSTITUTE

from kiosk.core.model import Glossary, Page, Problem, Severity
from kiosk.core.render import Converted, MarkdownConverter, is_local_image, text_blocks

READING_EASE_TARGET = 60
READING_EASE_WARN_BELOW = 50
MIN_WORDS_FOR_READABILITY = 30  # Flesch scores of a few words swing wildly: not worth a warning
LONG_SENTENCE_WORDS = 30
REVIEW_SOON_DAYS = 60
QUOTE_LIMIT = 80  # characters of content quoted in a message: enough to find it, no more

_REMOTE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:|//)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_COMMENT = re.compile(r"<!--.*?-->")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PackContext:
    """What a page's content checks need to know about the rest of its pack."""

    pack: Path
    page_ids: frozenset[str]
    glossary: Glossary
    converter: MarkdownConverter
    check_marks: bool = True  # False without a glossary.md: one error for that is enough


class _Lines:
    """Finds the source line of something the Markdown parser reported, skipping code."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first = first_line
        self.masked: list[str] = []
        # No fenced-code masking: the kiosk's Markdown has no fenced_code extension either.
        for line in text.splitlines():
            line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
            self.masked.append(_COMMENT.sub(lambda m: " " * len(m.group(0)), line))
        self._next: dict[str, int] = {}

    def find(self, needle: str) -> int:
        # Repeated needles resolve to successive lines, so two bad links give two lines.
        start = self._next.get(needle, 0)
        order: list[int] = [*range(start, len(self.masked)), *range(start)]
        for index in order:
            if needle and needle in self.masked[index]:
                self._next[needle] = index + 1
                return self.first + index
        return self.first

    def find_words(self, words: Sequence[str]) -> int:
        """Line where this run of words starts (Markdown syntax and link targets ignored)."""
        tokens: list[tuple[str, int]] = []
        for index, line in enumerate(self.masked):
            line = re.sub(r"\]\([^)]*\)", "]", line)  # link targets are not shown text
            line = re.sub(r"\|[^\[\]|\n]*\]\]", "]]", line)  # nor the term of [[shown|term]]
            tokens.extend((w, index) for w in _WORD.findall(line.casefold()))
        wanted = [w.casefold() for w in words]
        for i in range(len(tokens) - len(wanted) + 1):
            if [t for t, _ in tokens[i : i + len(wanted)]] == wanted:
                return self.first + tokens[i][1]
        return self.first


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` as a message quotes it: at most ``limit`` characters, cut after a whole word
    where there is one, and `` ...`` where something was left out."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 4]
    if " " in cut and text[len(cut)] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return f"{cut.rstrip()} ..."


def check_markdown(
    text: str,
    *,
    path: str,
    first_line: int,
    context: PackContext,
    converted: Converted | None = None,
) -> list[Problem]:
    """Errors in a Markdown body: raw HTML, network links or images, unknown pages or terms.

    ``converted`` is ``text`` already parsed by ``context.converter``, if the caller has it."""
    converted = converted or context.converter.convert(text)
    lines = _Lines(text, first_line)
    return _markup_errors(converted, lines, path, context)


def _markup_errors(
    converted: Converted, lines: _Lines, path: str, context: PackContext
) -> list[Problem]:
    problems: list[Problem] = []

    def error(needle: str, message: str) -> None:
        problems.append(Problem(path, lines.find(needle), message))

    for raw in converted.raw_html:
        snippet = raw.strip()
        if snippet.startswith(("<!--", "</")):
            continue  # comments are dropped on render; a closing tag was reported with its opener
        first = snippet.splitlines()[0] if snippet else snippet
        error(first, f"raw HTML is not allowed (it is removed on screen): {quoted(first)}")
    for link in converted.root.iter("a"):
        href = _unescape(link.get("href", ""))
        if link.get("class") == "term":
            continue  # made from a known glossary mark
        if href.startswith("page:"):
            if href[len("page:") :] not in context.page_ids:
                error(href, f"link to a page that does not exist: {quoted(href)}")
        elif href.startswith("glossary:"):
            if context.glossary.by_anchor(href[len("glossary:") :]) is None:
                error(href, f"link to a glossary entry that does not exist: {quoted(href)}")
        else:
            shown = quoted(href) or "(empty)"
            error(href, f"web link {shown}: the kiosk is offline, only page:<id> links work")
    for image in converted.root.iter("img"):
        src = _unescape(image.get("src", ""))
        if _REMOTE.match(src):
            error(src, f"image from outside the pack: {quoted(src)} (store the file in the pack)")
        elif not is_local_image(src):
            error(src, f"image path must be relative to the pack folder: {quoted(src)}")
        elif not (context.pack / src).is_file():
            error(
                src, f"image not found: {quoted(src)} (looked in {context.pack.name}/{quoted(src)})"
            )
    for mark in converted.marks:
        if mark.entry is None and context.check_marks:
            error(
                mark.source,
                f"glossary term not defined: {quoted(mark.term)!r} (add it to glossary.md)",
            )
    return problems


def _unescape(url: str) -> str:
    # Markdown hides e-mail autolinks as entities behind its own placeholder; show them plainly.
    return html.unescape(url.replace(AMP_SUBSTITUTE, "&"))


def check_page(
    page: Page,
    *,
    path: str,
    meta_lines: Mapping[str, int],
    context: PackContext,
    today: date,
    converted: Converted | None = None,
) -> list[Problem]:
    """Every content error and warning for one page whose metadata is already valid."""
    converted = converted or context.converter.convert(page.body)
    lines = _Lines(page.body, page.body_line)
    problems = _markup_errors(converted, lines, path, context)
    problems += review_warnings(page, path=path, meta_lines=meta_lines, today=today)
    problems += _reading_warnings(text_blocks(converted.root), lines, path)
    return problems


def review_warnings(
    page: Page, *, path: str, meta_lines: Mapping[str, int], today: date
) -> list[Problem]:
    """Review due or overdue, and missing clinical sign-off."""
    problems: list[Problem] = []
    line = meta_lines.get("next_review", 1)
    days = (page.next_review - today).days
    if days < 0:
        message = f"review overdue: next_review was {page.next_review.isoformat()}"
        problems.append(Problem(path, line, message, Severity.WARNING))
    elif days <= REVIEW_SOON_DAYS:
        message = f"review due soon: next_review is {page.next_review.isoformat()} (in {days} days)"
        problems.append(Problem(path, line, message, Severity.WARNING))
    missing = [k for k in ("approved_by", "approved_on") if getattr(page, k) is None]
    if missing:
        message = f"no clinical sign-off: {' and '.join(missing)} missing"
        problems.append(Problem(path, 1, message, Severity.WARNING))
    return problems


def _reading_warnings(blocks: list[str], lines: _Lines, path: str) -> list[Problem]:
    problems: list[Problem] = []
    # Headings and list items rarely end in a full stop; without one textstat runs them together.
    plain = "\n".join(b if b[-1] in ".!?:" else f"{b}." for b in blocks)
    if len(plain.split()) >= MIN_WORDS_FOR_READABILITY:
        # Imported here: textstat loads pkg_resources and a hyphenation dictionary (a quarter
        # of a second or more), which the kiosk's start-up should not pay for every page.
        import textstat

        score = textstat.flesch_reading_ease(plain)
        if score < READING_EASE_WARN_BELOW:
            message = (
                f"hard to read: Flesch reading ease {score:.0f}, target {READING_EASE_TARGET} "
                "(use shorter sentences and everyday words)"
            )
            problems.append(Problem(path, lines.first, message, Severity.WARNING))
    for sentence in _sentences(blocks):
        words = sentence.split()
        if len(words) > LONG_SENTENCE_WORDS:
            # The first words are enough to find it; a sentence of long words is cut shorter.
            start = quoted(" ".join(words[:8]) + " ...")
            line = lines.find_words(_WORD.findall(sentence)[:6])
            message = (
                f"long sentence ({len(words)} words, aim for at most {LONG_SENTENCE_WORDS}): "
                f'"{start}"'
            )
            problems.append(Problem(path, line, message, Severity.WARNING))
            break  # one per page is enough to send the writer back to it
    return problems


def _sentences(blocks: Iterable[str]) -> Iterable[str]:
    for block in blocks:
        yield from (s for s in re.split(r"(?<=[.!?])\s+", block) if s)
