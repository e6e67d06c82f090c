"""Leaflets: every answer, the words explained, the credits and dates, clear print, safe HTML."""

from __future__ import annotations

import html
import re
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest
import segno

from kiosk.core.leaflet import FORMATS, LARGE, STANDARD, Leaflet, LeafletFormat, compose_leaflet
from kiosk.core.leaflet_format import HEADING_STEPS
from kiosk.core.leaflet_html import to_print_html
from kiosk.core.leaflet_images import IMAGE_MAX_WIDTH, QR_MIN_PIXELS, QR_WIDTH_PX, qr_code, qr_png
from kiosk.core.loader import load_library, pack_dir
from kiosk.core.model import Glossary, GlossaryEntry, Library, PackInfo, Page, PageKind
from kiosk.core.render import MarkdownConverter, text_blocks
from tests.core.packs import TREATMENT, WHAT_IS, make_pack

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2027, 3, 5)
PRINT_TAGS = {"h1", "h2", "h3", "p", "ul", "ol", "li", "b", "strong", "table", "tr", "td"}
PRINT_TAGS |= {"img", "br", "hr", "html", "head", "meta", "title", "body"}
FORBIDDEN = ("<em", "<i>", "<i ", "<u>", "<u ", "italic", "underline", "text-decoration")


@pytest.fixture(scope="module")
def real() -> Library:
    return load_library(pack_dir(REPO / "content", "en-GB"))


@pytest.fixture(scope="module")
def real_leaflet(real: Library) -> Leaflet:
    return compose_leaflet(real, today=TODAY)


@pytest.fixture
def small(tmp_path: Path) -> Library:
    return make_pack(tmp_path).load()


def plain(markup: str) -> str:
    """The text a reader sees: inline tags vanish, blocks become line breaks."""
    text = re.sub(r"</?(b|strong)>", "", markup)
    text = re.sub(r"<[^>]+>", "\n", text)
    return "\n".join(" ".join(line.split()) for line in html.unescape(text).splitlines())


def flat(markup: str) -> str:
    return " ".join(plain(markup).split())


def h2s(leaflet: Leaflet) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<h2>(.*?)</h2>", leaflet.html)]


def section(leaflet: Leaflet, heading: str) -> str:
    """The HTML from an h2 to the next h2."""
    found = re.search(rf"<h2>{re.escape(heading)}</h2>(.*?)(?=<h2>|</body>)", leaflet.html, re.S)
    assert found, heading
    return found.group(1)


def glossary_terms(leaflet: Leaflet) -> list[str]:
    words = section(leaflet, "Words explained")
    return re.findall(r"<p><b>(.+?)(?: \(also: [^)]*\))?</b>", words)


def marked_terms(library: Library, *page_ids: str) -> list[str]:
    converter = MarkdownConverter(library.glossary)
    entries = {
        mark.entry
        for page_id in page_ids
        for mark in converter.convert(library.page(page_id).body).marks
        if mark.entry is not None
    }
    return [e.term for e in sorted(entries, key=lambda e: e.key)]


def css_rules(css: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip())
            for name, _, value in (d.partition(":") for d in body.split(";") if d.strip())
        )
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(declarations)
    return rules


