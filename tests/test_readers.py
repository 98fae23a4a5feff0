"""Readers in a real browser: keyboard, legend, timeline, small screens, the embed snippet."""

from __future__ import annotations

import re

import pytest

from tests.conftest import open_about, open_layers, wait_until
from tests.test_browser import VISIBLE

pytestmark = pytest.mark.browser

WAVES = {
    "1949": 12,
    "1952": 2,
    "1955": 1,
    "1982": 1,
    "1990: German reunification": 1,
    "1999": 3,
    "2004": 7,
    "2009": 2,
    "2017": 1,
    "2020": 1,
}


def _checkbox(page, name):
    open_layers(page)
    return page.locator(
        ".leaflet-control-layers-overlays label", has_text=re.compile(rf"^\s*{re.escape(name)}\s*$")
    ).locator("input")


def _wave_ids(page, wave):
    return page.evaluate(
        """(wave) => {
      const ids = new Set();
      mapgen.forTests().layers.forEach(r => {
        if (r.spec.name === wave && mapgen.map.hasLayer(r.group)) {
          r.group.eachLayer(p => ids.add(p.feature.properties.id));
        }
      });
      return [...ids].sort();
    }""",
        wave,
    )


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_every_wave_toggles_and_the_legend_follows(built_map, open_page, how):
    page = open_page(built_map)
    before = set(page.evaluate(VISIBLE))
    for wave in WAVES:
        ids = set(_wave_ids(page, wave))
        box = _checkbox(page, wave)
        legend = page.locator(f'[data-legend-key="{wave}"]')
        if how == "mouse":
            box.click()
        else:
            box.focus()
            page.keyboard.press("Space")
        assert not box.is_checked()
        gone = before - set(page.evaluate(VISIBLE))
        assert {item.split()[0] for item in gone} == ids, wave
        assert "is-off" in legend.get_attribute("class") and legend.is_hidden()
        if how == "mouse":
            box.click()
        else:
            page.keyboard.press("Space")
        assert box.is_checked()
        assert set(page.evaluate(VISIBLE)) == before
        assert "is-off" not in (legend.get_attribute("class") or "") and legend.is_visible()
    assert page.external_requests == [] and page.console_errors == []


FOCUSED = """() => {
  const el = document.activeElement;
  const label = el.closest('label');
  return [el.tagName, el.id || el.className || '', el.getAttribute('aria-label') ||
          (label ? label.textContent.trim() : el.textContent.trim().slice(0, 40)),
          getComputedStyle(el).outlineStyle];
}"""


def _tab_through(page, presses):
    """Press Tab; what each press focuses, and the focus rings seen on the way."""
    seen, outlines = [], set()
    for _ in range(presses):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        seen.append(info)
        if info[0] != "BODY":  # Tab past the last control returns to the page itself
            outlines.add(info[3])
    return {(tag, id_, label) for tag, id_, label, _ in seen}, outlines


def test_every_control_is_reachable_with_tab_and_visibly_focused(built_map, open_page):
    page = open_page(built_map)
    seen, outlines = _tab_through(page, 40)
    names = {(tag, label) for tag, _, label in seen}
    assert ("BUTTON", "Play") in names
    assert ("INPUT", "mg-date") in {(tag, id_) for tag, id_, _ in seen}
    assert ("A", "Zoom in") in names and ("A", "Zoom out") in names
    assert ("BUTTON", "Layers") in names  # the layers wait behind it, in the drawer
    assert ("BUTTON", "Key") in names and ("BUTTON", "About this map / Data") in names
    assert ("BUTTON", "Sources (2)") in names  # the chapter's sources
    assert not any(tag == "INPUT" and label == "1949" for tag, label in names)
    # Enter on "Layers" opens the drawer and puts the focus in it; Tab reaches every layer
    page.locator(".mg-layers-button").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "mg-panel-close"
    inside, rings = _tab_through(page, 32)
    inside = {(tag, label) for tag, _, label in inside}
    for wave in WAVES:
        assert ("INPUT", wave) in inside, wave
    assert ("INPUT", "Events: Reactions") in inside
    page.locator("#mg-panel input").last.focus()
    page.keyboard.press("Escape")  # shuts the drawer; the focus goes back to its button
    assert page.locator("#mg-panel").is_hidden()
    assert page.evaluate("document.activeElement.className") == "mg-layers-button"
    # "About this map / Data" opens with the keyboard and holds the download link
    page.locator("#mg-about-button").focus()
    page.keyboard.press("Enter")
    after, more = _tab_through(page, 60)  # past a link per article of the drafts
    assert ("A", "Download data (CSV)") in {(tag, label) for tag, _, label in after}
    assert outlines | rings | more == {"solid"}  # every focused control shows the focus ring


