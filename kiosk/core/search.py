"""Search over pages and glossary entries, forgiving small spelling mistakes and accents."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from array import array
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kiosk.core.model import Library
from kiosk.core.render import MarkdownConverter, plain_text

TITLE_WEIGHT = 3.0  # page titles, glossary terms and aliases
SUMMARY_WEIGHT = 2.0
TEXT_WEIGHT = 1.0  # answer text, definitions
EXACT, PREFIX, FUZZY = 1.0, 0.9, 0.8  # how much a word counts by how well it matched
OTHER_FIELDS = 0.2  # share of matches outside the best field
WHOLE_TITLE = 2.0  # bonus when the query words are the whole title or term
FUZZY_MIN_LENGTH = 5  # shorter words have too many near neighbours ("pain", "gain")
FUZZY_CUTOFF = 80  # rapidfuzz ratio: one or two letters wrong in a word of 8+
SNIPPET_CHARS = 100
WORD_CACHE_SIZE = 5_000  # words typed, with what each matched
# Dropped from a query that has other words: patients type questions ("what is collagen"), and
# the question words would otherwise rule out every glossary entry.
STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "be", "can", "do", "does", "for", "how", "i", "in", "is", "it"}
    | {"my", "of", "on", "or", "the", "to", "what", "when", "which", "who", "why"}
)

_WORD = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=50_000)
def normalise(word: str) -> str:
    """Case- and accent-insensitive form of a word: ``"Anaesthésia"`` -> ``"anaesthesia"``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(normalise(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(text)]


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "page" or "glossary"
    target: str  # page id or glossary anchor
    title: str
    snippet: str  # plain text around the match
    matched: str  # the text that matched, as written, so the UI can scroll to it
    score: float


@dataclass(frozen=True)
class _Field:
    text: str
    weight: float
    words: tuple[str, ...]  # normalised; the same word is one shared string throughout
    spans: array[int]  # start and end of each word in ``text``: 8 bytes a word, not 100


@dataclass(frozen=True)
class _Doc:
    kind: str
    target: str
    title: str
    fields: tuple[_Field, ...]  # in the order a snippet is looked for
    blurb: str  # the snippet when only the title matched: summary or definition
    core_title: tuple[str, ...]  # the title's words that a query can be compared with


def _field(text: str, weight: float) -> _Field:
    tokens = _tokens(text)
    spans = array("I", (offset for _, start, end in tokens for offset in (start, end)))
    return _Field(text, weight, tuple(word for word, _, _ in tokens), spans)


def _doc(kind: str, target: str, title: str, pairs: list[tuple[str, float]], blurb: str) -> _Doc:
    fields = tuple(_field(text, weight) for text, weight in pairs)
    core = tuple(t for t, _, _ in _tokens(title) if t not in STOP_WORDS)
    return _Doc(kind, target, title, fields, blurb, core)


class SearchIndex:
    """Tokens of every page and glossary entry, computed once so each query is cheap."""

    def __init__(
        self, library: Library, texts: Mapping[tuple[str, str], str] | None = None
    ) -> None:
        """Index ``library``; ``texts`` may hold bodies already parsed to plain text, by key
        ``("page", id)`` or ``("glossary", anchor)`` (see ``PackReading.check``)."""
        converter = MarkdownConverter(library.glossary)
        known = texts or {}

        def text_of(key: tuple[str, str], markdown: str) -> str:
            found = known.get(key)
            return found if found is not None else plain_text(converter.convert(markdown))

        docs: list[_Doc] = []
        for page in library.pages:
            body = text_of(("page", page.id), page.body)
            fields = [(body, TEXT_WEIGHT), (page.summary, SUMMARY_WEIGHT)]
            fields.append((page.title, TITLE_WEIGHT))
            docs.append(_doc("page", page.id, page.title, fields, page.summary))
        for entry in library.glossary.sorted_entries():
            definition = text_of(("glossary", entry.anchor), entry.definition)
            fields = [(definition, TEXT_WEIGHT), (entry.term, TITLE_WEIGHT)]
            fields += [(alias, TITLE_WEIGHT) for alias in entry.aliases]
            docs.append(_doc("glossary", entry.anchor, entry.term, fields, definition))
        self._docs = docs
        # token -> (document, field weight) pairs, each pair once
        self._postings: dict[str, set[tuple[int, float]]] = {}
        for number, doc in enumerate(docs):
            for field in doc.fields:
                for token in field.words:
                    self._postings.setdefault(token, set()).add((number, field.weight))
        self._vocabulary = sorted(self._postings)
        self._word_cache: dict[str, dict[str, float]] = {}

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        words = [token for token, _, _ in _tokens(query)]
        if any(w not in STOP_WORDS for w in words):
            words = [w for w in words if w not in STOP_WORDS]
        if not words:
            return []
        matches = [self._matches(word) for word in words]
        scores: dict[int, float] | None = None
        for candidates in matches:
            best: dict[int, float] = {}
            total: dict[int, float] = {}
            for token, quality in candidates.items():
                for doc, weight in self._postings[token]:
                    best[doc] = max(best.get(doc, 0.0), quality * weight)
                    total[doc] = total.get(doc, 0.0) + quality * weight
            # The best field counts fully; the word turning up elsewhere too breaks ties.
            word = {doc: b + OTHER_FIELDS * (total[doc] - b) for doc, b in best.items()}
            # Every query word must match something in the document.
            if scores is None:
                scores = word
            else:
                scores = {doc: s + word[doc] for doc, s in scores.items() if doc in word}
        scores = scores or {}
        for doc in scores:
            title = self._docs[doc].core_title
            if len(title) == len(matches) and all(
                t in m for t, m in zip(title, matches, strict=True)
            ):
                scores[doc] += WHOLE_TITLE  # the query is the title or term itself
        ranked = sorted(scores.items(), key=lambda i: (-i[1], self._docs[i[0]].title))
        return [self._hit(self._docs[doc], score, matches) for doc, score in ranked[:limit]]

    def _matches(self, word: str) -> dict[str, float]:
        """Indexed words that ``word`` may stand for, with how well each matches."""
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if len(word) >= FUZZY_MIN_LENGTH:
            for token, ratio, _ in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
            ):
                found[token] = FUZZY * ratio / 100
        if len(word) >= 3:  # a word still being typed: "prolo" finds "prolotherapy"
            start = bisect.bisect_left(self._vocabulary, word)
            for token in self._vocabulary[start:]:
                if not token.startswith(word):
                    break
                found[token] = PREFIX
        if word in self._postings:
            found[word] = EXACT
        if len(self._word_cache) >= WORD_CACHE_SIZE:
            self._word_cache.clear()  # months of patients' typing must not grow it for ever
        self._word_cache[word] = found
        return found

    def _hit(self, doc: _Doc, score: float, matches: list[dict[str, float]]) -> SearchHit:
        # Without the whole phrase, point at the rarest query word: it says most about the hit.
        rarest = min(matches, key=lambda m: sum(len(self._postings[t]) for t in m))
        found = None
        for field in doc.fields:  # text fields first, so the UI can scroll to the match
            span = _span(field, matches, rarest)
            if span is not None and (found is None or field.weight < TITLE_WEIGHT):
                found = (field, *span)
                if field.weight < TITLE_WEIGHT:
                    break
        if found is None:
            return SearchHit(doc.kind, doc.target, doc.title, _snippet(doc.blurb, 0, 0), "", score)
        field, start, end = found
        matched = field.text[start:end]
        if field.weight < TITLE_WEIGHT:
            snippet = _snippet(field.text, start, end)
        else:  # only the title or term matched: show the start of the summary or definition
            snippet = _snippet(doc.blurb, 0, 0)
        return SearchHit(doc.kind, doc.target, doc.title, snippet, matched, round(score, 3))


def _span(
    field: _Field, matches: list[dict[str, float]], focus: dict[str, float]
) -> tuple[int, int] | None:
    """Where the query's words appear together, else where the ``focus`` word appears."""
    first = None
    words, spans = field.words, field.spans
    count, head = len(matches), matches[0]
    for i, word in enumerate(words):
        if first is None and word in focus:
            first = (spans[2 * i], spans[2 * i + 1])
        if (
            word in head
            and i + count <= len(words)
            and all(words[i + k] in matches[k] for k in range(1, count))
        ):
            return spans[2 * i], spans[2 * (i + count) - 1]
    return first


def _snippet(text: str, start: int, end: int) -> str:
    """About ``SNIPPET_CHARS`` of text around a match, cut at word boundaries."""
    before = max(0, start - (SNIPPET_CHARS - (end - start)) // 3)
    after = min(len(text), before + max(SNIPPET_CHARS, end - start))
    if before > 0:
        space = text.find(" ", before, start)
        before = space + 1 if space != -1 else before
    if after < len(text):
        space = text.rfind(" ", end, after)
        after = space if space != -1 else after
    snippet = " ".join(text[before:after].split())
    return ("… " if before > 0 else "") + snippet + (" …" if after < len(text) else "")
