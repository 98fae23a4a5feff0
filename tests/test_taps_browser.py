"""No dead taps (issue 23): a tap on any country answers with its name and whether it is in
NATO, first, then the story's facts there; in every language."""

from __future__ import annotations

import pytest
from conftest import screen_point

pytestmark = pytest.mark.browser

# (lat, lon) well inside each country; what the first lines of its popup say, by language
TAPS = {
    (44.0, 20.9): {"en": ("Serbia", "Not a NATO member"), "uk": ("Сербія", "Не член НАТО")},
    (52.0, 19.0): {  # Babel writes "р." after a narrow no-break space
        "en": ("Poland", "In NATO from 12 March 1999"),
        "uk": ("Польща", "У НАТО з 12 березня 1999\u202fр."),
    },
    (64.0, 26.0): {
        "en": ("Finland", "In NATO from 4 April 2023"),
        "uk": ("Фінляндія", "У НАТО з 4 квітня 2023\u202fр."),
    },
    (46.8, 8.2): {"en": ("Switzerland", "Not a NATO member"), "uk": ("Швейцарія", "Не член НАТО")},
}


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize("where", list(TAPS))
def test_a_tap_on_any_country_names_it_and_its_status(built_languages, open_page, lang, where):
    page = open_page(built_languages[lang], fragment="#chapter=explore")
    page.wait_for_timeout(400)
    page.mouse.click(*screen_point(page, *where))
    popup = page.locator(".leaflet-popup-content .mg-popup").first
    popup.wait_for(state="visible", timeout=3000)
    title, text = TAPS[where][lang]
    assert popup.locator(".mg-popup-title").inner_text() == title
    assert popup.locator("p").first.inner_text() == text
    assert page.console_errors == []


def test_the_country_comes_before_the_story_facts_there(built_languages, open_page):
    page = open_page(built_languages["en"], fragment="#chapter=explore")
    page.wait_for_timeout(400)
    page.mouse.click(*screen_point(page, 49.0, 31.5))  # Ukraine: the no-activity zone, Bucharest
    titles = page.locator(".leaflet-popup-content .mg-popup-title")
    titles.first.wait_for(state="visible", timeout=3000)
    assert titles.count() >= 3
    assert titles.first.inner_text() == "Ukraine"


def _enter_at(page, lat, lon):
    """Centre the map on (lat, lon), give it the keyboard's focus by Tab, press Enter; return
    what the live region says."""
    page.evaluate(f"mapgen.map.setView([{lat}, {lon}], 6, {{animate: false}})")
    page.wait_for_timeout(200)
    page.locator(".leaflet-control-zoom-in").focus()
    page.keyboard.press("Shift+Tab")  # back to the map: the zoom buttons follow it in the tab order
    if page.evaluate("!document.activeElement.classList.contains('mg-map')"):
        page.locator(".mg-map").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    return page.locator("#mg-said").text_content()


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize("where", list(TAPS))
def test_a_keyboard_user_reaches_the_same_text(built_languages, open_page, lang, where):
    """Enter on the focused map opens what a tap at its centre opens, and the live region
    reads it: the country's name, then its status."""
    page = open_page(built_languages[lang], fragment="#chapter=explore")
    page.wait_for_timeout(400)
    said = _enter_at(page, *where)
    title, text = TAPS[where][lang]
    assert said.startswith(title) and text in said, said
    popup = page.locator(".leaflet-popup-content .mg-popup-title").first
    assert popup.inner_text() == title
    assert page.evaluate("document.activeElement.classList.contains('mg-map')")  # arrows still pan
    assert page.console_errors == []


def test_the_keyboard_ring_the_hint_and_nothing_here(built_languages, open_page):
    page = open_page(built_languages["en"], fragment="#chapter=explore")
    page.wait_for_timeout(400)
    keys = page.locator("#mg-keys")
    assert "mg-keys" in page.locator(".mg-map").get_attribute("aria-describedby").split()
    assert not keys.is_visible()  # only while the map has the keyboard's focus
    said = _enter_at(page, 35.0, 18.0)  # the Ionian Sea: no country, no story shape
    assert said == "Nothing on the map here. Move the map with the arrow keys."
    assert keys.is_visible() and "Enter" in keys.inner_text()
    ring = page.evaluate("getComputedStyle(document.querySelector('.mg-map'), '::after').content")
    assert ring == '""'
    assert page.locator(".leaflet-popup").count() == 0
    page.keyboard.press("ArrowRight")  # Leaflet's keyboard handler still has the map
    page.wait_for_timeout(400)
    assert page.evaluate("mapgen.map.getCenter().lng") > 18.0


def test_a_finger_gets_the_popup_and_a_mouse_the_tooltip_too(built_languages, browser):
    """A tap (touch) opens the place's popup and no tooltip: the popup names the place, and a
    tooltip would only cover it and cost the tap's frame; a mouse's hover shows the tooltip."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True)
    page = context.new_page()
    page.goto(built_languages["en"].resolve().as_uri() + "#chapter=explore")
    page.locator("html[data-mapgen-ready]").wait_for(state="attached")
    page.wait_for_timeout(400)
    x, y = screen_point(page, 44.0, 20.9)  # Serbia
    page.touchscreen.tap(x, y)
    popup = page.locator(".leaflet-popup-content .mg-popup-title").first
    popup.wait_for(state="visible", timeout=3000)
    assert popup.inner_text() == "Serbia"
    assert page.locator(".leaflet-tooltip").count() == 0
    page.evaluate("mapgen.map.closePopup()")
    page.mouse.move(*screen_point(page, 46.8, 8.2))  # a mouse, from Switzerland to Serbia
    page.mouse.move(x + 3, y + 3)
    tip = page.locator(".leaflet-tooltip", has_text="Serbia")
    tip.wait_for(state="visible", timeout=3000)
    assert tip.inner_text() == "Serbia"
    context.close()
