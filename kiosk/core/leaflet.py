"""Printable leaflets: the answers as print HTML, a style sheet and images for QTextDocument."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.core.credits import long_date
from kiosk.core.leaflet_about import about_lines, author, distinct_sources, short_address
from kiosk.core.leaflet_format import FORMATS, LARGE, STANDARD, LeafletFormat, stylesheet
from kiosk.core.leaflet_html import to_print_html
from kiosk.core.leaflet_images import QR_WIDTH_PX, LeafletImages, qr_png
from kiosk.core.model import GlossaryEntry, Library, Page, term_key
from kiosk.core.render import Renderer

__all__ = ["FORMATS", "LARGE", "STANDARD", "Leaflet", "LeafletFormat", "compose_leaflet"]

QUESTIONS_TO_ASK = "questions-to-ask"
GLOSSARY_HEADING = "Words explained"
ABOUT_HEADING = "About this information"


@dataclass(frozen=True)
class Leaflet:
    """Everything the Qt side needs to lay out, paginate and print one leaflet.

    ``html`` goes to ``QTextDocument.setHtml`` after ``css`` went to ``setDefaultStyleSheet``;
    each ``resources`` entry is added as an image resource under its name (the ``src`` of an
    ``<img>``; the extension says the type). ``page_ids`` are the pages printed, in order.
    """

    title: str
    html: str
    css: str
    resources: dict[str, bytes]
    fmt: LeafletFormat
    page_ids: tuple[str, ...]
    metadata: dict[str, str]
    printed_on: date


def compose_leaflet(
    library: Library,
    *,
    fmt: LeafletFormat = STANDARD,
    page_ids: Iterable[str] | None = None,
    clinic_name: str = "",
    logo: Path | None = None,
    today: date | None = None,
) -> Leaflet:
    """The leaflet for ``page_ids`` (None: every question page), in the library's order.

    "Questions you may want to ask your clinician" follows the glossary unless it was picked
    already. "Words explained" holds every term marked in the printed pages, that list
    included, so each bold word on paper is explained. Raises ValueError for an unknown page
    id, an empty choice, or a logo that is not a readable PNG, JPEG or SVG file.
    """
    today = today or date.today()
    chosen = _select(library, page_ids)
    extra = (
        [library.page(QUESTIONS_TO_ASK)]
        if library.has_page(QUESTIONS_TO_ASK) and all(p.id != QUESTIONS_TO_ASK for p in chosen)
        else []
    )
    images = LeafletImages(library.root)
    renderer = Renderer(library)
    shown: dict[str, list[str]] = {}  # glossary anchor -> the words printed in bold for it
    sections: dict[str, str] = {}
    for page in (*chosen, *extra):
        converted = to_print_html(renderer.page_html(page.id), image=images.content)
        sections[page.id] = f"<h2>{_text(page.title)}</h2>\n{converted.html}"
        for anchor, words in converted.marks:
            shown.setdefault(anchor, []).append(words)
    entries = [e for e in library.glossary.sorted_entries() if e.anchor in shown]
    printed = [*chosen, *extra]
    dated = [*printed, library.glossary_page] if entries and library.glossary_page else printed
    parts = [
        *_heading_block(library, clinic_name, logo, images, explains=bool(entries)),
        *(sections[p.id] for p in chosen),
        *_glossary_section(renderer, entries, shown, images),
        *(sections[p.id] for p in extra),
        *_about_section(library, dated, today, images),
    ]
    title = library.info.title
    metadata = {
        "title": title,
        "author": author(dated, clinic_name),
        "subject": f"{title}: answers to {_count(len(chosen), 'question')}, {fmt.label.lower()}",
        "keywords": ", ".join([title, fmt.label.lower(), *(e.term for e in entries)]),
    }
    document = (
        f'<html lang="{_attr(library.info.language)}"><head><meta charset="utf-8">'
        f"<title>{_text(title)}</title></head>\n<body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )
    return Leaflet(
        title=title,
        html=document,
        css=stylesheet(fmt),
        resources=dict(images.resources),
        fmt=fmt,
        page_ids=tuple(p.id for p in printed),
        metadata=metadata,
        printed_on=today,
    )


def _select(library: Library, page_ids: Iterable[str] | None) -> list[Page]:
    if page_ids is None:
        if not library.questions:
            raise ValueError("the content pack has no question pages to print")
        return list(library.questions)
    wanted = {page_ids} if isinstance(page_ids, str) else set(page_ids)
    unknown = sorted(i for i in wanted if not library.has_page(i))
    if unknown:
        raise ValueError(f"unknown page id: {', '.join(map(repr, unknown))}")
    if not wanted:
        raise ValueError("no pages chosen for the leaflet")
    return [p for p in library.pages if p.id in wanted]


def _heading_block(
    library: Library, clinic_name: str, logo: Path | None, images: LeafletImages, *, explains: bool
) -> list[str]:
    parts = []
    if logo is not None:
        alt = clinic_name.strip() or "Clinic logo"
        parts.append(f'<p class="image">{images.logo(logo, alt)}</p>')
    if clinic_name.strip():
        parts.append(f'<p class="clinic"><b>{_text(clinic_name.strip())}</b></p>')
    parts.append(f"<h1>{_text(library.info.title)}</h1>")
    intro = (library.info.subtitle or "Answers to common questions").rstrip(".") + "."
    if explains:
        intro += f" Medical words in bold are explained under “{GLOSSARY_HEADING}”, near the end."
    parts.append(f"<p>{_text(intro)}</p>")
    return parts


def _glossary_section(
    renderer: Renderer,
    entries: Sequence[GlossaryEntry],
    shown: dict[str, list[str]],
    images: LeafletImages,
) -> list[str]:
    if not entries:
        return []
    parts = [f"<h2>{GLOSSARY_HEADING}</h2>"]
    for entry in entries:
        name = _text(entry.term + _other_forms(entry, shown[entry.anchor]))
        # Marks inside a definition stay plain: only the marked words are promised an entry.
        definition = to_print_html(
            renderer.definition_html(entry), bold_terms=False, image=images.content
        ).html
        if definition.startswith("<p>"):
            parts.append(f"<p><b>{name}</b>: {definition.removeprefix('<p>')}")
        else:
            parts.append(f"<p><b>{name}</b></p>\n{definition}")
    return parts


def _other_forms(entry: GlossaryEntry, words: Sequence[str]) -> str:
    """`` (also: PGP)``: the words a reader saw in bold that do not start like the term."""
    key = entry.key
    seen = {key, f"{key}s", f"{key}es"}
    forms = []
    for word in words:
        if term_key(word) not in seen:
            seen.add(term_key(word))
            forms.append(word)
    return f" (also: {', '.join(forms)})" if forms else ""


def _about_section(
    library: Library, pages: list[Page], today: date, images: LeafletImages
) -> list[str]:
    parts = [f"<h2>{ABOUT_HEADING}</h2>"]
    parts += [f"<p>{_text(line)}</p>" for line in about_lines(pages, library.info, today)]
    parts.append(f"<p>{_text(f'Printed on {long_date(today)}.')}</p>")
    urls = dict.fromkeys(p.source_url for p in distinct_sources(pages) if p.source_url)
    for url in urls:
        name = images.add("qr", "png", qr_png(url))
        # One block for code and caption, so pagination cannot part them.
        parts.append(
            f'<p class="image"><img src="{name}" width="{QR_WIDTH_PX}" height="{QR_WIDTH_PX}" '
            'alt="QR code">'
            f"<br>{_text(f'Scan for the source’s web page: {short_address(url)}')}</p>"
        )
    return parts


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
