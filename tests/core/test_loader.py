"""Loading a pack: every problem reported with its file:line, bad pages left out, good ones kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.core.loader import find_packs, load_library, pack_dir
from kiosk.core.model import Library, PageKind
from tests.core.packs import PackBuilder, make_pack

# Line numbers in a page written by PackBuilder.page with the default metadata.
LINE = {"id": 2, "summary": 4, "order": 5, "kind": 6, "reviewed": 10, "next_review": 11}
BODY_LINE = 15
BAD = "en-GB/pages/03-bad.md"
GOOD_IDS = ["what-is-prolotherapy", "what-does-treatment-involve"]


@pytest.fixture
def pack(tmp_path: Path) -> PackBuilder:
    return make_pack(tmp_path)


def errors(library: Library) -> list[str]:
    return [str(p) for p in library.errors]


def load_with_bad_page(pack: PackBuilder, **meta: str | None) -> Library:
    pack.page("03-bad.md", **{"id": "bad-page", "order": "3", **meta})
    return pack.load()


def test_clean_pack_loads_everything_without_problems(pack: PackBuilder) -> None:
    library = pack.load()

    assert library.problems == ()
    assert [p.id for p in library.pages] == GOOD_IDS
    assert library.info.title == "Prolotherapy for pelvic girdle pain"
    assert library.info.subtitle == "Plain answers"
    assert library.glossary.lookup("ligaments").term == "Ligament"
    assert library.glossary_page is not None
    assert library.glossary_page.kind is PageKind.GLOSSARY
    first = library.page("what-is-prolotherapy")
    assert first.body_line == BODY_LINE
    assert first.reviewed == date(2026, 11, 20)
    assert first.approved_on == date(2026, 11, 21)


def test_pages_are_sorted_by_order_then_id(pack: PackBuilder) -> None:
    pack.page("09-b.md", "Text.", id="b-page", order="0", kind="info")
    pack.page("08-a.md", "Text.", id="a-page", order="0", kind="info")

    assert [p.id for p in pack.load().pages] == ["a-page", "b-page", *GOOD_IDS]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"summary": None}, f"{BAD}:1: error: missing required key 'summary'"),
        (
            {"reviewed": "2026-13-01"},
            f"{BAD}:{LINE['reviewed']}: error: reviewed '2026-13-01' is not a date like 2026-11-20",
        ),
        (
            {"next_review": "20291120"},
            f"{BAD}:{LINE['next_review']}: error: "
            "next_review '20291120' is not a date like 2026-11-20",
        ),
        (
            {"id": "Bad_Page"},
            f"{BAD}:{LINE['id']}: error: "
            "id 'Bad_Page' must be lower-case letters, digits and single hyphens",
        ),
        ({"order": "first"}, f"{BAD}:{LINE['order']}: error: order 'first' must be a whole number"),
        ({"kind": "faq"}, f"{BAD}:{LINE['kind']}: error: kind 'faq' must be question or info"),
        (
            {"kind": "glossary"},
            f"{BAD}:{LINE['kind']}: error: "
            "kind 'glossary' must be question or info (glossary is only for glossary.md)",
        ),
        ({"titel": "Typo"}, f"{BAD}:14: error: unknown key 'titel' (did you mean 'title'?)"),
        (
            {"next_review": "2029-11-21"},
            f"{BAD}:{LINE['next_review']}: error: next_review is more than 3 years after reviewed",
        ),
        (
            {"next_review": "2026-11-20"},
            f"{BAD}:{LINE['next_review']}: error: next_review must be after reviewed",
        ),
        (
            {"summary": "x" * 121},
            f"{BAD}:{LINE['summary']}: error: summary is 121 characters (at most 120)",
        ),
        ({"summary": ""}, f"{BAD}:{LINE['summary']}: error: empty value for 'summary'"),
    ],
)
def test_bad_metadata_is_reported_and_only_that_page_left_out(
    pack: PackBuilder, meta: dict[str, str | None], expected: str
) -> None:
    library = load_with_bad_page(pack, **meta)

    assert errors(library) == [expected]
    assert [p.id for p in library.pages] == GOOD_IDS


def test_next_review_exactly_three_years_later_is_fine(pack: PackBuilder) -> None:
    library = load_with_bad_page(pack, reviewed="2028-02-29", next_review="2031-02-28")

    assert library.problems == ()


def test_duplicate_id_is_an_error_on_the_later_file_naming_the_earlier(pack: PackBuilder) -> None:
    pack.page("03-copy.md", id="what-is-prolotherapy", order="3")
    library = pack.load()

    assert errors(library) == [
        f"en-GB/pages/03-copy.md:{LINE['id']}: error: duplicate id 'what-is-prolotherapy' "
        "(already used by en-GB/pages/01-what-is-prolotherapy.md)"
    ]
    assert [p.path.name for p in library.pages] == [
        "01-what-is-prolotherapy.md",
        "02-what-does-treatment-involve.md",
    ]


def test_page_without_metadata_block(pack: PackBuilder) -> None:
    pack.write("pages/03-bad.md", "Just some text.\n")

    assert errors(pack.load()) == [
        f"{BAD}:1: error: no metadata block: the file must start with a '---' line"
    ]


def test_page_with_unclosed_metadata_block(pack: PackBuilder) -> None:
    pack.write("pages/03-bad.md", "---\nid: bad\ntitle: Bad\n\nSome text.\n")

    assert errors(pack.load()) == [
        f"{BAD}:1: error: metadata block is never closed: add a '---' line after it"
    ]


def test_page_with_empty_body(pack: PackBuilder) -> None:
    pack.page("03-bad.md", "\n  \n", id="bad-page", order="3")
    library = pack.load()

    assert errors(library) == [f"{BAD}:{BODY_LINE}: error: no text after the metadata block"]


def test_non_utf8_file_is_reported_at_the_line_of_the_bad_byte(pack: PackBuilder) -> None:
    text = pack.page("03-bad.md", "Caf\u00e9 line.\n", id="bad-page", order="3").read_text()
    pack.write("pages/03-bad.md", text.encode("latin-1"))
    library = pack.load()

    assert errors(library) == [f"{BAD}:{BODY_LINE}: error: not UTF-8 text: save the file as UTF-8"]
    assert [p.id for p in library.pages] == GOOD_IDS


def test_broken_pack_toml_keeps_the_pages_with_a_fallback_title(pack: PackBuilder) -> None:
    pack.pack_toml('title = "Prolotherapy"\nlanguage = \ndisclaimer = "x"\n')
    library = pack.load()

    assert len(library.errors) == 1
    assert errors(library)[0].startswith("en-GB/pack.toml:2: error: not valid TOML: ")
    assert library.info.title == "en-GB"
    assert library.info.language == "en-GB"
    assert library.info.disclaimer
    assert [p.id for p in library.pages] == GOOD_IDS


def test_missing_pack_toml(pack: PackBuilder) -> None:
    (pack.root / "pack.toml").unlink()
    library = pack.load()

    assert errors(library) == ["en-GB/pack.toml:1: error: pack.toml is missing"]
    assert len(library.pages) == 2


def test_pack_toml_language_must_match_folder_and_keys_are_checked(pack: PackBuilder) -> None:
    pack.pack_toml('title = "T"\nlanguage = "de-DE"\ncolour = "red"\n')

    assert errors(pack.load()) == [
        "en-GB/pack.toml:3: error: unknown key 'colour'",
        "en-GB/pack.toml:1: error: missing required key 'disclaimer'",
        "en-GB/pack.toml:2: error: language 'de-DE' does not match the folder name 'en-GB'",
    ]


def test_missing_glossary_is_one_error_and_pages_still_load(pack: PackBuilder) -> None:
    (pack.root / "glossary.md").unlink()
    library = pack.load()

    assert errors(library) == [
        "en-GB/glossary.md:1: error: glossary.md is missing: no medical word is explained"
    ]
    assert [p.id for p in library.pages] == GOOD_IDS
    assert len(library.glossary) == 0


def test_glossary_entry_problems(pack: PackBuilder) -> None:
    pack.glossary(
        "## Ligament\nA band.\n\n## Band\nAlso: ligament\nAgain.\n\n## Collagen\n\n## PGP\nPain.\n"
    )
    library = pack.load()

    # The glossary's body starts on line 15: Ligament 15, Band 18, Collagen 22, PGP 24.
    assert errors(library)[:2] == [
        "en-GB/glossary.md:18: error: 'ligament' is already defined on line 15",
        "en-GB/glossary.md:22: error: glossary entry 'Collagen' has no definition",
    ]
    assert [e.term for e in library.glossary.sorted_entries()] == ["Ligament", "PGP"]
    assert library.glossary.lookup("PGP").line == 24


def test_glossary_definition_with_raw_html_is_left_out(pack: PackBuilder) -> None:
    pack.glossary("## Ligament\nAlso: ligaments\n\nA <b>band</b>.\n\n## PGP\nPain.\n")
    library = pack.load()

    assert [str(p) for p in library.errors if "glossary.md" in p.path] == [
        "en-GB/glossary.md:18: error: raw HTML is not allowed (it is removed on screen): <b>"
    ]
    assert library.glossary.lookup("ligament") is None


def test_glossary_needs_kind_glossary(pack: PackBuilder) -> None:
    pack.glossary(kind="info")

    assert errors(pack.load()) == [
        f"en-GB/glossary.md:{LINE['kind']}: error: kind 'info' must be glossary"
    ]


def test_find_packs_and_pack_dir(tmp_path: Path) -> None:
    english = make_pack(tmp_path).root
    welsh = make_pack(tmp_path, "cy-GB").root
    (tmp_path / "notes").mkdir()

    assert find_packs(tmp_path) == [welsh, english]
    assert find_packs(english) == [english]
    assert find_packs(tmp_path / "nowhere") == []
    assert pack_dir(tmp_path, "en-GB") == english
    assert pack_dir(english, "cy-GB") == english  # a pack given directly is used as it is
    assert load_library(welsh).info.language == "cy-GB"


def test_unreadable_page_is_reported(pack: PackBuilder) -> None:
    (pack.root / "pages" / "03-bad.md").mkdir()  # a folder where a file should be
    library = pack.load()

    assert len(library.errors) == 1
    assert errors(library)[0].startswith(f"{BAD}:1: error: cannot read file: ")
    assert [p.id for p in library.pages] == GOOD_IDS


def test_malformed_metadata_line_leaves_the_page_out(pack: PackBuilder) -> None:
    text = pack.page("03-bad.md", id="bad-page", order="3").read_text(encoding="utf-8")
    pack.write("pages/03-bad.md", text.replace("order: 3\n", "order: 3\nthis line is wrong\n"))
    library = pack.load()

    assert errors(library) == [f"{BAD}:6: error: not a 'key: value' line: 'this line is wrong'"]
    assert not library.has_page("bad-page")
