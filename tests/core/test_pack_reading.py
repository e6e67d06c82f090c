"""Reading a pack quickly for start-up, then checking its bodies: the same result as a full load."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.core.loader import load_library, pack_dir, read_pack_files
from kiosk.core.search import SearchIndex
from tests.core.packs import GLOSSARY_BODY, TODAY, PackBuilder, make_pack

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def pack(tmp_path: Path) -> PackBuilder:
    pack = make_pack(tmp_path)
    # A body error (a web link) and a metadata error (no title): one found late, one early.
    pack.page("03-web.md", "See [our site](https://example.org).\n", id="web-link", order="3")
    pack.page("04-untitled.md", id="untitled", order="4", title=None)
    pack.glossary(GLOSSARY_BODY + "\n## Bursa\nA [[sac]] of fluid.\n")
    return pack


def test_reading_shows_every_page_with_good_metadata_at_once(pack: PackBuilder) -> None:
    reading = read_pack_files(pack.root, today=TODAY)

    ids = [p.id for p in reading.library.pages]
    assert ids == ["what-is-prolotherapy", "what-does-treatment-involve", "web-link"]
    assert reading.library.glossary.lookup("bursa") is not None
    assert [p.message for p in reading.library.errors] == ["missing required key 'title'"]


def test_checking_drops_what_has_errors_exactly_as_a_full_load(pack: PackBuilder) -> None:
    checked = read_pack_files(pack.root, today=TODAY).check()
    loaded = load_library(pack.root, today=TODAY)

    assert checked == loaded
    assert [p.id for p in checked.pages] == ["what-is-prolotherapy", "what-does-treatment-involve"]
    assert checked.glossary.lookup("bursa") is None  # its definition marks an unknown word
    assert any("web link https://example.org" in p.message for p in checked.errors)
    assert any("'sac'" in p.message for p in checked.errors)


def test_checking_twice_gives_the_same_library(pack: PackBuilder) -> None:
    reading = read_pack_files(pack.root, today=TODAY)
    assert reading.check() == reading.check()


def test_a_search_index_from_the_checked_texts_finds_what_a_fresh_one_finds() -> None:
    reading = read_pack_files(pack_dir(CONTENT, "en-GB"))
    texts: dict[tuple[str, str], str] = {}
    library = reading.check(texts)
    assert len(texts) == len(library.pages) + len(library.glossary)

    shared, fresh = SearchIndex(library, texts), SearchIndex(library)
    for query in ("collagen", "sacroilliac", "how many injections", "pelvis", "prolo"):
        assert shared.search(query) == fresh.search(query), query
        assert shared.search(query), query


def test_page_lookups_follow_the_pages_when_a_library_is_copied() -> None:
    library = load_library(pack_dir(CONTENT, "en-GB"))
    first, second, *rest = library.pages
    copy = dataclasses.replace(library, pages=(second, *rest))

    assert library.has_page(first.id)
    assert not copy.has_page(first.id)
    assert copy.page(second.id) is second
    assert copy.neighbours(second.id) == (None, rest[0])
    with pytest.raises(KeyError):
        copy.page(first.id)
    entry = library.glossary.sorted_entries()[0]
    assert library.glossary.by_anchor(entry.anchor) is entry
    assert library.glossary.by_anchor("no-such-word") is None