def test_zoom_buttons_work_with_space_and_enter(built_map, open_page):
    page = open_page(built_map)
    start = page.evaluate("mapgen.map.getZoom()")
    page.locator(".leaflet-control-zoom-in").focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(400)
    after_space = page.evaluate("mapgen.map.getZoom()")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert start < after_space < page.evaluate("mapgen.map.getZoom()")


HATCHED = """mapgen.forTests().dated.filter(d => d.group.hasLayer(d.layer)
  && d.layer.options.className === 'mapgen-hatch-baseline').length"""


def test_timeline_steps_with_the_keyboard(built_map, open_page):
    page = open_page(built_map)
    status = page.locator("#mg-status")
    slider = page.locator("#mg-date")
    assert status.inner_text() == "17 December 2021: 30 members"
    assert page.locator(".mg-status").get_attribute("aria-live") == "polite"
    slider.focus()
    page.keyboard.press("ArrowLeft")
    assert status.inner_text() == "27 March 2020: 30 members"
    page.keyboard.press("ArrowLeft")
    assert status.inner_text() == "5 June 2017: 29 members"
    assert slider.get_attribute("aria-valuetext") == "5 June 2017: 29 members"
    assert not _checkbox(page, "2020").is_checked()
    assert "is-off" in page.locator('[data-legend-key="2020"]').get_attribute("class")
    slider.focus()  # the drawer took the focus
    page.keyboard.press("Home")
    assert status.inner_text() == "24 August 1949: 12 members"
    assert [w for w in WAVES if _checkbox(page, w).is_checked()] == ["1949"]
    assert page.evaluate(HATCHED) == 0
    page.keyboard.press("End")
    assert status.inner_text() == "7 March 2024: 32 members"
    assert _checkbox(page, "2024 (later)").is_checked()
    assert page.evaluate(HATCHED) == 17
    visible = {item.split()[0] for item in page.evaluate(VISIBLE)}
    assert {"FIN", "SWE"} <= visible
    assert page.external_requests == [] and page.console_errors == []


def test_play_runs_through_the_dates(built_map, open_page):
    page = open_page(built_map)
    page.locator("#mg-date").focus()
    page.keyboard.press("Home")
    page.locator("#mg-play").click()
    assert page.locator("#mg-play").inner_text() == "Pause"
    wait_until(page, "document.getElementById('mg-date').value === '2'", 5)
    page.locator("#mg-play").click()
    assert page.locator("#mg-play").inner_text() == "Play"


def test_reduced_motion_steps_instead_of_playing(built_map, browser):
    page = browser.new_page(reduced_motion="reduce")
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(built_map.resolve().as_uri())
    page.locator("html[data-mapgen-ready]").wait_for(state="attached", timeout=10_000)
    play = page.locator("#mg-play")
    assert play.inner_text() == "Next"
    before = page.locator("#mg-date").input_value()
    play.click()
    page.wait_for_timeout(1500)
    assert int(page.locator("#mg-date").input_value()) == int(before) + 1
    page.close()


