"""The map in an article: no scroll trap (wheel and touch) and the article's own headline
(#chrome=minimal); on its own the page keeps the usual wheel zoom."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


POINT = (
    "(ll) => { const p = mapgen.map.latLngToContainerPoint(ll);"
    " const r = mapgen.map.getContainer().getBoundingClientRect();"
    " return [r.left + p.x, r.top + p.y]; }"
)


def _screen_point(page, lat, lon):
    """Where a place is on the screen, in page pixels."""
    return page.evaluate(POINT, [lat, lon])


def _article(built_map):
    """An article page holding the first embed snippet (the map as it opens on its own)."""
    snippet = built_map.with_name("nato_map.embed.html").read_text(encoding="utf-8")
    snippet = snippet[: snippet.index("</div>") + len("</div>")]
    article = built_map.with_name("article-embed.html")
    article.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<style>body{margin:0} main{max-width:680px;margin:0 auto}</style></head><body><main>"
        "<h1>Article</h1>"
        + "<p>Text before.</p>" * 30
        + snippet
        + "<p>Text after.</p>" * 60
        + "</main></body></html>",
        encoding="utf-8",
    )
    return article


def _open_article(browser, built_map, **context):
    page = browser.new_context(viewport={"width": 680, "height": 800}, **context).new_page()
    page.goto(_article(built_map).resolve().as_uri())
    frame = page.frames[1]
    frame.locator("html[data-mapgen-ready]").wait_for(state="attached")
    page.wait_for_timeout(500)  # the frame takes the map's height
    _show_map(page, frame)
    return page, frame


def _show_map(page, frame):
    """Scroll the article so that the map's top is 100 px below the top of the window."""
    top = frame.evaluate("mapgen.map.getContainer().getBoundingClientRect().top")
    page.evaluate(
        "(top) => window.scrollTo(0, document.querySelector('iframe').getBoundingClientRect().top"
        " + window.scrollY + top - 100)",
        top,
    )
    page.wait_for_timeout(300)


def _map_centre(page):
    inner = page.frames[1].locator(".mg-map").bounding_box()  # in the article's viewport
    return inner["x"] + inner["width"] / 2, inner["y"] + min(100, inner["height"] / 2)


def test_the_wheel_scrolls_the_article_until_the_map_is_clicked(built_map, browser):
    page, frame = _open_article(browser, built_map)
    x, y = _map_centre(page)
    zoom, scroll = frame.evaluate("mapgen.map.getZoom()"), page.evaluate("scrollY")
    page.mouse.move(x, y)
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(400)
    assert frame.evaluate("mapgen.map.getZoom()") == zoom
    assert page.evaluate("scrollY") > scroll  # the article moved, not the map
    assert frame.locator(".mg-hint").is_visible()
    assert "Ctrl" in frame.locator(".mg-hint").inner_text()
    _show_map(page, frame)
    x, y = _map_centre(page)
    page.mouse.click(x, y)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(600)
    assert frame.evaluate("mapgen.map.getZoom()") > zoom  # engaged: the wheel zooms
    page.context.close()


def test_ctrl_and_the_wheel_zoom_the_map(built_map, browser):
    page, frame = _open_article(browser, built_map)
    x, y = _map_centre(page)
    zoom = frame.evaluate("mapgen.map.getZoom()")
    page.mouse.move(x, y)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_timeout(500)
    assert frame.evaluate("mapgen.map.getZoom()") > zoom
    page.context.close()


