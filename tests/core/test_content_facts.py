"""The bundled English pack carries every fact from its source, and every page its metadata."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "content" / "en-GB"
PAGE_FILES = sorted((PACK / "pages").glob("*.md"))
GLOSSARY = PACK / "glossary.md"
ALL_FILES = [*PAGE_FILES, GLOSSARY]

REQUIRED_KEYS = (
    "id",
    "title",
    "summary",
    "order",
    "kind",
    "source",
    "source_url",
    "source_reviewed",
    "reviewed",
    "next_review",
)

MARK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")

# Each fact: every pattern must be found in the pages' text (lower case, marks and links as shown).
FACTS: dict[str, tuple[str, ...]] = {
    "realigned in manual therapy, but the pain comes back": (
        r"manual therapy",
        r"right position|realign",
        r"pain (returns|comes back)",
    ),
    "over-stretched ligaments": (r"over-?stretched|stretched too far",),
    "may not return to normal length": (r"normal length",),
    "ligaments differ from muscles": (
        r"ligaments are not the same as muscles|differ\w* from muscles",
    ),
    "after courses of manual therapy from skilled practitioners": (
        r"courses of",
        r"skilled|skilful",
        r"experienced",
    ),
    "joints do not stay aligned": (r"do not stay in line|don't stay in line",),
    "an irritant sugar solution": (r"irritant", r"sugar|sucrose"),
    "with a local anaesthetic": (r"local anaesthetic",),
    "injected into ligaments": (r"injections go into (a|the) ligament",),
    "symphysis pubis": (r"symphysis pubis",),
    "sacroiliac joints": (r"sacroiliac joint",),
    "lower back": (r"lumbar spine|lower back",),
    "local inflammation": (r"inflammation",),
    "ligaments tighten": (r"ligaments tighten",),
    "new collagen shrinks as it matures": (r"new collagen", r"shrinks"),
    "ligaments seem stronger": (r"stronger",),
    "alignment checked just before and after": (
        r"alignment",
        r"just before and (just )?after",
    ),
    "poor results without the check": (r"disappointing",),
    "aimed at stability, not pain": (r"stable[^.]{0,40}not[^.]{0,40}pain",),
    "results vary": (r"results vary|different for each",),
    "some better after one session": (r"one session",),
    "about 3 sessions": (r"about (3|three) sessions",),
    "a week to a month apart": (r"a week to a month",),
    "local anaesthetic or sedation": (r"local anaesthetic or sedation",),
    "bruising for a few days": (r"bruising", r"few days"),
    "improvement quite soon": (r"quite soon",),
    "no anti-inflammatory medicines afterwards": (r"do not take anti-inflammatory",),
    "they reduce the inflammation the treatment needs": (r"reduce the inflammation",),
    "supported by many hospitals, UK and abroad": (
        r"many hospitals",
        r"\buk\b",
        r"other countries|abroad",
    ),
    "Cochrane review in 2007 found conflicting evidence": (
        r"cochrane review",
        r"\b2007\b",
        r"conflicting",
    ),
    "research reviews online, many from the USA, some UK": (
        r"research reviews",
        r"internet|online",
        r"\busa\b",
        r"uk websites",
    ),
    "the source: The Pelvic Partnership": (r"the pelvic partnership",),
    "the charity are volunteers": (r"volunteers",),
    "not medical professionals": (r"not medical professionals",),
    "registered charity 1100373": (r"\b1100373\b",),
    "source reviewed 2017": (r"\b2017\b",),
    "information, not medical advice": (r"not medical advice",),
    "does not replace your own clinicians": (r"does not replace", r"your own clinician"),
}


def parse(path: Path) -> tuple[dict[str, str], str]:
    """The ``---`` metadata block as a dict, and the body after it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines, f"{path.name}: empty file"
    assert lines[0].strip() == "---", f"{path.name}: no metadata block at the top"
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        pytest.fail(f"{path.name}: metadata block is not closed with ---")
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        key, sep, value = line.partition(":")
        assert sep, f"{path.name}:{number}: not a 'key: value' line: {line!r}"
        meta[key.strip()] = value.strip()
    return meta, "\n".join(lines[end + 1 :])


def plain(body: str) -> str:
    text = MARK.sub(r"\1", body)
    text = LINK.sub(r"\1", text)
    return re.sub(r"\s+", " ", text.casefold().replace("\u2019", "'"))