@pytest.mark.parametrize("width", [320, 375])
def test_small_screens(built_map, open_page, width):
    page = open_page(built_map, width=width, height=740)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    open_layers(page)
    for selector in (
        ".leaflet-control-zoom-in",
        "#mg-play",
        "#mg-date",
        ".mg-layers-button",
        ".leaflet-control-layers-overlays label",
        "#mg-panel-close",
        "#mg-key-button",
        "#mg-about-button",
        ".mg-prev",
        ".mg-next",
    ):
        box = page.locator(selector).first.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, selector
    assert page.locator("path.leaflet-interactive").count() > 100
    viewport = page.evaluate("document.querySelector('meta[name=viewport]').content")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport


def test_screen_reader_text(built_map, open_page):
    page = open_page(built_map)
    assert page.evaluate("document.documentElement.lang") == "en"
    described = page.locator(".mg-map").get_attribute("aria-describedby").split()
    assert described == ["mg-keys", "mg-description"]  # how to use it by keyboard, then what
    assert "Enter" in page.locator("#mg-keys").text_content()  # (shown while focused)
    text = page.locator("#mg-description").inner_text()
    assert text.startswith("As of 17 December 2021, NATO had 30 members")
    assert page.locator("#mg-data").is_hidden()  # behind "About this map / Data"
    open_about(page)
    rows = page.locator("#mg-data table tbody tr")
    assert rows.count() == 32
    first = rows.first.locator("th, td").all_text_contents()
    assert first == ["Belgium", "24 August 1949", "1949", "no"]


def test_embed_snippet_sizes_the_frame_in_a_375px_article(built_map, browser):
    snippet = built_map.with_name("nato_map.embed.html").read_text(encoding="utf-8")
    article = built_map.with_name("article.html")
    article.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<style>body{margin:0} main{max-width:375px;padding:0 16px;box-sizing:border-box}</style>"
        f"</head><body><main><h1>Article</h1><p>Text before.</p>{snippet}<p>Text after.</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 375, "height": 800})
    outgoing = []
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith("file:")
            else (outgoing.append(r.request.url), r.abort())
        ),
    )
    page.goto(article.resolve().as_uri())
    frame = page.locator("iframe").first
    assert frame.get_attribute("title").startswith("NATO's enlargement")
    page.wait_for_function(  # the article's page, not the map's: no CSP here
        "document.querySelector('iframe').style.height !== '900px'", timeout=10000
    )
    box = frame.bounding_box()
    assert box["width"] == pytest.approx(375 - 32, abs=1)  # fills the column
    inner = page.frame_locator("iframe").first
    inner.locator("html[data-mapgen-ready]").wait_for(state="attached")
    content_height = page.frames[1].evaluate(
        "Math.ceil(document.documentElement.getBoundingClientRect().height)"
    )
    assert box["height"] == pytest.approx(content_height, abs=2)  # no inner scrolling
    assert page.frames[1].evaluate("document.documentElement.scrollWidth") <= box["width"] + 1
    assert outgoing == []
    page.close()


def test_fallback_height_without_scripts(built_map):
    snippet = built_map.with_name("nato_map.embed.html").read_text(encoding="utf-8")
    assert 'height="900"' in snippet and "height:900px" in snippet
    assert 'src="nato_map.html#chrome=minimal"' in snippet


def test_layer_panel_sections_survive_the_timeline(built_map, open_page):
    page = open_page(built_map)
    expected = [
        "Members by year of accession",
        "Russia's demands, December 2021",
        "Sea areas",
        "Donbas and Crimea",
        "Events",
    ]
    assert page.locator(".mg-section").all_text_contents() == expected
    page.locator("#mg-date").focus()
    page.keyboard.press("Home")  # Leaflet rebuilds the list as waves come and go
    assert page.locator(".mg-section").all_text_contents() == expected
    first = page.locator(".leaflet-control-layers-overlays > *").first
    assert first.evaluate("el => el.tagName") == "H3"
