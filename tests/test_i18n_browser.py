"""The map in each language, in Chromium: built together (``--lang en,de,…``), each page in
its language, no English left but proper names, names and dates of the language, the static
image's text too; Arabic right to left."""

from __future__ import annotations

import io
import re
import tomllib
from datetime import date

import pyogrio
import pytest
from conftest import ROOT, page_markers, page_parts, screen_point, wait_until
from PIL import Image

from mapgen import locale

pytestmark = pytest.mark.browser

LANGS = ["de", "fr", "pl", "uk", "ru", "ar"]
# Proper names the translations keep, and words a language shares with English.
PROPER = {"Leaflet", "Minsk II"}
SAME_WORD = {"de": {"Pause"}, "fr": {"Pause", "Sources"}}
PROPER_PHRASES = (
    "The Washington Post",
    "The Times",
    "Isle of Man",
    "Office of the Historian",
    "Sea Breeze",
    "CC BY",
    "Natural Earth",
)
ENGLISH_WORDS = "the and of with which would joined members since after between from source sources"
# English words a language has too: French "source", "sources".
SHARED_WORDS = {"fr": {"source", "sources"}}
_ID = re.compile(
    r"[a-z0-9_.:-]+|[A-Z]{3,6}(-[A-Z0-9]+)?|https?://\S+|#[0-9a-fA-F]{6}|\d{4}-\d\d-\d\d"
)


@pytest.fixture(scope="module")
def built(built_languages):
    """All seven languages in one run, side by side."""
    return built_languages


def _json_strings(value, out: set) -> None:
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _json_strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _json_strings(item, out)


def _data_strings(path) -> set[str]:
    """Every text of the page's data a reader can see: tooltips, popups, legend, timeline,
    chapters, descriptions, the scripts' words (not ids, links, colours, dates)."""
    data = page_parts(path).data
    out: set[str] = set()
    for layer in data["layers"]:
        if layer.get("control"):
            _json_strings([layer.get("name"), layer.get("section")], out)
        for item in layer["items"]:
            if item["kind"] == "markers":
                for marker in page_markers(item):
                    _json_strings({k: v for k, v in marker.items() if "url" not in k}, out)
            else:
                _json_strings({k: v for k, v in item.items() if k not in ("style", "key")}, out)
    keep = ("legend", "timeline", "descriptions", "chapters", "story", "embed", "ui")
    _json_strings({k: data[k] for k in keep}, out)
    return out


def _page_strings(page, path) -> set[str]:
    """What the page shows: every chapter's caption and sources, the Layers drawer, the key,
    "About" with its tables, the controls' names for screen readers."""
    found: set[str] = set()
    chapters = [c["id"] for c in page_parts(path).data["chapters"]] + ["explore"]
    for chapter in chapters:
        page.goto(f"{path.as_uri()}#chapter={chapter}")
        page.wait_for_timeout(150)
        page.evaluate("document.querySelectorAll('.mg-source-toggle').forEach(b => b.click())")
        found |= set(page.locator("#mg-story").inner_text().split("\n"))
    # a click on Ukraine (every layer free in Explore): its popup, with the words around it
    page.goto("about:blank")
    page.goto(f"{path.as_uri()}#chapter=no-activity")
    wait_until(page, "document.documentElement.hasAttribute('data-mapgen-ready')", 20)
    page.mouse.click(*screen_point(page, 49.5, 31.0))
    page.locator(".leaflet-popup-content").wait_for()
    found |= set(page.locator(".leaflet-popup").inner_text().split("\n"))
    page.locator(".mg-layers-button").click()
    found |= set(page.locator("#mg-panel").inner_text().split("\n"))
    page.locator("#mg-panel-close").click()
    page.locator("#mg-about-button").click()
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    found |= set(page.locator("body").inner_text().split("\n"))
    found |= set(
        page.evaluate(
            "[...document.querySelectorAll('[aria-label],[title],[alt]')].flatMap(e => "
            "['aria-label', 'title', 'alt'].map(a => e.getAttribute(a) || ''))"
        )
    )
    found |= set(page.evaluate("[document.title]"))
    return found


def _reader_strings(page, path) -> set[str]:
    strings = {s.strip() for s in _page_strings(page, path) | _data_strings(path)}
    return {s for s in strings if re.search(r"[^\W\d_]{2}", s) and not _ID.fullmatch(s)}


