"""Writes a large, valid content pack for the scale benchmark: N pages and a glossary.

    python -m bench.synthetic_pack OUT_DIR [--pages 1000] [--terms 300]

The pages are made of plain sentences built from a fixed word list with a seeded random
generator, so every run writes the same pack. Each page has the front matter the kiosk needs,
two or three sections, a list, glossary marks and a link to another page, so loading,
validation, rendering and search all do the work they do on real content.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SUBJECTS = ["your pelvis", "the joint", "your back", "the treatment", "your physiotherapist"]
SUBJECTS += ["the clinic", "your doctor", "the injection", "your hip", "the exercise plan"]
VERBS = ["helps", "supports", "changes", "protects", "strengthens", "calms", "checks", "eases"]
OBJECTS = ["the pain", "your walking", "the ligaments", "your sleep", "daily tasks", "the muscles"]
OBJECTS += ["your balance", "the stiffness", "your posture", "the swelling"]
ENDINGS = ["over a few weeks", "for most people", "after each visit", "when you rest well"]
ENDINGS += ["if you keep active", "in the morning", "at home", "with gentle care"]
TOPICS = ["pelvic", "joint", "ligament", "posture", "walking", "sleep", "exercise", "pregnancy"]
TOPICS += ["injection", "recovery", "stiffness", "balance", "muscle", "hip", "back", "stairs"]
SYLLABLES = ["ca", "lo", "ri", "ten", "mo", "sa", "vel", "dor", "pa", "lin", "gro", "fe", "ni"]

PACK_TOML = """title = "Synthetic pack for benchmarks"
subtitle = "Generated pages: not for patients"
language = "{language}"
disclaimer = "This is information, not medical advice: talk to your own clinician."
"""

FRONT = """---
id: {id}
title: {title}
summary: {summary}
order: {order}
kind: {kind}
source: Generated for benchmarks
source_url: https://example.org/
source_reviewed: 2026
reviewed: 2026-11-01
next_review: 2029-11-01
approved_by: Benchmark Reviewer
approved_on: 2026-11-01
---
"""


def terms(count: int, rng: random.Random) -> list[str]:
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))))
    return sorted(found)


def sentence(rng: random.Random, words: list[str]) -> str:
    subject = rng.choice(SUBJECTS)
    text = f"{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"
    if words and rng.random() < 0.4:
        text += f", much like [[{rng.choice(words)}]]"
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: list[str], sentences: int = 4) -> str:
    return " ".join(sentence(rng, words) for _ in range(sentences))


def page_text(number: int, total: int, rng: random.Random, words: list[str]) -> str:
    topic = f"{rng.choice(TOPICS)} {rng.choice(TOPICS)}"
    other = f"page-{rng.randrange(total):04d}"
    front = FRONT.format(
        id=f"page-{number:04d}",
        title=f"Question {number + 1}: how does {topic} care help?",
        summary=f"What {topic} care involves and when it may help you.",
        order=number + 1,
        kind="question" if number % 10 else "info",
    )
    sections = [paragraph(rng, words)]
    for _ in range(rng.randint(2, 3)):
        heading = f"## About {rng.choice(TOPICS)} and {rng.choice(TOPICS)}"
        items = "\n".join(f"- {sentence(rng, words)}" for _ in range(3))
        sections += [heading, paragraph(rng, words), items]
    sections.append(f"You can also read [a related answer](page:{other}).")
    return front + "\n\n".join(sections) + "\n"


def glossary_text(words: list[str], rng: random.Random) -> str:
    front = FRONT.format(
        id="glossary",
        title="Words explained",
        summary="What the words in these pages mean.",
        order=100_000,
        kind="glossary",
    )
    entries = [f"## {word.capitalize()}\n{paragraph(rng, [], 2)}" for word in words]
    return front + "\n\n".join(entries) + "\n"


def write_pack(root: Path, *, pages: int = 1000, glossary_terms: int = 300, seed: int = 1) -> Path:
    """Write the pack to ``root/en-GB`` (replacing the page files) and return that folder."""
    rng = random.Random(seed)
    pack = root / "en-GB"
    (pack / "pages").mkdir(parents=True, exist_ok=True)
    for old in (pack / "pages").glob("*.md"):
        old.unlink()
    words = terms(glossary_terms, rng)
    (pack / "pack.toml").write_text(PACK_TOML.format(language="en-GB"), encoding="utf-8")
    (pack / "glossary.md").write_text(glossary_text(words, rng), encoding="utf-8")
    for number in range(pages):
        path = pack / "pages" / f"{number:04d}.md"
        path.write_text(page_text(number, pages, rng, words), encoding="utf-8")
    return pack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--terms", type=int, default=300)
    args = parser.parse_args()
    pack = write_pack(args.out, pages=args.pages, glossary_terms=args.terms)
    print(f"wrote {args.pages} pages and {args.terms} glossary terms to {pack}")


if __name__ == "__main__":
    main()
