"""Build small synthetic content packs in a temporary folder for the core tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.core.loader import load_library
from kiosk.core.model import Library

TODAY = date(2027, 1, 15)  # well inside every default review window

PACK_TOML = """\
title = "Prolotherapy for pelvic girdle pain"
subtitle = "Plain answers"
language = "en-GB"
disclaimer = "This is information, not medical advice."
"""

META: dict[str, str] = {
    "id": "what-is-prolotherapy",
    "title": "What is prolotherapy?",
    "summary": "An injection treatment for loose pelvic joints.",
    "order": "1",
    "kind": "question",
    "source": "The Pelvic Partnership",
    "source_url": "https://pelvicpartnership.org.uk/",
    "source_reviewed": "2017",
    "reviewed": "2026-11-20",
    "next_review": "2029-11-20",
    "approved_by": "Dr A Example",
    "approved_on": "2026-11-21",
}

WHAT_IS = """\
Prolotherapy is an injection treatment. It aims to make loose [[ligaments|ligament]] stronger.

Read [what the treatment involves](page:what-does-treatment-involve).
"""

TREATMENT = """\
A doctor injects a sugar solution near the [[sacroiliac joints]].
You usually have about three sessions. Your body then makes new [[collagen]].
"""

GLOSSARY_BODY = """\
## Ligament
Also: ligaments
A tough band of tissue that holds two bones together.

## Sacroiliac joint
Where the bottom of your spine meets your pelvis.

## Collagen
A protein that makes [[ligaments]] strong.
"""


def page_text(body: str = WHAT_IS, **meta: str | None) -> str:
    """A page file: the default metadata changed by ``meta`` (None leaves a key out)."""
    fields = {**META, **meta}
    lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


class PackBuilder:
    """Writes one pack folder; every method returns the file it wrote."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def pack_toml(self, text: str = PACK_TOML) -> Path:
        return self.write("pack.toml", text)

    def page(self, name: str, body: str = WHAT_IS, **meta: str | None) -> Path:
        return self.write(f"pages/{name}", page_text(body, **meta))

    def glossary(self, body: str = GLOSSARY_BODY, **meta: str | None) -> Path:
        defaults = {"id": "glossary", "title": "Glossary", "kind": "glossary", "order": "99"}
        return self.write("glossary.md", page_text(body, **{**defaults, **meta}))

    def load(self, today: date = TODAY) -> Library:
        return load_library(self.root, today=today)


def make_pack(parent: Path, language: str = "en-GB") -> PackBuilder:
    """A clean pack with two linked pages and a glossary: loads with no problems at all."""
    pack = PackBuilder(parent / language)
    pack.pack_toml(PACK_TOML.replace('"en-GB"', f'"{language}"'))
    pack.page("01-what-is-prolotherapy.md")
    pack.page(
        "02-what-does-treatment-involve.md",
        TREATMENT,
        id="what-does-treatment-involve",
        title="What does the treatment involve?",
        summary="Injections near the joints, usually three sessions.",
        order="2",
    )
    pack.glossary()
    return pack
