"""Search: forgiving of spelling and accents, titles first, fast on a large library."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.model import Library
from kiosk.core.search import SearchHit, SearchIndex
from tests.core.packs import make_pack


@pytest.fixture
def library(tmp_path: Path) -> Library:
    pack = make_pack(tmp_path)
    pack.page(
        "03-safety.md",
        "Most people have some bruising for a few days. Prolotherapy is not for everyone.\n",
        id="is-it-safe",
        title="Is it safe?",
        summary="Bruising for a few days is common.",
        order="3",
    )
    return pack.load()


@pytest.fixture
def index(library: Library) -> SearchIndex:
    return SearchIndex(library)


def targets(hits: list[SearchHit]) -> list[str]:
    return [hit.target for hit in hits]


def test_exact_word_in_the_answer_text(index: SearchIndex) -> None:
    hits = index.search("bruising")

    assert targets(hits) == ["is-it-safe"]
    hit = hits[0]
    assert hit.kind == "page"
    assert hit.title == "Is it safe?"
    assert hit.matched == "bruising"
    assert "bruising for a few days" in hit.snippet
    assert hit.score > 0


@pytest.mark.parametrize(
    ("query", "target", "matched"),
    [
        ("prolotheraphy", "what-is-prolotherapy", "Prolotherapy"),
        ("sacroilliac", "sacroiliac-joint", "Sacroiliac"),
        ("colagen", "collagen", "Collagen"),
        ("PROLOTHÉRAPY", "what-is-prolotherapy", "Prolotherapy"),
        ("prolo", "what-is-prolotherapy", "Prolotherapy"),  # still typing
    ],
)
def test_misspelt_accented_and_partial_words(
    index: SearchIndex, query: str, target: str, matched: str
) -> None:
    hit = index.search(query)[0]

    assert (hit.target, hit.matched) == (target, matched)


def test_misspelling_also_finds_the_page_that_uses_the_word(index: SearchIndex) -> None:
    hits = index.search("sacroilliac")

    assert targets(hits) == ["sacroiliac-joint", "what-does-treatment-involve"]
    assert hits[1].matched == "sacroiliac"
    assert "near the sacroiliac joints" in hits[1].snippet


def test_glossary_term_hit_shows_the_definition(index: SearchIndex) -> None:
    hit = index.search("ligament")[0]

    assert (hit.kind, hit.target, hit.title) == ("glossary", "ligament", "Ligament")
    assert hit.snippet == "A tough band of tissue that holds two bones together."


def test_glossary_mark_is_searched_by_its_shown_text(index: SearchIndex) -> None:
    hits = index.search("loose ligaments")

    assert targets(hits) == ["what-is-prolotherapy"]
    assert hits[0].matched == "loose ligaments"


def test_every_word_of_a_multi_word_query_must_match(index: SearchIndex) -> None:
    assert targets(index.search("sugar sessions")) == ["what-does-treatment-involve"]
    assert index.search("sugar bruising") == []


def test_question_words_do_not_hide_glossary_hits(index: SearchIndex) -> None:
    assert targets(index.search("What is collagen?")) == ["collagen", "what-does-treatment-involve"]


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "?!"])
def test_empty_query_finds_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_title_match_ranks_above_body_match(index: SearchIndex) -> None:
    # "prolotherapy" is in the title of one page and only in the answer text of another.
    hits = index.search("prolotherapy")

    assert targets(hits)[0] == "what-is-prolotherapy"
    assert set(targets(hits)) == {"what-is-prolotherapy", "is-it-safe"}
    assert hits[0].score > hits[1].score


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("the", limit=2)) == 2
    assert len(index.search("the")) == 3


def test_remembered_words_stay_bounded_over_many_searches(index, monkeypatch) -> None:
    from kiosk.core import search

    monkeypatch.setattr(search, "WORD_CACHE_SIZE", 50)
    for n in range(500):
        index.search(f"word{n}")
    assert len(index._word_cache) <= 50
    assert index.search("collagen")  # still finds things after the cache was emptied