def png_rows(data: bytes) -> list[bytes]:
    """Rows of a 1-bit greyscale PNG (what segno writes), one byte per pixel, 1 = white."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (1, 0)
    chunks, i = b"", 8
    while i < len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        if data[i + 4 : i + 8] == b"IDAT":
            chunks += data[i + 8 : i + 8 + length]
        i += 12 + length
    raw, stride = zlib.decompress(chunks), (width + 7) // 8
    rows, previous = [], bytes(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]
        assert kind in (0, 2), "only the None and Up filters are decoded here"
        if kind == 2:
            line = bytes((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        previous = line
        rows.append(bytes((line[x // 8] >> (7 - x % 8)) & 1 for x in range(width)))
    return rows


# -- the real pack -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [STANDARD, LARGE], ids=["standard", "large"])
def test_every_question_and_its_whole_answer_is_printed(real: Library, fmt: LeafletFormat) -> None:
    leaflet = compose_leaflet(real, fmt=fmt, today=TODAY)
    text = flat(leaflet.html)
    converter = MarkdownConverter(real.glossary)

    assert len(real.questions) == 5
    for page in real.questions:
        assert f"<h2>{html.escape(page.title, quote=False)}</h2>" in leaflet.html
        for block in text_blocks(converter.convert(page.body).root):
            assert block in text, (page.id, block)


def test_sections_come_in_order(real: Library, real_leaflet: Leaflet) -> None:
    assert h2s(real_leaflet) == [
        *(p.title for p in real.questions),
        "Words explained",
        "Questions you may want to ask your clinician",
        "About this information",
    ]
    assert real_leaflet.page_ids == (*(p.id for p in real.questions), "questions-to-ask")
    assert real_leaflet.html.count("<h1>") == 1
    assert "<h1>Prolotherapy for pelvic girdle pain</h1>" in real_leaflet.html


def test_words_explained_are_exactly_the_marked_terms(real: Library) -> None:
    leaflet = compose_leaflet(real, page_ids=["is-it-safe"], today=TODAY)

    expected = marked_terms(real, "is-it-safe", "questions-to-ask")
    assert glossary_terms(leaflet) == expected
    assert expected == sorted(expected, key=str.casefold)
    assert "Symphysis pubis" not in expected  # marked only in pages not chosen
    definition = real.glossary["cochrane review"].definition
    assert definition in flat(section(leaflet, "Words explained"))


def test_words_explained_name_the_form_a_reader_saw(real_leaflet: Leaflet) -> None:
    words = section(real_leaflet, "Words explained")

    assert "<b>Pelvic girdle pain (also: PGP)</b>" in words
    assert "<b>Sucrose (also: sugar solution)</b>" in words
    assert "<b>Ligament</b>:" in words  # "ligaments" is only the plural


def test_glossary_marks_are_bold_words_and_links_plain_text(real_leaflet: Leaflet) -> None:
    assert "<b>ligaments</b>" in real_leaflet.html
    assert "You can read what the treatment involves." in plain(real_leaflet.html)
    for gone in ("<a", "href", "glossary:", '"page:', "[["):
        assert gone not in real_leaflet.html


def test_about_section_credits_the_source_with_dates(real: Library, real_leaflet: Leaflet) -> None:
    about = flat(section(real_leaflet, "About this information"))

    assert "Source: The Pelvic Partnership (registered charity 1100373)" in about
    assert "last reviewed in 2017" in about
    assert "Last reviewed: 26 November 2026." in about
    assert "Next review due: 26 November 2029." in about
    assert real.info.disclaimer in about
    assert "Printed on 5 March 2027." in about
    assert "Scan for the source’s web page: pelvicpartnership.org.uk" in about
    assert "different dates" not in about  # every page of the real pack has the same dates
    assert real_leaflet.printed_on == TODAY


def test_metadata(real_leaflet: Leaflet) -> None:
    meta = real_leaflet.metadata

    assert meta["title"] == real_leaflet.title == "Prolotherapy for pelvic girdle pain"
    assert meta["author"] == "The Pelvic Partnership (adapted)"
    assert meta["subject"].startswith("Prolotherapy for pelvic girdle pain: answers to 5 questions")
    assert "\n" not in meta["subject"]
    assert "Prolotherapy" in meta["keywords"]
    assert "<title>Prolotherapy for pelvic girdle pain</title>" in real_leaflet.html


def test_qr_code_is_the_source_address(real_leaflet: Leaflet) -> None:
    data = real_leaflet.resources["qr.png"]

    assert data == qr_png("https://pelvicpartnership.org.uk/")
    assert f'<img src="qr.png" width="{QR_WIDTH_PX}" height="{QR_WIDTH_PX}"' in real_leaflet.html
    assert QR_WIDTH_PX == 113  # 30 mm at 96 CSS px to the inch
    assert set(real_leaflet.resources) == {"qr.png"}


# -- clear print -------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "body"), [(STANDARD, "14pt"), (LARGE, "18pt")])
def test_style_sheet_is_clear_print(real: Library, fmt: LeafletFormat, body: str) -> None:
    leaflet = compose_leaflet(real, fmt=fmt, today=TODAY)
    rules = css_rules(leaflet.css)

    assert leaflet.fmt is fmt
    assert rules["body"]["font-size"] == body
    assert rules["body"]["font-family"].startswith('"Atkinson Hyperlegible"')
    assert rules["body"]["font-family"].endswith("sans-serif")
    assert (rules["body"]["color"], rules["body"]["background-color"]) == ("#000000", "#ffffff")
    for tag in ("p", "li", "td"):
        assert rules[tag]["line-height"] == "150%"
    for tag in ("h1", "h2", "h3"):
        assert rules[tag]["font-size"] in HEADING_STEPS  # Qt ignores pt sizes on headings
    assert "justify" not in leaflet.css
    assert "uppercase" not in leaflet.css


def test_formats() -> None:
    assert FORMATS == {"standard": STANDARD, "large": LARGE}
    assert (STANDARD.name, STANDARD.label, STANDARD.body_pt) == ("standard", "Standard print", 14)
    assert (LARGE.name, LARGE.label, LARGE.body_pt) == ("large", "Large print", 18)
    for fmt in FORMATS.values():
        assert fmt.line_height_percent == 150
        assert fmt.h1_pt > fmt.h2_pt > fmt.h3_pt > fmt.body_pt
    assert (STANDARD.h1_pt, STANDARD.h2_pt, STANDARD.h3_pt) == (28, 21, 16.8)
    with pytest.raises(ValueError, match="huge"):
        LeafletFormat("x", "X", 12, h1_size="huge")


@pytest.mark.parametrize("fmt", [STANDARD, LARGE], ids=["standard", "large"])
def test_no_italics_underlining_or_other_tags(real: Library, fmt: LeafletFormat) -> None:
    leaflet = compose_leaflet(real, fmt=fmt, page_ids=[p.id for p in real.pages], today=TODAY)

    for text in (leaflet.html.lower(), leaflet.css.lower()):
        for bad in FORBIDDEN:
            assert bad not in text
    assert set(re.findall(r"</?([a-z0-9]+)", leaflet.html)) <= PRINT_TAGS


def test_headings_are_bare_tags(real_leaflet: Leaflet) -> None:
    # The Qt side keeps a heading with what follows by its block's heading level.
    for opening in re.findall(r"<h[1-6][^>]*>", real_leaflet.html):
        assert opening in ("<h1>", "<h2>", "<h3>")
    assert "<div" not in real_leaflet.html


def test_emphasis_prints_plain(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    pack.page("01-what-is-prolotherapy.md", "It is *soft*, _gentle_ and **firm**.\n")
    leaflet = compose_leaflet(pack.load(), today=TODAY)

    assert "It is soft, gentle and <strong>firm</strong>." in leaflet.html


# -- choosing pages ----------------------------------------------------------------------------


def test_a_chosen_subset_prints_in_library_order(small: Library) -> None:
    ids = ["what-does-treatment-involve", "what-is-prolotherapy"]
    leaflet = compose_leaflet(small, page_ids=ids, today=TODAY)

    assert leaflet.page_ids == ("what-is-prolotherapy", "what-does-treatment-involve")
    assert h2s(leaflet)[:2] == ["What is prolotherapy?", "What does the treatment involve?"]


def test_one_page_brings_only_its_own_words(small: Library) -> None:
    leaflet = compose_leaflet(small, page_ids=["what-does-treatment-involve"], today=TODAY)

    assert "What is prolotherapy?" not in leaflet.html
    assert glossary_terms(leaflet) == ["Collagen", "Sacroiliac joint"]
    # Collagen's definition marks "ligaments": printed plain, since it has no entry here.
    assert "A protein that makes ligaments strong." in section(leaflet, "Words explained")
    assert "Questions you may want to ask" not in leaflet.html  # this pack has no such page


def test_unknown_page_id_raises(small: Library) -> None:
    with pytest.raises(ValueError, match="no-such-page"):
        compose_leaflet(small, page_ids=["what-is-prolotherapy", "no-such-page"])
    with pytest.raises(ValueError, match="no pages"):
        compose_leaflet(small, page_ids=[])


def test_questions_to_ask_prints_once_where_chosen(real: Library) -> None:
    ids = ["questions-to-ask", "what-is-prolotherapy"]
    leaflet = compose_leaflet(real, page_ids=ids, today=TODAY)

    assert leaflet.page_ids == ("what-is-prolotherapy", "questions-to-ask")
    assert h2s(leaflet) == [
        "What is prolotherapy?",
        "Questions you may want to ask your clinician",
        "Words explained",
        "About this information",
    ]


def test_pages_without_marks_have_no_words_section(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    pack.page("01-what-is-prolotherapy.md", "Nothing to explain here.\n")
    pack.page("02-what-does-treatment-involve.md", "Nor here.\n", id="b", order="2")
    leaflet = compose_leaflet(pack.load(), today=TODAY)

    assert "Words explained" not in leaflet.html
    assert "Medical words in bold" not in leaflet.html
    assert "Nothing to explain here." in leaflet.html


# -- dates, clinic, images ---------------------------------------------------------------------


def test_latest_reviewed_and_earliest_next_review(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    pack.page(
        "02-what-does-treatment-involve.md",
        TREATMENT,
        id="what-does-treatment-involve",
        title="What does the treatment involve?",
        order="2",
        reviewed="2026-12-01",
        next_review="2028-06-30",
    )
    library = pack.load()
    about = flat(section(compose_leaflet(library, today=TODAY), "About this information"))

    assert "Last reviewed: 1 December 2026." in about
    assert "Next review due: 30 June 2028." in about
    assert "reviewed on different dates" in about
    assert "the oldest is 20 November 2026" in about
    # One page alone: its own dates, said plainly.
    alone = compose_leaflet(library, page_ids=["what-is-prolotherapy"], today=TODAY)
    alone_about = flat(section(alone, "About this information"))
    assert "Next review due: 20 November 2029." in alone_about


def test_a_passed_review_date_is_pointed_out(small: Library) -> None:
    about = flat(section(compose_leaflet(small, today=date(2030, 1, 1)), "About this information"))

    assert "Next review due: 20 November 2029." in about
    assert "has passed" in about


def test_clinic_name_and_logo(small: Library, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    segno.make("Clinic logo stand-in", micro=False).save(logo, kind="png", scale=20)
    leaflet = compose_leaflet(small, clinic_name=" Bay & Vale Clinic ", logo=logo, today=TODAY)

    assert leaflet.resources["logo.png"] == logo.read_bytes()
    assert re.search(
        r'<img src="logo.png" width="\d+" height="\d+" alt="Bay &amp; Vale', leaflet.html
    )
    assert '<p class="clinic"><b>Bay &amp; Vale Clinic</b></p>' in leaflet.html
    assert (
        leaflet.html.index("logo.png")
        < leaflet.html.index("Bay &amp;")
        < leaflet.html.index("<h1>")
    )
    assert leaflet.metadata["author"] == "The Pelvic Partnership (adapted); Bay & Vale Clinic"


def test_no_clinic_no_clinic_lines(small: Library) -> None:
    leaflet = compose_leaflet(small, today=TODAY)

    assert 'class="clinic"' not in leaflet.html
    assert set(leaflet.resources) == {"qr.png"}


def test_a_logo_that_is_not_an_image_raises(small: Library, tmp_path: Path) -> None:
    text = tmp_path / "logo.png"
    text.write_text("not a picture", encoding="utf-8")
    with pytest.raises(ValueError, match="not a PNG, JPEG or SVG"):
        compose_leaflet(small, logo=text)
    with pytest.raises(ValueError, match="cannot read the logo"):
        compose_leaflet(small, logo=tmp_path / "missing.png")


def test_an_svg_logo_keeps_its_own_aspect(small: Library, tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"/>', "utf-8")
    leaflet = compose_leaflet(small, logo=logo, today=TODAY)

    assert '<img src="logo.svg" height="76"' in leaflet.html  # 20 mm tall, width to match


def test_a_pack_image_becomes_a_resource(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    picture = segno.make("a wide picture stand-in", micro=False)
    picture.save(pack.root / "pelvis.png", kind="png", scale=40)
    pack.page("01-what-is-prolotherapy.md", WHAT_IS + "\n![The pelvis](pelvis.png)\n")
    leaflet = compose_leaflet(pack.load(), today=TODAY)

    assert leaflet.resources["image.png"] == (pack.root / "pelvis.png").read_bytes()
    found = re.search(
        r'<p class="image"><img src="image.png" width="(\d+)" height="(\d+)"', leaflet.html
    )
    assert found
    assert int(found.group(1)) == int(found.group(2)) == IMAGE_MAX_WIDTH  # square, scaled down


# -- the QR code -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["https://pelvicpartnership.org.uk/", "http://a.b/", "https://x.org/" + "p" * 120]
)
def test_qr_png_pixels_are_the_code_for_the_url(url: str) -> None:
    data = qr_png(url)
    rows = png_rows(data)
    matrix = qr_code(url).matrix
    size = len(matrix) + 8  # four modules of quiet zone each side
    scale, rest = divmod(len(rows), size)

    assert not qr_code(url).is_micro
    assert matrix == segno.make(url, error="m", micro=False).matrix
    if len(url) > 20:  # segno.make picks a full QR code for these by itself
        assert matrix == segno.make(url, error="m").matrix
    assert rest == 0
    assert len(rows) == len(rows[0]) >= QR_MIN_PIXELS
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = rows[(y + 4) * scale + scale // 2][(x + 4) * scale + scale // 2]
            assert pixel == (0 if dark else 1), (x, y)
    assert all(rows[scale // 2][x] == 1 for x in range(len(rows)))  # quiet zone is white


# -- nothing unsafe gets through ---------------------------------------------------------------


def hostile_library(root: Path) -> Library:
    """Built directly: the loader would leave pages with raw HTML out."""
    body = (
        "Hello <script>alert('x')</script> there.\n\n"
        "<script>\nsteal()\n</script>\n\n"
        '<div onclick="evil()" style="color:red">Clicky</div>\n\n'
        '<iframe src="https://example.com">inside</iframe>\n\n'
        "Some <u>under</u> and <i>slanted</i> and <font color=red>red</font> text.\n\n"
        "[site](https://example.com) ![x](https://example.com/a.png) "
        "![y](../outside.png) [[Ligament]]\n"
    )
    page = Page(
        id="bad",
        title="<script>t()</script> & co",
        summary="",
        order=1,
        kind=PageKind.QUESTION,
        source="Src <b>",
        source_url="https://example.org/",
        source_reviewed="2017",
        reviewed=date(2026, 1, 1),
        next_review=date(2028, 1, 1),
        body=body,
        path=root / "bad.md",
        body_line=1,
    )
    entry = GlossaryEntry("Ligament", "Holds <script>x()</script> bones.")
    info = PackInfo(title="Pack <i>title</i>", language="en-GB", disclaimer="Ask <u>them</u>.")
    return Library(root, info, (page,), Glossary((entry,)))


def test_raw_html_in_content_cannot_leak(tmp_path: Path) -> None:
    leaflet = compose_leaflet(hostile_library(tmp_path), today=TODAY)
    lowered = leaflet.html.lower()

    for gone in ("<script", "alert", "steal", "onclick", "evil", "style=", "<iframe", "inside"):
        assert gone not in lowered
    for gone in ("example.com", "outside", "<u", "<i>", "<font", "<div"):
        assert gone not in lowered
    assert set(re.findall(r"</?([a-z0-9]+)", leaflet.html)) <= PRINT_TAGS
    assert "<h2>&lt;script&gt;t()&lt;/script&gt; &amp; co</h2>" in leaflet.html
    assert "<h1>Pack &lt;i&gt;title&lt;/i&gt;</h1>" in leaflet.html
    assert "Ask &lt;u&gt;them&lt;/u&gt;." in leaflet.html
    assert "Clicky" in leaflet.html
    assert "<b>Ligament</b>: Holds  bones." in leaflet.html


def test_print_html_rewrites_to_the_print_subset() -> None:
    source = (
        "<h2>A</h2><h4>B</h4><blockquote><p>Q</p></blockquote>"
        "<table><thead><tr><th align='left'>Head</th></tr></thead>"
        "<tbody><tr><td>Cell &amp; more</td></tr></tbody></table>"
        '<p><a class="term" href="glossary:x">term</a> <a href="page:y">link</a><br>'
        "<span>s</span> <em>e</em></p><hr><p>unclosed"
    )
    result = to_print_html(source)

    assert result.html == (
        "<h3>A</h3><h3>B</h3><p>Q</p>"
        '<table border="1" cellspacing="0" cellpadding="6"><tr><td><b>Head</b></td></tr>'
        "<tr><td>Cell &amp; more</td></tr></table>"
        "<p><b>term</b> link<br>s e</p><hr><p>unclosed</p>"
    )
    assert result.marks == (("x", "term"),)
    assert to_print_html(source, bold_terms=False).html.count("<b>") == 1  # the table header
