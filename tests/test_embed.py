"""The map in an article: no scroll trap (wheel and touch) and the article's own headline
(#chrome=minimal); on its own the page keeps the usual wheel zoom."""

from __future__ import annotations

import pytest
from conftest import LABELS_STATE, screen_point, wait_until

pytestmark = pytest.mark.browser


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
    # the click opens the country's popup, which Leaflet pans into view and which keeps the
    # wheel to itself: the wheel goes to the map beside it, low on the left
    page.wait_for_timeout(400)
    inner = page.frames[1].locator(".mg-map").bounding_box()
    page.mouse.move(inner["x"] + inner["width"] / 4, inner["y"] + inner["height"] - 60)
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
    wait_until(frame, "location.hash.startsWith('#chapter=baseline')", 5)  # the map followed
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
    # the shape's own colour, not a name's halo over it (Donetsk's name may stand there)
    page.evaluate("mapgen.map.getPane('mgLabels').style.visibility = 'hidden'")
    drawn = _pixel(page, *screen_point(page, *where))
    swatch = page.locator(f'[data-legend-key="{key}"] .mg-swatch')
    swatch.scroll_into_view_if_needed()
    box = swatch.bounding_box()
    shown = _pixel(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert max(abs(a - b) for a, b in zip(drawn, shown, strict=True)) <= 6, (key, drawn, shown)


def test_a_click_on_a_shape_leaves_no_focus_box(built_map, open_page):
    page = open_page(built_map, fragment="#chapter=no-activity")
    point = screen_point(page, 49.5, 31.0)
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
        ((49.5, 31.0), ["Ukraine", "No NATO military activity: the map's reading",
                        "The Bucharest promise, 3 April 2008"]),
        ((45.3, 34.2), ["Ukraine", "No NATO military activity: the map's reading",
                        "The Bucharest promise, 3 April 2008", "Crimea and Sevastopol"]),
        ((47.95, 38.73), ["Ukraine", "No NATO military activity: the map's reading",
                          "The Bucharest promise, 3 April 2008",
                          "Areas held by Russia-backed forces, February 2015 - February 2022"]),
    ],
    ids=["kyiv-oblast", "crimea", "held-area"],
)  # fmt: skip
def test_one_popup_per_place_lists_every_fact_in_order(built_map, open_page, where, titles):
    page = open_page(built_map, fragment="#chapter=explore")
    point = screen_point(page, *where)
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
    point = screen_point(page, *where)
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


@pytest.mark.parametrize("state", ["", "#chapter=explore", "#chapter=no-activity"])
def test_no_name_overlaps_another_or_a_dot(built_map, open_page, state):
    page = open_page(built_map, fragment=state)
    page.wait_for_timeout(300)
    state = page.evaluate(LABELS_STATE)
    assert state["overlaps"] == 0 and len(state["names"]) >= 15, state
    for name in ("Ukraine", "Russia"):  # the story's countries are placed first
        assert page.locator(".mg-label span", has_text=name).count() >= 1


# The embed in a host article: map first and compact (issue 13). The column is at most 680 px
# wide, with 16 px of margin either side, as in most news sites' article templates.
TARGETS = {375: 760, 680: 900, 1280: 900}  # the frame's greatest height at each window width


def _snippets(built_map):
    """Every embed snippet: the opening one, then one per chapter."""
    text = built_map.with_name("nato_map.embed.html").read_text(encoding="utf-8")
    parts = text.split('<div class="mapgen-embed"')[1:]
    return ['<div class="mapgen-embed"' + p[: p.index("</div>") + len("</div>")] for p in parts]


def _host(built_map, snippet, name):
    article = built_map.with_name(name)
    article.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<style>body{margin:0;font:18px/1.5 Georgia,serif}"
        "main{max-width:680px;margin:0 auto;padding:0 16px}</style></head><body><main>"
        "<h1>Russia's draft treaties</h1>"
        + "<p>Text before the map.</p>" * 3
        + snippet
        + "<p>Text after the map.</p>" * 40
        + "</main></body></html>",
        encoding="utf-8",
    )
    return article


def _settled(page, frame):
    """Wait until the frame has taken the height the map reports (no eval: poll)."""
    for _ in range(40):
        inner = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        outer = page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")
        if abs(inner - outer) <= 1:
            return outer
        page.wait_for_timeout(100)
    raise AssertionError(f"the frame is {outer} px, its page {inner} px")


def _in_article(browser, built_map, width, snippet=None, name="host.html"):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, has_touch=width < 500, is_mobile=width < 500
    )
    page = context.new_page()
    page.goto(_host(built_map, snippet or _snippets(built_map)[0], name).resolve().as_uri())
    frame = page.frames[1]
    frame.locator("html[data-mapgen-ready]").wait_for(state="attached")
    _settled(page, frame)
    return page, frame


