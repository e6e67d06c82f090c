"""The metadata block parser: values with line numbers, and problems in the block."""

from __future__ import annotations

from kiosk.core.frontmatter import parse_frontmatter

PATH = "en-GB/pages/01-a.md"


def test_fields_keep_their_line_numbers_and_body_starts_after_the_block() -> None:
    front = parse_frontmatter("---\nid: a\ntitle: What is it?  \n---\nBody text.\n", PATH)

    assert front.problems == []
    assert front.value("id") == "a"
    assert front.fields["title"].value == "What is it?"
    assert front.line("title") == 3
    assert front.body == "Body text.\n"
    assert front.body_line == 5


def test_a_value_may_contain_colons() -> None:
    front = parse_frontmatter("---\nsource_url: https://example.org/a:b\n---\nx\n", PATH)

    assert front.value("source_url") == "https://example.org/a:b"


def test_missing_block_is_reported_on_line_1() -> None:
    front = parse_frontmatter("Just text.\n", PATH)

    assert not front.has_block
    assert [str(p) for p in front.problems] == [
        f"{PATH}:1: error: no metadata block: the file must start with a '---' line"
    ]
    assert front.body == "Just text.\n"


def test_unclosed_block_is_one_problem() -> None:
    front = parse_frontmatter("---\nid: a\ntitle: b\n", PATH)

    assert not front.has_block
    assert [(p.line, p.message) for p in front.problems] == [
        (1, "metadata block is never closed: add a '---' line after it")
    ]


def test_line_that_is_not_key_value() -> None:
    front = parse_frontmatter("---\nid: a\njust words\n---\nx\n", PATH)

    assert [(p.line, p.message) for p in front.problems] == [
        (3, "not a 'key: value' line: 'just words'")
    ]


def test_duplicate_key_names_the_first_line() -> None:
    front = parse_frontmatter("---\nid: a\ntitle: b\nid: c\n---\nx\n", PATH)

    assert [(p.line, p.message) for p in front.problems] == [
        (4, "duplicate key 'id' (first on line 2)")
    ]
    assert front.value("id") == "a"


def test_empty_value() -> None:
    front = parse_frontmatter("---\nid:\n---\nx\n", PATH)

    assert [(p.line, p.message) for p in front.problems] == [(2, "empty value for 'id'")]


def test_blank_lines_in_the_block_are_allowed() -> None:
    front = parse_frontmatter("---\nid: a\n\ntitle: b\n---\nx", PATH)

    assert front.problems == []
    assert front.line("title") == 4
    assert front.body == "x"
