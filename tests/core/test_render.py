"""Rendering: Markdown becomes safe HTML for QTextBrowser, parsed once per page."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from kiosk.core.model import Library
from kiosk.core.render import Renderer, is_local_image
from tests.core.packs import make_pack


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return make_pack(tmp_path).load()


@pytest.fixture
def renderer(library: Library) -> Renderer:
    return Renderer(library)


def test_page_html_links_glossary_terms_and_pages(renderer: Renderer) -> None:
    html = renderer.page_html("what-is-prolotherapy")

    assert '<a class="term" href="glossary:ligament">ligaments</a>' in html
    assert '<a href="page:what-does-treatment-involve">what the treatment involves</a>' in html
    assert "[[" not in html


def test_plural_mark_finds_the_singular_entry(renderer: Renderer) -> None:
    html = renderer.page_html("what-does-treatment-involve")

    assert '<a class="term" href="glossary:sacroiliac-joint">sacroiliac joints</a>' in html


@pytest.mark.parametrize(
    ("markdown", "gone"),
    [
        ("Hi <script>alert('x')</script> there.", ["<script", "alert"]),
        ("<script>\nsteal()\n</script>\n\nText.", ["<script", "steal"]),
        ('<iframe src="https://example.com">inside</iframe>', ["<iframe", "example.com", "inside"]),
        ("<style>p { color: red }</style>\n\nText.", ["<style", "color"]),
        ("![x](https://example.com/a.png)", ["example.com", "src="]),
        ("![x](//example.com/a.png)", ["example.com", "src="]),
        ("![x](data:image/png;base64,AAAA)", ["data:", "src="]),
        ("![x](file:///etc/passwd)", ["passwd", "src="]),
        ("![x](/etc/a.png)", ["/etc", "src="]),
        ("![x](../outside.png)", ["outside", "src="]),
        ("[click](javascript:alert(1))", ["javascript", "href"]),
        ("[site](https://example.com)", ["example.com", "href"]),
        ("[mail](mailto:a@example.com)", ["mailto", "href"]),
        ("[gone](page:no-such-page)", ["no-such-page", "href"]),
        ('<div onclick="evil()" style="color:red">Hello</div>', ["<div", "onclick", "style"]),
        ('<span onmouseover="evil()">Hi</span>', ["onmouseover", "evil"]),
        ("<object data='x.swf'>o</object><embed src='y.swf'>", ["<object", "<embed", "swf"]),
        ("<noscript>ns</noscript><template>tp</template>", ["ns<", "tp"]),
    ],
)
def test_dangerous_or_networked_markup_is_removed(
    renderer: Renderer, markdown: str, gone: list[str]
) -> None:
    html = renderer.markdown_html(markdown)

    for fragment in gone:
        assert fragment not in html


def test_text_of_removed_links_and_divs_stays(renderer: Renderer) -> None:
    html = renderer.markdown_html("[click](javascript:alert(1)) and [site](https://example.com)")

    assert html == "<p><a>click</a> and <a>site</a></p>"
    assert "Hello" in renderer.markdown_html('<div onclick="evil()">Hello</div>')


def test_local_image_stays(renderer: Renderer) -> None:
    html = renderer.markdown_html('![The pelvis](images/pelvis.png "Pelvis")')

    assert '<img alt="The pelvis" src="images/pelvis.png">' in html


def test_unknown_glossary_term_is_plain_text(renderer: Renderer) -> None:
    html = renderer.markdown_html("Your [[tendons|tendon]] and [[femur]].")

    assert html == "<p>Your tendons and femur.</p>"


def test_h1_becomes_h2_and_tables_keep_alignment(renderer: Renderer) -> None:
    html = renderer.markdown_html("# Heading\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n")

    assert "<h2>Heading</h2>" in html
    assert "<h1" not in html
    assert '<td align="right">2</td>' in html


def test_glossary_html_has_an_anchor_per_entry(renderer: Renderer, library: Library) -> None:
    html = renderer.glossary_html()

    for entry in library.glossary.sorted_entries():
        assert f'<h2><a name="{entry.anchor}"></a>{entry.term}</h2>' in html
    assert html.index('name="collagen"') < html.index('name="ligament"')
    assert "A tough band of tissue" in html


def test_definition_html(renderer: Renderer, library: Library) -> None:
    entry = library.glossary["collagen"]

    assert renderer.definition_html(entry) == (
        '<p>A protein that makes <a class="term" href="glossary:ligament">ligaments</a> strong.</p>'
    )


def test_second_call_comes_from_the_cache(renderer: Renderer) -> None:
    first = renderer.page_html("what-is-prolotherapy")
    before = renderer.cache_info()
    second = renderer.page_html("what-is-prolotherapy")
    after = renderer.cache_info()

    assert second == first
    assert after.conversions == before.conversions == 1
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)


def test_cached_pages_never_reach_markdown_again(
    renderer: Renderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer.page_html("what-is-prolotherapy")
    renderer.glossary_html()

    def fail(text: str) -> str:
        raise AssertionError("markdown was parsed again")

    monkeypatch.setattr(renderer, "markdown_html", fail)
    renderer.page_html("what-is-prolotherapy")
    renderer.glossary_html()


def test_unknown_page_id_raises(renderer: Renderer) -> None:
    with pytest.raises(KeyError):
        renderer.page_html("no-such-page")


@pytest.mark.parametrize(
    ("src", "local"),
    [
        ("images/a.png", True),
        ("a.png", True),
        ("images/../../a.png", False),
        ("/a.png", False),
        ("\\\\server\\a.png", False),
        ("C:/a.png", False),
        ("http://x/a.png", False),
        ("", False),
    ],
)
def test_is_local_image(src: str, local: bool) -> None:
    assert is_local_image(src) is local


def test_a_renderer_no_longer_used_is_freed(library: Library) -> None:
    """Every leaflet builds a Renderer: one that outlived its use would leak for ever."""
    renderer = Renderer(library)
    renderer.page_html("what-is-prolotherapy")
    gone = weakref.ref(renderer)
    del renderer
    gc.collect()
    assert gone() is None