@pytest.mark.parametrize("width", sorted(TARGETS))
def test_every_snippet_fits_the_target_height_with_the_map_first(built_map, browser, width):
    snippets = _snippets(built_map)
    assert len(snippets) == 7  # the opening view and six chapters
    for i, snippet in enumerate(snippets):
        page, frame = _in_article(browser, built_map, width, snippet, f"host-{width}-{i}.html")
        height = _settled(page, frame)
        chapter = frame.evaluate("document.documentElement.dataset.mapgenChapter")
        map_height = frame.locator(".mg-map").bounding_box()["height"]
        assert height <= TARGETS[width], (chapter, height)
        if width == 375:
            assert map_height >= 0.55 * height, (chapter, map_height, height)
        else:
            assert map_height >= 0.42 * height, (chapter, map_height, height)
        # nothing scrolls inside the frame and nothing is cut off: the frame is its page
        assert frame.evaluate("document.documentElement.scrollHeight") <= height + 1
        assert frame.evaluate("document.documentElement.scrollWidth") <= frame.evaluate(
            "innerWidth"
        )
        bottom = frame.evaluate(
            "Math.max(...[...document.querySelectorAll('.mg-figure > *, .mg-figure li')]"
            ".map(e => e.getBoundingClientRect().bottom))"
        )
        assert bottom <= height + 1, chapter
        # the current step's title is whole: not cut by its row or the frame
        whole = frame.evaluate(
            "(() => { const b = document.querySelector('.mg-step[aria-current=\"step\"]');"
            " const r = b.getBoundingClientRect(), row = b.closest('ol').getBoundingClientRect();"
            " return b.scrollWidth <= b.clientWidth + 1 && r.left >= row.left - 1"
            " && r.right <= Math.min(row.right, innerWidth) + 1; })()"
        )
        assert whole, chapter
        # map first: above it only the story's step row, its caption and (wider) the timeline
        above = frame.evaluate("mapgen.map.getContainer().getBoundingClientRect().top")
        assert above < height - map_height - 60, chapter  # room below for the key and credit
        page.context.close()


def test_the_layers_button_opens_a_drawer_over_the_map(built_map, browser):
    page, frame = _in_article(browser, built_map, 375)
    height = _settled(page, frame)
    button = frame.locator(".mg-layers-button")
    panel = frame.locator("#mg-panel")
    assert panel.is_hidden() and button.get_attribute("aria-expanded") == "false"
    assert frame.locator(".leaflet-control-layers-overlays label").first.is_hidden()
    button.click()
    assert panel.is_visible() and button.get_attribute("aria-expanded") == "true"
    assert frame.evaluate("document.activeElement.id") == "mg-panel-close"
    drawer, mapbox = panel.bounding_box(), frame.locator(".mg-map").bounding_box()
    assert mapbox["y"] <= drawer["y"] and drawer["y"] + drawer["height"] <= mapbox["y"] + (
        mapbox["height"] + 1
    )  # over the map, not a list in the page
    assert drawer["width"] <= mapbox["width"]
    assert _settled(page, frame) == height  # the frame keeps its height
    names = frame.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert len(names) >= 25 and "1949" in [n.strip() for n in names]
    assert frame.locator(".mg-panel-title").is_visible()  # the heading is never cut off
    # each entry with a key carries the key's swatch: a year matches its colour
    swatch = frame.locator(".leaflet-control-layers-overlays label", has_text="1952")
    shown = swatch.locator(".mg-swatch").evaluate("e => e.style.getPropertyValue('--c')")
    legend = frame.locator('[data-legend-key="1952"] .mg-swatch')
    assert shown and shown == legend.evaluate("e => e.style.getPropertyValue('--c')")
    assert swatch.locator(".mg-swatch").is_visible()
    frame.locator(".leaflet-control-layers-overlays label", has_text="Crimea").locator(
        "input"
    ).click()  # the drawer works: Crimea on
    assert frame.locator('[data-legend-key="Crimea: occupied by Russia since 2014"]').count()
    frame.locator("#mg-panel-close").click()
    assert panel.is_hidden() and button.get_attribute("aria-expanded") == "false"
    assert frame.evaluate("document.activeElement.className") == "mg-layers-button"
    button.click()
    frame.locator(".leaflet-control-layers-overlays input").first.focus()
    frame.locator(".leaflet-control-layers-overlays input").first.press("Escape")
    assert panel.is_hidden()
    page.context.close()


