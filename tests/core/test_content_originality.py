"""The content pack restates its source in its own words: no run of 7 words is copied from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO.parent / "shared" / "source" / "prolotherapy-pgp-source.txt"
CONTENT = REPO / "content"
RUN = 7  # this many consecutive words shared with the source count as copying

MARK = re.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")  # [[shown]] or [[shown|term]]
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # [text](page:id)
APOSTROPHE = re.compile(r"['\u2019]")
WORD = re.compile(r"[a-z0-9]+")

CONTENT_FILES = sorted(CONTENT.glob("*/**/*.md"))


def words(text: str) -> list[str]:
    """Lower-case words with punctuation, Markdown marks and link targets removed."""
    text = MARK.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    return WORD.findall(APOSTROPHE.sub("", text.casefold()))


def runs(seq: list[str], n: int = RUN) -> list[tuple[str, ...]]:
    return [tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)]


def split_page(text: str) -> tuple[list[str], str]:
    """Metadata values (from the ``---`` block) and the body of a content file."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return [], text
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            values = [ln.partition(":")[2] for ln in lines[1:end] if ":" in ln]
            return values, "\n".join(lines[end + 1 :])
    return [], text


def copied_runs(text: str, source_runs: set[tuple[str, ...]]) -> list[str]:
    values, body = split_page(text)
    found: list[str] = []
    for part in [*values, body]:
        for run in runs(words(part)):
            phrase = " ".join(run)
            if run in source_runs and phrase not in found:
                found.append(phrase)
    return found


@pytest.fixture(scope="module")
def source_runs() -> set[tuple[str, ...]]:
    if not SOURCE.is_file():
        pytest.skip(f"source text not found at {SOURCE} (the shared folder beside the repository)")
    return set(runs(words(SOURCE.read_text(encoding="utf-8"))))


def test_there_is_content_to_check() -> None:
    assert CONTENT_FILES, f"no content Markdown files under {CONTENT}"


@pytest.mark.parametrize(
    "path", CONTENT_FILES, ids=[p.relative_to(CONTENT).as_posix() for p in CONTENT_FILES]
)
def test_no_run_of_words_copied_from_source(path: Path, source_runs: set[tuple[str, ...]]) -> None:
    copied = copied_runs(path.read_text(encoding="utf-8"), source_runs)
    assert not copied, (
        f"{path.relative_to(REPO)} shares {RUN} or more consecutive words with the source:\n"
        + "\n".join(f"  - {phrase}" for phrase in copied)
    )


def test_checker_catches_copied_text(source_runs: set[tuple[str, ...]]) -> None:
    """The check itself must be able to fail: a passage lifted from the source is caught."""
    source_words = words(SOURCE.read_text(encoding="utf-8"))
    lifted = " ".join(source_words[200:212]).capitalize() + "."
    page = f"---\nid: x\ntitle: X\n---\nSome words of our own. {lifted}\n"
    assert copied_runs(page, source_runs)
    in_metadata = f"---\nid: x\nsummary: {lifted}\n---\nOur own words only.\n"
    assert copied_runs(in_metadata, source_runs)
    marked = "[[" + "|x]] [[".join(source_words[300:308]) + "|x]]"
    assert copied_runs(f"Body text {marked} here.", source_runs)


def test_checker_allows_own_words(source_runs: set[tuple[str, ...]]) -> None:
    page = "---\nid: x\n---\nYou usually need about 3 sessions, a week to a month apart.\n"
    assert copied_runs(page, source_runs) == []
