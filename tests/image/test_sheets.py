"""The share card (size, tags) and the print files (vector, the title as text)."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET

import pytest
from conftest import page_parts, run_mapgen
from PIL import Image
from pypdf import PdfReader

BASE = "https://example.org/graphics/nato/"
TITLE = "NATO's enlargement and Russia's December 2021 demands"


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("print") / "nato_map.html"
    result = run_mapgen("build", "--out", out, "--print", "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    return out


def test_the_card_is_1200_by_630_and_the_page_points_to_it(printed):
    card = printed.with_name("nato_map.card.png")
    image = Image.open(card)
    assert image.size == (1200, 630)
    assert image.text["Title"] == TITLE
    html = printed.read_text(encoding="utf-8")
    for tag in (
        f'<link rel="canonical" href="{BASE}nato_map.html">',
        f'<meta property="og:url" content="{BASE}nato_map.html">',
        f'<meta property="og:image" content="{BASE}nato_map.card.png">',
        '<meta property="og:image:width" content="1200">',
        '<meta property="og:image:height" content="630">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:image" content="{BASE}nato_map.card.png">',
        '<meta property="og:locale" content="en_GB">',
    ):
        assert tag in html
    assert page_parts(html).title == TITLE
    # the card is not blank: the map's colours fill most of it
    colours = image.convert("RGB").getcolors(1 << 20)
    assert len(colours) > 1000


def test_without_a_base_url_no_share_tags_and_the_log_says_so(tmp_path):
    out = tmp_path / "nato_map.html"
    result = run_mapgen("build", "--out", out)
    assert result.returncode == 0
    assert "no --base-url: nato_map.card.png is written, but the page has no share tags" in (
        result.stderr
    )
    html = out.read_text(encoding="utf-8")
    assert 'property="og:' not in html and "twitter:" not in html and "canonical" not in html
    assert Image.open(out.with_name("nato_map.card.png")).size == (1200, 630)


def _svg_texts(path) -> str:
    root = ET.parse(path).getroot()
    return " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))


def test_print_files_hold_the_title_as_text_at_a4(printed):
    pdf = PdfReader(printed.with_suffix(".pdf"))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert TITLE in pdf.pages[0].extract_text()
    texts = _svg_texts(printed.with_suffix(".svg"))
    assert TITLE in texts and "1990: German reunification" in texts  # the key, as text
    svg = printed.with_suffix(".svg").read_text(encoding="utf-8")
    assert "<path" in svg and "<image" not in svg  # shapes as vectors, no raster


def test_the_same_inputs_give_the_same_print_files(printed, tmp_path):
    """Reproducible: matplotlib would write the time of drawing into both files, and random
    ids into the SVG."""
    again = tmp_path / "nato_map.html"
    result = run_mapgen("build", "--out", again, "--print", "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    pdf, svg = (printed.with_suffix(s).read_bytes() for s in (".pdf", ".svg"))
    assert b"CreationDate" not in pdf and b"<dc:date>" not in svg
    for suffix in (".pdf", ".svg"):
        first, second = (p.with_suffix(suffix).read_bytes() for p in (printed, again))
        assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest(), suffix


def test_print_at_a_column_width_in_the_language(tmp_path):
    out = tmp_path / "nato_map.html"
    result = run_mapgen("build", "--out", out, "--print", "60", "--lang", "uk", "--no-png")
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(out.with_name("nato_map.pdf"))
    width = float(pdf.pages[0].mediabox.width)
    assert abs(width - 60 / 25.4 * 72) < 1  # 60 mm
    title = page_parts(out.with_name("nato_map.html")).title
    assert "НАТО" in title
    flat = " ".join(pdf.pages[0].extract_text().split())
    assert " ".join(title.split()[:3]) in flat
    assert "Україна" in _svg_texts(out.with_name("nato_map.svg"))
    assert not out.with_name("nato_map.png").exists()  # --no-png: no image, no card


def test_print_sizes_are_checked():
    result = run_mapgen("build", "--print", "20")
    assert result.returncode == 2 and "'20' is outside 40-420 mm" in result.stderr
    result = run_mapgen("build", "--base-url", "ftp://example.org/")
    assert result.returncode == 2 and "is not an http(s) URL" in result.stderr