@pytest.fixture(scope="module")
def pack_text() -> str:
    assert PAGE_FILES, f"no pages in {PACK / 'pages'}"
    return " ".join(plain(parse(p)[1]) for p in PAGE_FILES)


@pytest.mark.parametrize(("fact", "patterns"), FACTS.items(), ids=list(FACTS))
def test_pack_states_fact(pack_text: str, fact: str, patterns: tuple[str, ...]) -> None:
    missing = [p for p in patterns if not re.search(p, pack_text)]
    assert not missing, f"the pages do not say {fact!r} (nothing matches {missing})"


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.name for p in ALL_FILES])
def test_file_has_required_metadata(path: Path) -> None:
    meta, body = parse(path)
    missing = [k for k in REQUIRED_KEYS if not meta.get(k)]
    assert not missing, f"{path.name}: missing metadata {missing}"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meta["id"]), f"{path.name}: bad id"
    assert len(meta["summary"]) <= 120, f"{path.name}: summary longer than 120 characters"
    assert meta["order"].isdigit(), f"{path.name}: order is not a whole number"
    reviewed = date.fromisoformat(meta["reviewed"])
    next_review = date.fromisoformat(meta["next_review"])
    assert reviewed < next_review <= reviewed.replace(year=reviewed.year + 3), (
        f"{path.name}: next_review must be after reviewed and at most 3 years later"
    )
    assert meta["source_reviewed"] == "2017"
    assert "1100373" in meta["source"]
    assert body.strip(), f"{path.name}: empty body"
    assert not body.lstrip().startswith("# "), f"{path.name}: body starts with a # title"


@pytest.mark.parametrize("path", PAGE_FILES, ids=[p.name for p in PAGE_FILES])
def test_page_file_name_matches_order_and_id(path: Path) -> None:
    meta, _ = parse(path)
    assert path.name == f"{int(meta['order']):02d}-{meta['id']}.md"
    assert meta["kind"] in {"question", "info"}


def test_pages_are_the_expected_set() -> None:
    metas = [parse(p)[0] for p in PAGE_FILES]
    ids = [m["id"] for m in metas]
    assert len(ids) == len(set(ids)), f"duplicate ids: {ids}"
    questions = sorted((int(m["order"]), m["id"]) for m in metas if m["kind"] == "question")
    assert [order for order, _ in questions] == [1, 2, 3, 4, 5]
    assert {"questions-to-ask", "about"} <= set(ids)
    assert parse(GLOSSARY)[0]["kind"] == "glossary"


def test_pack_toml() -> None:
    info = tomllib.loads((PACK / "pack.toml").read_text(encoding="utf-8"))
    assert info["language"] == PACK.name
    assert info["title"] == "Prolotherapy for pelvic girdle pain"
    assert info["subtitle"]
    assert "not medical advice" in info["disclaimer"]


def glossary_index() -> set[str]:
    _, body = parse(GLOSSARY)
    names: set[str] = set()
    for block in re.split(r"^## ", body, flags=re.MULTILINE)[1:]:
        head, _, rest = block.partition("\n")
        names.add(head.strip().casefold())
        first = rest.lstrip("\n").split("\n", 1)[0]
        if first.startswith("Also:"):
            names.update(a.strip().casefold() for a in first[5:].split(",") if a.strip())
    return names


def resolves(name: str, index: set[str]) -> bool:
    key = re.sub(r"\s+", " ", name.strip().casefold())
    return key in index or any(key.endswith(s) and key[: -len(s)] in index for s in ("es", "s"))


@pytest.mark.parametrize("path", PAGE_FILES, ids=[p.name for p in PAGE_FILES])
def test_glossary_marks_resolve_and_body_is_offline(path: Path) -> None:
    index = glossary_index()
    _, body = parse(path)
    unknown = [
        m.group(0) for m in MARK.finditer(body) if not resolves(m.group(2) or m.group(1), index)
    ]
    assert not unknown, f"{path.name}: glossary marks with no entry: {unknown}"
    assert not re.search(r"</?[a-zA-Z][^>]*>", body), f"{path.name}: raw HTML"
    assert not re.search(r"https?://|www\.|!\[", body), f"{path.name}: web link or image"
    headings_with_marks = [ln for ln in body.splitlines() if ln.startswith("#") and "[[" in ln]
    assert not headings_with_marks, f"{path.name}: glossary marks in headings"
