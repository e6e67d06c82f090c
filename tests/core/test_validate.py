"""Content checks on page bodies (errors leave the page out, warnings do not) and the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.core.loader import load_library
from kiosk.core.model import Problem, Severity
from kiosk.core.page_checks import quoted
from kiosk.core.validate import count_pages, format_report, validate_path
from tests.core.packs import TODAY, PackBuilder, make_pack

PATH = "en-GB/pages/03-check.md"
BODY = 15  # first body line of a page written with the default metadata


@pytest.fixture
def pack(tmp_path: Path) -> PackBuilder:
    return make_pack(tmp_path)


def check(pack: PackBuilder, body: str, today: date = TODAY, **meta: str | None) -> list[str]:
    """Problems reported for one extra page, as ``file:line: severity: message`` lines."""
    pack.page("03-check.md", body, **{"id": "check", "order": "3", **meta})
    library = pack.load(today)
    return [str(p) for p in library.problems if p.path == PATH]


def is_shown(pack: PackBuilder) -> bool:
    return pack.load().has_page("check")


def test_plain_page_has_no_problems(pack: PackBuilder) -> None:
    assert check(pack, "A short plain answer.\n\nIt has `<b>code</b>` and <!-- a note -->.\n") == []
    assert is_shown(pack)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Fine.\n\n<div onclick=\"go()\">Hi</div>\n",
            [f"{PATH}:{BODY + 2}: error: raw HTML is not allowed (it is removed on screen): "
             '<div onclick="go()">Hi</div>'],
        ),
        (
            "Fine.\nSee <script>alert(1)</script> here.\n",
            [f"{PATH}:{BODY + 1}: error: raw HTML is not allowed (it is removed on screen): "
             "<script>"],
        ),
        (
            "Fine.\n\n<iframe src=\"https://example.com\"></iframe>\n",
            [f"{PATH}:{BODY + 2}: error: raw HTML is not allowed (it is removed on screen): "
             '<iframe src="https://example.com"></iframe>'],
        ),
        (
            "Fine.\nSee [the other page](page:no-such-page).\n",
            [f"{PATH}:{BODY + 1}: error: link to a page that does not exist: page:no-such-page"],
        ),
        (
            "Fine.\n\nVisit [our site](https://example.com).\n",
            [f"{PATH}:{BODY + 2}: error: web link https://example.com: "
             "the kiosk is offline, only page:<id> links work"],
        ),
        (
            "Write to <mailto:someone@example.com>.\n",
            [f"{PATH}:{BODY}: error: web link mailto:someone@example.com: "
             "the kiosk is offline, only page:<id> links work"],
        ),
        (
            "Fine.\n[Click](javascript:alert(1))\n",
            [f"{PATH}:{BODY + 1}: error: web link javascript:alert(1): "
             "the kiosk is offline, only page:<id> links work"],
        ),
        (
            "Fine.\n\n![A pelvis](https://example.com/p.png)\n",
            [f"{PATH}:{BODY + 2}: error: image from outside the pack: "
             "https://example.com/p.png (store the file in the pack)"],
        ),
        (
            "![A pelvis](data:image/png;base64,AAAA)\n",
            [f"{PATH}:{BODY}: error: image from outside the pack: "
             "data:image/png;base64,AAAA (store the file in the pack)"],
        ),
        (
            "Fine.\n![A pelvis](../secret.png)\n",
            [f"{PATH}:{BODY + 1}: error: image path must be relative to the pack folder: "
             "../secret.png"],
        ),
        (
            "Fine.\n![A pelvis](images/missing.png)\n",
            [f"{PATH}:{BODY + 1}: error: image not found: images/missing.png "
             "(looked in en-GB/images/missing.png)"],
        ),
        (
            "Fine.\n\nYour [[tendons|tendon]] and [[ligaments]].\n",
            [f"{PATH}:{BODY + 2}: error: glossary term not defined: 'tendon' "
             "(add it to glossary.md)"],
        ),
    ],
)  # fmt: skip
def test_errors_point_at_the_line_and_leave_the_page_out(
    pack: PackBuilder, body: str, expected: list[str]
) -> None:
    assert check(pack, body) == expected
    assert not is_shown(pack)


def test_local_image_that_exists_is_fine(pack: PackBuilder) -> None:
    pack.write("images/pelvis.png", b"\x89PNG")

    assert check(pack, "A picture.\n\n![The pelvis](images/pelvis.png)\n") == []


def test_two_bad_links_on_different_lines(pack: PackBuilder) -> None:
    body = "One [a](http://a.example).\n\nTwo [b](http://a.example).\n"

    assert [line.split(": ")[0] for line in check(pack, body)] == [
        f"{PATH}:{BODY}",
        f"{PATH}:{BODY + 2}",
    ]


def test_html_and_marks_in_code_are_not_checked(pack: PackBuilder) -> None:
    body = "Type `<div>` and `[[unknown]]`.\n\n    <script>indented code</script>\n"

    assert check(pack, body) == []


def test_overdue_review_is_a_warning_and_the_page_is_still_shown(pack: PackBuilder) -> None:
    problems = check(pack, "Fine.\n", today=date(2029, 12, 1))

    assert f"{PATH}:11: warning: review overdue: next_review was 2029-11-20" in problems
    assert is_shown(pack)


def test_review_due_within_60_days_is_a_warning(pack: PackBuilder) -> None:
    problems = check(pack, "Fine.\n", today=date(2029, 10, 1))

    assert problems == [
        f"{PATH}:11: warning: review due soon: next_review is 2029-11-20 (in 50 days)"
    ]


def test_missing_sign_off_is_a_warning(pack: PackBuilder) -> None:
    problems = check(pack, "Fine.\n", approved_by=None, approved_on=None)

    assert problems == [
        f"{PATH}:1: warning: no clinical sign-off: approved_by and approved_on missing"
    ]
    assert is_shown(pack)


HARD = (
    "Sacroiliac dysfunction necessitates comprehensive multidisciplinary evaluation. "
    "Proliferative injection therapy stimulates fibroblastic regeneration. "
    "Consequently, ligamentous laxity diminishes considerably. "
    "Contraindications encompass anticoagulation and immunosuppression. "
    "Practitioners individualise administration intervals. "
    "Musculoskeletal physiotherapy complements intervention.\n"
)


def test_low_reading_ease_is_a_warning_with_score_and_target(pack: PackBuilder) -> None:
    problems = check(pack, HARD)

    assert len(problems) == 1
    assert problems[0].startswith(f"{PATH}:{BODY}: warning: hard to read: Flesch reading ease ")
    assert "target 60" in problems[0]
    assert is_shown(pack)


def test_long_sentence_is_one_warning_quoting_its_start(pack: PackBuilder) -> None:
    long = " ".join(["and then we wait"] * 9)  # 36 words
    body = f"Short start.\n\nAnother short one.\nNow {long}.\nThen {long}.\n"

    assert check(pack, body) == [
        f"{PATH}:{BODY + 3}: warning: long sentence (37 words, aim for at most 30): "
        '"Now and then we wait and then we ..."'
    ]


def test_a_sentence_of_long_words_is_quoted_in_at_most_80_characters(pack: PackBuilder) -> None:
    word = "pneumonoultramicroscopicsilicovolcanoconiosis"  # 45 letters
    body = f"Short start.\n\nNow {' '.join([word] * 31)}.\n"
    [problem] = [p for p in check(pack, body) if "long sentence" in p]
    quote = problem.split(": ", 3)[-1].split('"')[1]
    assert len(quote) <= 80
    assert quote == f"Now {word} ..."


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short enough", 80, "short enough"),
        ("one two three four", 12, "one two ..."),
        ("x" * 100, 80, "x" * 76 + " ..."),
        ("many   spaces\nand lines", 80, "many spaces and lines"),
    ],
)
def test_quoted_cuts_after_a_whole_word(text: str, limit: int, expected: str) -> None:
    assert quoted(text, limit) == expected
    assert len(quoted(text, limit)) <= limit


def test_a_long_link_is_quoted_short(pack: PackBuilder) -> None:
    target = "page:" + "a-very-long-page-name-" * 10
    [problem] = check(pack, f"Fine.\nSee [the page]({target}).\n")
    assert problem.endswith(f"link to a page that does not exist: {target[:76]} ...")


def test_validate_path_covers_every_pack(tmp_path: Path) -> None:
    make_pack(tmp_path)
    welsh = make_pack(tmp_path, "cy-GB")
    welsh.page("03-x.md", "See [site](http://example.com).", id="x", order="3")

    problems = validate_path(tmp_path, today=TODAY)

    assert [p.path for p in problems] == ["cy-GB/pages/03-x.md"]
    assert validate_path(welsh.root, today=TODAY) == problems
    assert count_pages(tmp_path) == 5


def test_validate_path_without_a_pack(tmp_path: Path) -> None:
    assert validate_path(tmp_path) == [
        Problem(str(tmp_path), 1, "no content pack found (a folder with pack.toml)")
    ]


def test_format_report() -> None:
    problems = [
        Problem("en-GB/pages/01-a.md", 3, "raw HTML is not allowed"),
        Problem("en-GB/pages/02-b.md", 11, "review overdue", Severity.WARNING),
        Problem("en-GB/pages/02-b.md", 1, "no clinical sign-off", Severity.WARNING),
    ]

    assert format_report(problems, pages=7) == (
        "en-GB/pages/01-a.md:3: error: raw HTML is not allowed\n"
        "en-GB/pages/02-b.md:11: warning: review overdue\n"
        "en-GB/pages/02-b.md:1: warning: no clinical sign-off\n"
        "7 pages, 1 error, 2 warnings"
    )
    assert format_report([], pages=1) == "1 page, 0 errors, 0 warnings"
    assert format_report([]) == "0 errors, 0 warnings"


REAL_PACK = Path(__file__).resolve().parents[2] / "content" / "en-GB"


@pytest.mark.skipif(
    not (REAL_PACK / "pack.toml").exists(), reason="content/en-GB is not written yet"
)
def test_real_content_pack_has_no_errors() -> None:
    library = load_library(REAL_PACK)

    assert [str(p) for p in library.errors] == []
    assert library.questions