@pytest.fixture(scope="module")
def english(built, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    strings = _reader_strings(page, built["en"])
    page.close()
    assert len(strings) > 500
    return strings


def _same_in(lang: str) -> set[str]:
    """Country names Natural Earth writes alike in English and ``lang`` (Portugal, Iran), and
    the places the language file names alike (Berlin, Ankara)."""
    frame = pyogrio.read_dataframe(ROOT / "data/geo/countries.fgb", read_geometry=False)
    same = set(frame.loc[frame[f"name_{lang}"] == frame["name"], "name"])
    places = tomllib.loads((ROOT / f"data/i18n/{lang}.toml").read_text(encoding="utf-8"))
    return same | {p["name"] for p in places["places"].values()}


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_is_in_its_language(built, browser, english, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    path = built[lang]
    page.goto(path.as_uri())
    root = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    assert root == [lang, "rtl" if lang == "ar" else "ltr"]
    strings = _reader_strings(page, path)
    # no English left: nothing the English page says is said the same way here
    left = english & strings - PROPER - SAME_WORD.get(lang, set()) - _same_in(lang)
    assert not left, sorted(left)[:20]
    # nor English words inside the translated texts (proper names aside)
    words = set(ENGLISH_WORDS.split()) - SHARED_WORDS.get(lang, set())
    pattern = re.compile(r"\b(" + "|".join(sorted(words)) + r")\b", re.I)
    english_words = []
    for text in strings:
        for phrase in PROPER_PHRASES:
            text = text.replace(phrase, "")
        english_words += pattern.findall(text)
    assert not english_words, english_words[:20]
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_names_dates_and_image_are_in_the_language(built, browser, lang):
    frame = pyogrio.read_dataframe(ROOT / "data/geo/countries.fgb", read_geometry=False)
    own = dict(zip(frame["shape_id"], frame[f"name_{lang}"], strict=True))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(built[lang].as_uri())
    wait_until(page, "document.documentElement.hasAttribute('data-mapgen-ready')", 20)
    labels = page.evaluate("[...document.querySelectorAll('.mg-label')].map(e => e.textContent)")
    labels = set(labels)
    assert {own["UKR"], own["POL"], own["RUS"]} <= labels
    with locale.using(lang):
        day = locale.long_date(date(2021, 12, 17))
    assert page.locator("#mg-status").inner_text().startswith(day)
    assert day in page.locator("#mg-description").text_content()
    # the static image: drawn from the same texts (its title travels in the PNG)
    png = Image.open(io.BytesIO(built[lang].with_suffix(".png").read_bytes()))
    title = page.locator("h1").inner_text()
    assert png.text["Title"] == title != page_parts(built["en"]).title
    page.close()


def test_the_versions_link_each_other(built):
    for lang, path in built.items():
        html = path.read_text(encoding="utf-8")
        for other in built:
            assert f'<link rel="alternate" hreflang="{other}" href="nato_map.{other}.html">' in html
        assert f'hreflang="{lang}" lang="{lang}" aria-current="page">' in html
    assert ">Українська</a>" in built["de"].read_text(encoding="utf-8")


def test_arabic_is_mirrored(built, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(built["ar"].as_uri())
    page.locator(".mg-layers-button").wait_for()
    box = page.locator(".mg-map").bounding_box()
    zoom = page.locator(".leaflet-control-zoom").bounding_box()
    layers = page.locator(".mg-layers-button").bounding_box()
    assert zoom["x"] > box["x"] + box["width"] / 2  # zoom top right
    assert layers["x"] < box["x"] + box["width"] / 2  # Layers top left
    page.locator(".mg-layers-button").click()
    panel = page.locator("#mg-panel").bounding_box()
    assert abs(panel["x"] - box["x"]) < 2  # the drawer comes from the left
    title = page.locator("h1").bounding_box()
    text_end = page.evaluate(
        "(() => { const r = document.createRange();"
        " r.selectNodeContents(document.querySelector('h1'));"
        " return r.getBoundingClientRect().right; })()"
    )
    assert abs(text_end - (title["x"] + title["width"])) < 2  # the title starts at the right
    # the arrow key pointing along the reading direction (left) moves the story on
    page.locator("#mg-panel-close").click()
    page.locator(".mg-next").focus()
    chapter = "document.documentElement.dataset.mapgenChapter"
    page.keyboard.press("ArrowLeft")
    wait_until(page, chapter + " === 'baseline'", 5)  # the map follows a frame after the key
    page.keyboard.press("ArrowRight")
    wait_until(page, chapter + " === 'enlargement'", 5)
    page.close()


@pytest.mark.parametrize("lang", ["en", "uk", "ar"])
def test_long_step_titles_keep_one_row(built, browser, lang):
    # the page is at most 1,100 px wide: seven whole titles wrap in every language
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{built[lang].as_uri()}#chapter=no-activity")
    page.locator(".mg-step").first.wait_for()
    row = page.evaluate(
        "(() => { const l = document.querySelector('.mg-steps');"
        " const b = l.querySelector('.mg-step');"
        " return [l.offsetHeight / b.offsetHeight, l.closest('.mg-steps-row').className]; })()"
    )
    assert row[0] < 1.5  # one row of steps
    assert "is-compact" in row[1]
    current = page.locator('.mg-step[aria-current="step"] .mg-step-title')
    assert current.is_visible() and current.bounding_box()["width"] > 100
    other = page.locator('.mg-step[data-chapter="donbas"]')
    # the others by number; their titles stay for screen readers and as tooltips
    assert other.get_attribute("title").startswith("4. ")
    assert other.bounding_box()["width"] < 60
    page.close()


@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_the_timeline_fits_a_phone_in_every_language(built, browser, lang):
    # 343 px: the frame in a phone's article column (375 px less its margins)
    page = browser.new_page(viewport={"width": 343, "height": 740})
    page.goto(built[lang].as_uri())
    wait_until(page, "document.documentElement.hasAttribute('data-mapgen-ready')", 20)
    fits = page.evaluate(
        "[...document.querySelectorAll('#mg-play, #mg-status')].map(e =>"
        " [e.id, e.scrollWidth <= e.clientWidth + 1, e.getBoundingClientRect().right])"
    )
    for element, whole, right in fits:
        assert whole, (lang, element)  # the Play button's word is not cut or spilled
        assert right <= 343, (lang, element)
    page.close()
