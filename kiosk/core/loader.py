"""Load a content pack into a Library, collecting every problem instead of raising."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kiosk.core.frontmatter import FrontMatter, page_from, parse_frontmatter
from kiosk.core.model import (
    Glossary,
    GlossaryEntry,
    Library,
    PackInfo,
    Page,
    Problem,
    Severity,
    term_key,
)
from kiosk.core.page_checks import PackContext, check_markdown, check_page, review_warnings
from kiosk.core.render import MarkdownConverter, plain_text

PACK_KEYS = ("title", "subtitle", "language", "disclaimer")
FALLBACK_DISCLAIMER = "This is information, not medical advice: talk to your own clinician."


def find_packs(root: Path) -> list[Path]:
    """``root`` itself if it is a pack, else the packs (language folders) directly inside it."""
    if _is_pack(root):
        return [root]
    if not root.is_dir():
        return []
    return sorted(child for child in root.iterdir() if child.is_dir() and _is_pack(child))


def _is_pack(folder: Path) -> bool:
    # A folder with pages/ but a lost pack.toml still counts, so validate can report it.
    return (folder / "pack.toml").is_file() or (folder / "pages").is_dir()


def pack_dir(root: Path, language: str) -> Path:
    """The pack to show: ``root/language``, or ``root`` when it is itself a pack."""
    candidate = root / language
    if candidate.is_dir() or not _is_pack(root):
        return candidate
    return root


@dataclass
class _Draft:
    """A content file read so far: its page if the metadata was good, and what went wrong."""

    display: str
    front: FrontMatter | None
    page: Page | None = None
    problems: list[Problem] = field(default_factory=list)


def load_library(pack: Path, *, today: date | None = None) -> Library:
    """Read ``pack``; pages with any error are left out, all problems are in ``.problems``."""
    return read_pack_files(pack, today=today).check()


@dataclass
class PackReading:
    """A pack read from disk, its page bodies not yet checked.

    ``library`` can be shown at once: every page whose metadata is valid, in order, and the
    glossary. ``check()`` parses every body and definition (links, glossary marks, images,
    raw HTML, readability) and returns the library without what has errors. Reading is quick
    and grows little with the pack; checking parses all the Markdown, so the kiosk does it
    after its first paint instead of before.
    """

    library: Library
    today: date
    _pack_problems: list[Problem]  # pack.toml, the pages folder, reading glossary.md
    _drafts: list[_Draft]
    _entries: list[tuple[GlossaryEntry, int]]  # with the line each definition starts on
    _glossary_lines: dict[str, int]  # glossary.md's metadata keys and their lines

    def check(self, texts: dict[tuple[str, str], str] | None = None) -> Library:
        """The library without pages or glossary entries that have errors; every problem.

        ``texts``, if given, is filled with the plain text of every body and definition
        parsed on the way (keys ``("page", id)`` and ``("glossary", anchor)``), so a search
        index can be built without parsing the Markdown again.
        """
        library, pack = self.library, self.library.root
        problems = list(self._pack_problems)
        glossary = self._checked_glossary(problems, texts)
        page_ids = frozenset(p.id for p in library.pages)
        converter = MarkdownConverter(glossary)
        has_glossary = glossary.path is not None
        context = PackContext(pack, page_ids, glossary, converter, check_marks=has_glossary)
        pages: list[Page] = []
        for draft in self._drafts:
            found = list(draft.problems)
            if draft.page is not None and draft.front is not None:
                lines = {key: f.line for key, f in draft.front.fields.items()}
                converted = converter.convert(draft.page.body)
                found += check_page(
                    draft.page,
                    path=draft.display,
                    meta_lines=lines,
                    context=context,
                    today=self.today,
                    converted=converted,
                )
                if texts is not None:
                    texts[("page", draft.page.id)] = plain_text(converted)
                if not any(p.severity is Severity.ERROR for p in found):
                    pages.append(draft.page)
            problems.extend(found)
        pages.sort(key=lambda p: (p.order, p.id))
        return Library(
            pack, library.info, tuple(pages), glossary, library.glossary_page, tuple(problems)
        )

    def _checked_glossary(
        self, problems: list[Problem], texts: dict[tuple[str, str], str] | None
    ) -> Glossary:
        glossary = self.library.glossary
        if glossary.path is None:
            return glossary
        # Definitions may mark other terms, so check them against the complete glossary.
        display = _display(self.library.root, glossary.path)
        ctx = PackContext(
            self.library.root,
            frozenset(p.id for p in self.library.pages),
            glossary,
            MarkdownConverter(glossary),
        )
        good = []
        for entry, first_line in self._entries:
            converted = ctx.converter.convert(entry.definition)
            found = check_markdown(
                entry.definition,
                path=display,
                first_line=first_line,
                context=ctx,
                converted=converted,
            )
            if texts is not None:
                texts[("glossary", entry.anchor)] = plain_text(converted)
            problems.extend(found)
            if not found:
                good.append(entry)
        page = self.library.glossary_page
        if page is not None:
            lines = self._glossary_lines
            problems.extend(review_warnings(page, path=display, meta_lines=lines, today=self.today))
        return Glossary(tuple(good), glossary.path)


def read_pack_files(pack: Path, *, today: date | None = None) -> PackReading:
    """Read every file of ``pack`` and check its metadata, leaving the bodies for ``check``."""
    today = today or date.today()
    head: list[Problem] = []
    info = _read_info(pack, head)
    drafts = [_read_page(path, _display(pack, path)) for path in sorted(pack.glob("pages/*.md"))]
    if not (pack / "pages").is_dir():
        head.append(Problem(_display(pack, pack / "pages"), 1, "pages folder is missing"))
    seen: dict[str, str] = {}
    for draft in drafts:
        if draft.page is None:
            continue
        if draft.page.id in seen:
            message = f"duplicate id {draft.page.id!r} (already used by {seen[draft.page.id]})"
            draft.problems.append(Problem(draft.display, _line(draft, "id"), message))
            draft.page = None
        else:
            seen[draft.page.id] = draft.display
    glossary, glossary_draft, entries = _read_glossary(pack, head)
    pages = sorted((d.page for d in drafts if d.page is not None), key=lambda p: (p.order, p.id))
    structural = [*head, *(p for d in drafts for p in d.problems)]
    glossary_page = glossary_draft.page if glossary_draft else None
    library = Library(pack, info, tuple(pages), glossary, glossary_page, tuple(structural))
    front = glossary_draft.front if glossary_draft else None
    lines = {key: f.line for key, f in front.fields.items()} if front else {}
    return PackReading(library, today, head, drafts, entries, lines)


def _display(pack: Path, path: Path) -> str:
    """Path as shown in problems: relative to the pack's parent, e.g. ``en-GB/pages/01-a.md``."""
    return (Path(pack.resolve().name) / path.relative_to(pack)).as_posix()


