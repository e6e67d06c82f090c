"""Leaflet PDFs read back: pages, text, dates, metadata, paper size, type sizes and fonts."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kiosk.core.credits import long_date
from kiosk.core.leaflet import FORMATS, LARGE, STANDARD, compose_leaflet
from kiosk.printing.layout import page_images
from kiosk.printing.pdf import render_pdf
from tests.printing.pdf_reading import all_text, embedded_fonts, reader_for, runs

PAPER_POINTS = {"A4": (595, 842), "Letter": (612, 792)}


@pytest.fixture(scope="module", params=[(f, p) for f in FORMATS for p in PAPER_POINTS])
def made(request, library, fonts):
    fmt, paper = request.param
    leaflet = compose_leaflet(library, fmt=FORMATS[fmt], clinic_name="Riverside Clinic")
    pdf, pages = render_pdf(leaflet, paper)
    return leaflet, paper, reader_for(pdf), pages


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_page_count_and_exact_paper_size(made) -> None:
    _leaflet, paper, reader, pages = made
    assert len(reader.pages) == pages
    assert pages >= 3
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == PAPER_POINTS[paper]


def test_every_question_dates_and_credit_are_there_as_text(made, library) -> None:
    _leaflet, _paper, reader, _pages = made
    text = squash(all_text(reader))
    for page in library.questions:
        assert page.title in text
    newest = max(p.reviewed for p in library.pages)
    soonest = min(p.next_review for p in library.pages)
    assert long_date(newest) in text
    assert long_date(soonest) in text
    assert "The Pelvic Partnership" in text
    assert "not medical advice" in text
    assert f"Printed on {long_date(date.today())}" in text
    assert "Riverside Clinic" in text
    assert "Words explained" in text


def test_page_x_of_y_on_every_page(made) -> None:
    _leaflet, _paper, reader, pages = made
    for index, page in enumerate(reader.pages):
        assert f"Page {index + 1} of {pages}" in squash(page.extract_text())


def test_metadata(made) -> None:
    leaflet, _paper, reader, _pages = made
    meta = reader.metadata
    assert meta.title == leaflet.metadata["title"]
    assert meta.author == leaflet.metadata["author"]
    assert meta.subject == leaflet.metadata["subject"]
    assert meta.subject
    assert "Pelvic Partnership" in meta.author


def test_body_text_is_at_least_the_format_minimum(made) -> None:
    leaflet, _paper, reader, _pages = made
    minimum = 12.0 if leaflet.fmt is STANDARD else 16.0  # UKAAF/RNIB minimums
    sizes: dict[float, int] = {}
    for index in range(len(reader.pages)):
        for run in runs(reader, index):
            sizes[run.size] = sizes.get(run.size, 0) + len(run.text)
    body = max(sizes, key=sizes.get)
    assert body == pytest.approx(leaflet.fmt.body_pt, abs=0.2)
    assert body >= (14 if leaflet.fmt is STANDARD else 18)
    assert min(sizes) >= minimum, f"text at {min(sizes)} pt"


def test_fonts_are_embedded_and_sans_serif(made) -> None:
    _leaflet, _paper, reader, _pages = made
    fonts = embedded_fonts(reader)
    assert fonts
    assert all(fonts.values()), fonts
    assert all("Atkinson" in name for name in fonts), fonts
    assert not any("Italic" in name or "Oblique" in name for name in fonts)


def test_no_heading_is_left_alone_at_the_foot_of_a_page(made) -> None:
    leaflet, _paper, reader, pages = made
    footer_size = max(12.0, leaflet.fmt.body_pt - 2)
    for index in range(pages - 1):
        body_runs = [r for r in runs(reader, index) if not r.text.startswith("Page ")]
        body_runs = [r for r in body_runs if r.text != leaflet.title or r.size != footer_size]
        lowest = min(body_runs, key=lambda r: r.y)
        assert lowest.size <= leaflet.fmt.body_pt + 0.2, (
            f"page {index + 1} ends with a heading: {lowest.text!r}"
        )


def test_large_print_has_more_pages_than_standard(library, fonts) -> None:
    _, standard = render_pdf(compose_leaflet(library, fmt=STANDARD))
    _, large = render_pdf(compose_leaflet(library, fmt=LARGE))
    assert large > standard


@pytest.mark.parametrize("paper", list(PAPER_POINTS))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_previews_show_the_pages_that_print(library, fonts, fmt, paper) -> None:
    leaflet = compose_leaflet(library, fmt=FORMATS[fmt])
    _, pages = render_pdf(leaflet, paper)
    images = page_images(leaflet, paper, dpi=30)
    assert len(images) == pages
    width_in = {"A4": 8.27, "Letter": 8.5}[paper]
    assert images[0].width() == pytest.approx(width_in * 30, abs=2)


def test_every_leaflet_is_laid_out_on_the_one_layout_device(library, fonts, monkeypatch) -> None:
    """Qt keeps font data for each device text is laid out on: one per leaflet grew for ever."""
    from kiosk.printing import layout, pdf

    devices = []
    lay_out = layout.lay_out

    def recording(leaflet, device, page):
        devices.append(device)
        return lay_out(leaflet, device, page)

    monkeypatch.setattr(pdf, "lay_out", recording)
    leaflet = compose_leaflet(library, fmt=STANDARD)
    for _ in range(3):
        render_pdf(leaflet)
    monkeypatch.setattr(layout, "lay_out", recording)
    page_images(leaflet, dpi=20)
    assert len(devices) == 4
    assert all(device is layout.layout_device() for device in devices)