KEY_STATE = """() => {
  const groups = {};
  mapgen.forTests().layers.forEach(r => {
    if (mapgen.map.hasLayer(r.group)) groups[r.spec.name] = true; });
  return [...document.querySelectorAll('#mg-legend li')].map(li =>
    [li.dataset.legendKey, !li.hidden && li.getClientRects().length > 0,
     Boolean(groups[li.dataset.legendKey])]);
}"""


@pytest.mark.parametrize("chapter", ["enlargement", "baseline", "donbas", "explore"])
def test_the_key_lists_only_the_layers_that_are_on(built_map, open_page, chapter):
    page = open_page(built_map, width=1280, fragment=f"#chapter={chapter}")
    state = page.evaluate(KEY_STATE)
    shown = [key for key, visible, _ in state if visible]
    assert shown == [key for key, _, on in state if on]  # shown exactly when on the map
    assert shown and (chapter == "explore" or len(shown) < len(state))
    if chapter == "donbas":
        assert "Crimea: occupied by Russia since 2014" in shown
        assert "Sea: Black Sea" not in shown and "Events: Conflict" in shown
    page.locator(".mg-next" if chapter != "explore" else ".mg-prev").click()
    page.wait_for_timeout(300)
    after = page.evaluate(KEY_STATE)
    assert [k for k, v, _ in after if v] == [k for k, _, on in after if on]  # and follows


def test_on_a_phone_the_key_folds_and_unfolds(built_map, browser):
    page, frame = _in_article(browser, built_map, 375)
    height = _settled(page, frame)
    key = frame.locator("#mg-key-button")
    assert key.get_attribute("aria-expanded") == "false" and frame.locator("#mg-legend").is_hidden()
    key.click()
    assert frame.locator("#mg-legend").is_visible()
    assert frame.locator("#mg-legend li:not([hidden])").count() == 10  # 1949 ... 2020
    grown = _settled(page, frame)  # the frame grows with it: nothing cut off or scrolled
    assert grown > height
    key.click()
    assert _settled(page, frame) == height
    page.context.close()
    wide, frame = _in_article(browser, built_map, 680, name="host-wide.html")
    assert frame.locator("#mg-legend").is_visible()  # wider, the key starts unfolded
    wide.context.close()


def test_about_this_map_holds_the_description_tables_and_credit(built_map, browser):
    page, frame = _in_article(browser, built_map, 375)
    height = _settled(page, frame)
    about = frame.locator("#mg-about")
    button = frame.locator("#mg-about-button")
    assert about.is_hidden() and button.get_attribute("aria-expanded") == "false"
    for part in ("#mg-description", "#mg-data table", "#mg-articles table", ".mg-credit-full"):
        assert about.locator(part).count() == 1, part
    assert "Natural Earth" in frame.locator(".mg-credit").inner_text()  # the short line shows
    button.click()
    assert about.is_visible() and button.get_attribute("aria-expanded") == "true"
    assert frame.locator("text=Download data (CSV)").is_visible()
    assert "Maxar" in frame.locator(".mg-credit-full").inner_text()  # the full credit
    opened = _settled(page, frame)
    assert height + 200 < opened < height + 1200  # the tables stay folded inside it
    frame.locator("#mg-data summary").click()
    assert frame.locator("#mg-data table").is_visible() and _settled(page, frame) > opened + 500
    # nothing wider than the frame: a wide table scrolls sideways in its own box
    frame.locator("#mg-articles summary").click()
    assert frame.evaluate("document.documentElement.scrollWidth") <= frame.evaluate("innerWidth")
    # the clause index's "Since then" is a line under its row there, not a column off the side
    since = frame.evaluate(
        "(() => { const r = document.querySelector('#mg-articles tbody td:last-child')"
        ".getBoundingClientRect(); return [r.left, r.right, innerWidth]; })()"
    )
    assert since[0] < 20 and since[2] * 0.85 < since[1] <= since[2]
    page.context.close()


def test_a_chapters_sources_open_from_the_end_of_its_text(built_map, open_page):
    page = open_page(built_map, width=375, height=740, fragment="#chapter=donbas")
    more = page.locator(".mg-chapter-text .mg-source-toggle")
    assert more.inner_text().startswith("Sources (3)")
    sources = page.locator("#mg-chapter-sources")
    assert sources.is_hidden() and more.get_attribute("aria-expanded") == "false"
    box = more.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] - 8)  # its touch area is 44 px tall
    assert sources.is_visible() and more.get_attribute("aria-expanded") == "true"
    assert sources.locator("a").count() == 3
    assert sources.locator("a").first.get_attribute("href").startswith("https://")
