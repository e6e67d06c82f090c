"""The content model: a library of pages and a glossary, as loaded from a content pack."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, pointing at a file and line."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity.value}: {self.message}"


class PageKind(StrEnum):
    QUESTION = "question"  # a question the source answers: a large tile on Home
    INFO = "info"  # supporting pages: about this information, questions to ask
    GLOSSARY = "glossary"  # the metadata block of glossary.md


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    summary: str
    order: int
    kind: PageKind
    source: str
    source_url: str
    source_reviewed: str
    reviewed: date
    next_review: date
    body: str  # Markdown
    path: Path
    body_line: int  # line number of the body's first line in ``path``
    approved_by: str | None = None
    approved_on: date | None = None


def term_key(text: str) -> str:
    """Normalise a glossary term or a reference to one.

    ``"Sacroiliac  Joints"`` -> ``"sacroiliac joints"``.
    """
    return re.sub(r"\s+", " ", text.strip().casefold())


@dataclass(frozen=True)
class GlossaryEntry:
    term: str  # as shown, e.g. "Sacroiliac joint"
    definition: str  # Markdown
    aliases: tuple[str, ...] = ()  # other forms that refer to it, e.g. "sacroiliac joints"
    line: int = 0

    @property
    def key(self) -> str:
        return term_key(self.term)

    @property
    def anchor(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.key).strip("-")


@dataclass(frozen=True)
class Glossary(Mapping[str, GlossaryEntry]):
    """Glossary entries by key, also found by any alias or a simple plural."""

    entries: tuple[GlossaryEntry, ...] = ()
    path: Path | None = None
    _index: dict[str, GlossaryEntry] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _anchors: dict[str, GlossaryEntry] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for entry in sorted(self.entries, key=lambda e: e.key):
            for name in (entry.term, *entry.aliases):
                self._index.setdefault(term_key(name), entry)
            self._anchors.setdefault(entry.anchor, entry)

    def lookup(self, text: str) -> GlossaryEntry | None:
        key = term_key(text)
        found = self._index.get(key)
        if found is None:
            for suffix in ("es", "s"):
                if key.endswith(suffix) and (found := self._index.get(key[: -len(suffix)])):
                    break
        return found

    def __getitem__(self, key: str) -> GlossaryEntry:
        entry = self.lookup(key)
        if entry is None:
            raise KeyError(key)
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(e.key for e in self.entries))

    def __len__(self) -> int:
        return len(self.entries)

    def by_anchor(self, anchor: str) -> GlossaryEntry | None:
        return self._anchors.get(anchor)

    def sorted_entries(self) -> list[GlossaryEntry]:
        return sorted(self.entries, key=lambda e: e.key)


@dataclass(frozen=True)
class PackInfo:
    """What ``pack.toml`` says about the whole pack."""

    title: str
    language: str
    disclaimer: str
    subtitle: str = ""


@dataclass(frozen=True)
class Library:
    """Everything the kiosk shows: the good pages, in order, and the glossary."""

    root: Path
    info: PackInfo
    pages: tuple[Page, ...]
    glossary: Glossary
    glossary_page: Page | None = None  # the glossary file's own metadata (dates, credit)
    problems: tuple[Problem, ...] = ()
    # Position of each page by id: lookups stay instant however large the pack.
    _positions: dict[str, int] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        for number, page in enumerate(self.pages):
            self._positions.setdefault(page.id, number)

    def page(self, page_id: str) -> Page:
        return self.pages[self._positions[page_id]]

    def has_page(self, page_id: str) -> bool:
        return page_id in self._positions

    @property
    def questions(self) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.kind is PageKind.QUESTION)

    @property
    def info_pages(self) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.kind is PageKind.INFO)

    def neighbours(self, page_id: str) -> tuple[Page | None, Page | None]:
        """Previous and next page in reading order (questions first, then the rest)."""
        i = self._positions[page_id]
        prev = self.pages[i - 1] if i > 0 else None
        nxt = self.pages[i + 1] if i + 1 < len(self.pages) else None
        return prev, nxt

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)