def test_on_touch_one_finger_scrolls_and_two_move_the_map(built_map, browser):
    page, frame = _open_article(browser, built_map, has_touch=True, is_mobile=True)
    assert frame.evaluate("mapgen.map.dragging.enabled()") is False
    assert frame.evaluate("mapgen.map.touchZoom.enabled()") is True  # two fingers
    touch_action = frame.evaluate("getComputedStyle(mapgen.map.getContainer()).touchAction")
    assert touch_action in ("pan-x pan-y", "manipulation", "auto")  # the page may scroll
    frame.evaluate("""() => {
      const el = mapgen.map.getContainer();
      const t = new Touch({identifier: 1, target: el, clientX: 100, clientY: 100});
      el.dispatchEvent(new TouchEvent('touchstart', {touches: [t], bubbles: true}));
    }""")
    assert frame.locator(".mg-hint").inner_text() == "Use two fingers to move the map"
    page.context.close()


def test_on_its_own_the_page_zooms_with_the_wheel(built_map, open_page):
    page = open_page(built_map)
    assert page.evaluate("mapgen.map.scrollWheelZoom.enabled()") is True
    assert page.locator(".mg-hint").count() == 0
    assert page.locator("h1").is_visible()


def test_the_snippets_hide_the_title_for_the_article_headline(built_map, browser):
    page, frame = _open_article(browser, built_map)
    assert frame.locator("h1.mg-title").is_hidden()
    assert "chrome=minimal" in frame.evaluate("location.hash")  # kept as the reader moves
    frame.locator(".mg-next").click()
    assert "chrome=minimal" in frame.evaluate("location.hash")
    page.context.close()


def test_the_attribution_prefix_is_plain_text_from_map_toml(built_map, open_page):
    page = open_page(built_map)
    prefix = page.locator(".leaflet-control-attribution")
    assert prefix.inner_text().strip() == "Leaflet"
    assert prefix.locator("svg, img, a").count() == 0  # no flag, no link


def test_print_shows_the_map_key_and_credit_without_controls(built_map, open_page):
    page = open_page(built_map)
    page.emulate_media(media="print")
    hidden = ["#mg-timeline", "#mg-panel", ".mg-steps", ".leaflet-control-zoom"]
    for selector in hidden:
        assert page.locator(selector).first.is_hidden(), selector
    for selector in (".mg-map", "#mg-legend", ".mg-credit"):
        assert page.locator(selector).first.is_visible(), selector


HELD_LAT, HELD_LON = 47.95, 38.73  # inside the held area (its representative point)
SAMPLES = [  # a layer (by legend key), the state it is seen in, a point well inside its shape
    ("No NATO military activity (map's reading)", "explore", (47.0, 62.0)),  # Kazakhstan
    ("Sea: Black Sea", "explore", (43.0, 34.5)),
    ("Donbas: held by Russia-backed forces, 2015-2022 (approx.)", "donbas", (HELD_LAT, HELD_LON)),
]


def _pixel(page, x, y):
    from io import BytesIO

    from PIL import Image

    shot = page.screenshot(clip={"x": x - 1, "y": y - 1, "width": 3, "height": 3})
    return Image.open(BytesIO(shot)).convert("RGB").getpixel((1, 1))