def _line(draft: _Draft, key: str) -> int:
    return draft.front.line(key) if draft.front else 1


def _read_text(path: Path, display: str, problems: list[Problem]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(display, 1, f"cannot read file: {error.strerror or error}"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(Problem(display, line, "not UTF-8 text: save the file as UTF-8"))
        return None


def _read_info(pack: Path, problems: list[Problem]) -> PackInfo:
    name = pack.resolve().name  # "." has no name of its own
    fallback = PackInfo(title=name, language=name, disclaimer=FALLBACK_DISCLAIMER)
    path, display = pack / "pack.toml", _display(pack, pack / "pack.toml")
    if not path.is_file():
        problems.append(Problem(display, 1, "pack.toml is missing"))
        return fallback
    text = _read_text(path, display, problems)
    if text is None:
        return fallback
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\s*\(at line (\d+), column \d+\)", str(error))
        line = int(found.group(1)) if found else 1
        message = str(error).replace(found.group(0), "") if found else str(error)
        problems.append(Problem(display, line, f"not valid TOML: {message}"))
        return fallback
    lines = {
        m.group(1): number
        for number, raw in enumerate(text.splitlines(), 1)
        if (m := re.match(r"\s*([A-Za-z0-9_-]+)\s*=", raw))
    }
    values: dict[str, str] = {}
    for key, value in data.items():
        if key not in PACK_KEYS:
            problems.append(Problem(display, lines.get(key, 1), f"unknown key {key!r}"))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(display, lines.get(key, 1), f"{key!r} must be non-empty text"))
        else:
            values[key] = value.strip()
    for key in ("title", "language", "disclaimer"):
        if key not in data:
            problems.append(Problem(display, 1, f"missing required key {key!r}"))
    if "language" in values and values["language"] != name:
        message = f"language {values['language']!r} does not match the folder name {name!r}"
        problems.append(Problem(display, lines.get("language", 1), message))
    return PackInfo(
        title=values.get("title", fallback.title),
        language=values.get("language", fallback.language),
        disclaimer=values.get("disclaimer", fallback.disclaimer),
        subtitle=values.get("subtitle", ""),
    )


def _read_page(path: Path, display: str, *, glossary: bool = False) -> _Draft:
    problems: list[Problem] = []
    text = _read_text(path, display, problems)
    if text is None:
        return _Draft(display, None, None, problems)
    front = parse_frontmatter(text, display)
    draft = _Draft(display, front, None, [*front.problems])
    if front.has_block:
        draft.page = page_from(front, path, draft.problems, glossary=glossary)
    return draft


def _read_glossary(
    pack: Path, problems: list[Problem]
) -> tuple[Glossary, _Draft | None, list[tuple[GlossaryEntry, int]]]:
    path, display = pack / "glossary.md", _display(pack, pack / "glossary.md")
    if not path.is_file():
        problems.append(Problem(display, 1, "glossary.md is missing: no medical word is explained"))
        return Glossary(), None, []
    draft = _read_page(path, display, glossary=True)
    problems.extend(draft.problems)
    if draft.front is None:
        return Glossary(), None, []
    entries = _glossary_entries(draft.front.body, draft.front.body_line, display, problems)
    return Glossary(tuple(e for e, _ in entries), path), draft, entries


def _glossary_entries(
    body: str, body_line: int, display: str, problems: list[Problem]
) -> list[tuple[GlossaryEntry, int]]:
    """``## Term`` sections, each with the line its definition starts on."""
    sections: list[tuple[str, int, list[str]]] = []
    for number, line in enumerate(body.splitlines(), body_line):
        if line.startswith("## "):
            sections.append((line[3:].strip(), number, []))
        elif sections:
            sections[-1][2].append(line)
    entries: list[tuple[GlossaryEntry, int]] = []
    known: dict[str, int] = {}
    for term, number, lines in sections:
        aliases: tuple[str, ...] = ()
        first = number + 1
        if lines and lines[0].strip().casefold().startswith("also:"):
            names = re.split(r"[,;]", lines.pop(0).strip()[len("also:") :])
            aliases = tuple(a.strip() for a in names if a.strip())
            first += 1
        while lines and not lines[0].strip():
            lines.pop(0)
            first += 1
        definition = "\n".join(lines).strip()
        if not term or not definition:
            problems.append(Problem(display, number, f"glossary entry {term!r} has no definition"))
            continue
        clash = [n for n in (term, *aliases) if term_key(n) in known]
        if clash:
            message = f"{clash[0]!r} is already defined on line {known[term_key(clash[0])]}"
            problems.append(Problem(display, number, message))
            continue
        known.update(dict.fromkeys((term_key(n) for n in (term, *aliases)), number))
        entries.append((GlossaryEntry(term, definition, aliases, number), first))
    return entries