@pytest.mark.parametrize(("key", "chapter", "where"), SAMPLES, ids=["zone", "sea", "held"])
def test_key_swatches_are_the_colours_the_map_draws(built_map, open_page, key, chapter, where):
    page = open_page(built_map, fragment=f"#chapter={chapter}")
    page.evaluate("(p) => mapgen.map.setView(p, 6, {animate: false})", list(where))
    page.wait_for_timeout(400)
    drawn = _pixel(page, *_screen_point(page, *where))
    swatch = page.locator(f'[data-legend-key="{key}"] .mg-swatch')
    swatch.scroll_into_view_if_needed()
    box = swatch.bounding_box()
    shown = _pixel(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert max(abs(a - b) for a, b in zip(drawn, shown, strict=True)) <= 6, (key, drawn, shown)


def test_a_click_on_a_shape_leaves_no_focus_box(built_map, open_page):
    page = open_page(built_map, fragment="#chapter=no-activity")
    point = _screen_point(page, 49.5, 31.0)
    page.mouse.click(*point)
    page.wait_for_timeout(200)
    outline = page.evaluate(
        "[document.activeElement.tagName, getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert outline[1] == "none", outline
    page.keyboard.press("Escape")
    page.locator(".mg-next").focus()
    page.keyboard.press("Shift+Tab")  # keyboard focus: still drawn
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style != "none"


@pytest.mark.parametrize(
    ("where", "titles"),
    [
        ((49.5, 31.0), ["No NATO military activity: the map's reading",
                        "The Bucharest promise, 3 April 2008"]),
        ((45.3, 34.2), ["No NATO military activity: the map's reading",
                        "The Bucharest promise, 3 April 2008", "Crimea and Sevastopol"]),
        ((47.95, 38.73), ["No NATO military activity: the map's reading",
                          "The Bucharest promise, 3 April 2008",
                          "Areas held by Russia-backed forces, February 2015 - February 2022"]),
    ],
    ids=["kyiv-oblast", "crimea", "held-area"],
)  # fmt: skip
def test_one_popup_per_place_lists_every_fact_in_order(built_map, open_page, where, titles):
    page = open_page(built_map, fragment="#chapter=explore")
    point = _screen_point(page, *where)
    page.mouse.click(*point)
    shown = page.locator(".leaflet-popup .mg-popup-title").all_text_contents()
    assert shown == titles
    assert page.locator(".leaflet-popup").count() == 1


def _overlap(a, b) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])  # fmt: skip


@pytest.mark.parametrize("where", [(46.0, 30.0), (50.0, 25.0)], ids=["odesa", "lviv"])
def test_on_a_phone_the_popup_clears_the_controls(built_map, open_page, where):
    page = open_page(built_map, width=375, height=740, fragment="#chapter=no-activity")
    page.locator(".mg-map").scroll_into_view_if_needed()
    page.evaluate("(p) => mapgen.map.setView(p, 5, {animate: false})", list(where))
    page.wait_for_timeout(200)
    point = _screen_point(page, *where)
    page.mouse.click(*point)
    page.wait_for_timeout(500)  # the pan that makes room
    popup = page.locator(".leaflet-popup-content-wrapper").bounding_box()
    close = page.locator(".leaflet-popup-close-button").bounding_box()
    mapbox = page.locator(".mg-map").bounding_box()
    for control in (".leaflet-control-zoom", ".mg-layers-button", "#mg-timeline"):
        assert not _overlap(popup, page.locator(control).bounding_box()), control
    assert (
        popup["x"] >= mapbox["x"] and popup["x"] + popup["width"] <= mapbox["x"] + mapbox["width"]
    )
    assert (
        mapbox["x"] <= close["x"] and close["x"] + close["width"] <= mapbox["x"] + mapbox["width"]
    )
    assert close["y"] >= mapbox["y"]


OVERLAPS = """() => {
  const boxes = sel => [...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0);
  const labels = boxes('.mg-label span');
  const dots = [];
  mapgen.map.eachLayer(l => { if (l instanceof L.CircleMarker && l.getElement())
    dots.push(l.getElement().getBoundingClientRect()); });
  const hit = (a, b) => a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom;
  let n = 0;
  labels.forEach((a, i) => {
    labels.slice(i + 1).forEach(b => { if (hit(a, b)) n++; });
    dots.forEach(d => { if (hit(a, d)) n++; });
  });
  return [n, labels.length];
}"""


@pytest.mark.parametrize("state", ["", "#chapter=explore", "#chapter=no-activity"])
def test_no_name_overlaps_another_or_a_dot(built_map, open_page, state):
    page = open_page(built_map, fragment=state)
    page.wait_for_timeout(300)
    overlaps, shown = page.evaluate(OVERLAPS)
    assert overlaps == 0 and shown >= 15, (overlaps, shown)
    for name in ("Ukraine", "Russia"):  # the story's countries are placed first
        assert page.locator(".mg-label span", has_text=name).count() >= 1
