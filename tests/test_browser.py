"""The built map in Debian's Chromium: it renders offline and the layer control works."""

from __future__ import annotations

import pytest

from tests.conftest import close_layers, open_about, open_layers

pytestmark = pytest.mark.browser

VISIBLE = """() => {
  const out = [];
  mapgen.map.eachLayer(l => {
    if (l.feature && l.options.fillColor && l._path && l._path.isConnected) {
      out.push(l.feature.properties.id + " " + l.options.fillColor);
    }
  });
  return out.sort();
}"""


def test_renders_offline_without_errors(built_map, open_page):
    page = open_page(built_map, fragment="#chapter=explore")
    assert page.locator("path.leaflet-interactive").count() > 150
    assert page.external_requests == []
    assert page.console_errors == []
    open_layers(page)
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    names = [t.strip() for t in labels]
    assert names[:12] == [
        "1949",
        "1952",
        "1955",
        "1982",
        "1990: German reunification",
        "1999",
        "2004",
        "2009",
        "2017",
        "2020",
        "2023 (later)",
        "2024 (later)",
    ]
    assert names[12:17] == [
        "1997 baseline: where it would bite hardest (map's reading)",
        "No NATO military activity (map's reading)",
        "Bucharest 2008 promise",
        "Allied forces since 1997: what Article 4 would remove (map's reading)",
        "US nuclear bombs, reported (not officially confirmed)",
    ]
    assert "Donbas: held by Russia-backed forces, 2015-2022 (approx.)" in names
    assert "Crimea: occupied by Russia since 2014" in names
    assert {"Sea: Black Sea", "Sea: Sea of Azov", "Sea: Baltic Sea"} <= set(names)
    assert names[-1] == "Events: Reactions"
    assert not page.locator("text=Download data (CSV)").is_visible()  # behind "About this map"
    open_about(page)
    assert page.locator("text=Download data (CSV)").is_visible()
    assert page.locator(".mg-label", has_text="Ukraine").count() == 1


def _toggle(page, name):
    """Tick or untick a layer in the "Layers" drawer, then shut the drawer."""
    open_layers(page)
    page.locator(".leaflet-control-layers-overlays label", has_text=name).first.locator(
        "input"
    ).click()
    close_layers(page)


@pytest.mark.parametrize(
    "wave, ids",
    [
        ("1999", {"CZE", "HUN", "POL"}),
        ("1990: German reunification", {"DEU-GDR"}),
        ("2004", {"BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"}),
    ],
)
def test_unticking_a_wave_removes_exactly_its_countries(built_map, open_page, wave, ids):
    page = open_page(built_map, fragment="#chapter=explore")
    before = set(page.evaluate(VISIBLE))
    _toggle(page, wave)
    after = set(page.evaluate(VISIBLE))
    removed = before - after
    assert {item.split()[0] for item in removed} == ids
    assert len({item.split()[1] for item in removed}) == 1  # one wave colour
    assert after <= before
    legend = page.locator(f'[data-legend-key="{wave}"]')
    assert "is-off" in legend.get_attribute("class")
    assert legend.is_hidden()  # the key lists only the layers that are on
    _toggle(page, wave)
    assert set(page.evaluate(VISIBLE)) == before
    assert "is-off" not in (legend.get_attribute("class") or "")
    assert legend.is_visible()


def test_later_wave_starts_off_and_can_be_shown(built_map, open_page):
    page = open_page(built_map, fragment="#chapter=explore")
    before = set(page.evaluate(VISIBLE))
    assert {item for item in before if item.startswith("FIN ")} == {"FIN #ece8df"}  # base only
    _toggle(page, "2023 (later)")
    added = set(page.evaluate(VISIBLE)) - before
    assert {item.split()[0] for item in added} == {"FIN", "ALD"}


def _centre_of(page, shape_id):
    """Page coordinates of a point inside a shape (its visual centre, as Leaflet finds it)."""
    box = page.locator(".mg-map").bounding_box()
    point = page.evaluate(
        """(id) => { let p = null; mapgen.map.eachLayer(l => {
            if (!p && l.feature && l.feature.properties.id === id) {
              p = mapgen.map.latLngToContainerPoint(l.getCenter()); } });
          return [p.x, p.y]; }""",
        shape_id,
    )
    return box["x"] + point[0], box["y"] + point[1]


def test_tooltip_and_popup(built_map, open_page):
    """Hover and click as a reader does: the shape on top answers."""
    page = open_page(built_map, fragment="#chapter=explore")
    _toggle(
        page, "1997 baseline: where it would bite hardest (map's reading)"
    )  # off: hover the wave fill beneath
    page.mouse.move(*_centre_of(page, "POL"))
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text() == "Poland: NATO member since 12 March 1999"
    _toggle(page, "1997 baseline: where it would bite hardest (map's reading)")
    page.mouse.click(*_centre_of(page, "EST"))
    popup = page.locator(".leaflet-popup-content")
    assert "27 May 1997" in popup.inner_text() and "Sources:" in popup.inner_text()
    links = popup.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert links == [
        "https://www.nato.int/cps/en/natohq/topics_52044.htm",  # Estonia: in NATO from 2004
        "https://mid.ru/ru/foreign_policy/rso/nato/1790803/?lang=en",
        "https://tass.com/world/1377211/amp",
    ]


DRAWN = """(id) => {
  let points = 0;
  mapgen.map.eachLayer(l => {
    if (l.feature && l.feature.properties.id === id && l._parts) {
      points += l._parts.reduce((n, part) => n + part.length, 0);
    }
  });
  return points;
}"""


def test_far_shapes_are_drawn_when_the_reader_pans_to_them(built_map, open_page):
    """Shapes far outside the opening view (Canada) are not even projected; a pan or zoom
    that brings them near draws them, in every layer that has them."""
    page = open_page(built_map, fragment="#chapter=explore")
    # a view of Europe and Asia, 94 degrees wide: Canada (east to 52.6 W) is more than half a
    # view to the west (the opening view of a map this wide is near enough to draw it at once)
    page.evaluate("mapgen.map.setView([55, 50], 4, {reset: true})")
    page.wait_for_timeout(300)
    waiting = """(id) => { let n = 0; mapgen.map.eachLayer(l => {
        if (l.feature && l.feature.properties.id === id && l._mgLater) { n++; } }); return n; }"""
    assert page.evaluate(waiting, "CAN") == 2  # the base and the 1949 wave
    assert page.evaluate(DRAWN, "CAN") == 0 and page.evaluate(DRAWN, "POL") > 0
    # a pan as a drag makes it, within one view's width: no view reset, only the paths' update
    page.evaluate("mapgen.map.panBy([-0.85 * mapgen.map.getSize().x, 0], {animate: false})")
    page.wait_for_timeout(300)
    assert page.evaluate(waiting, "CAN") == 0
    assert page.evaluate(DRAWN, "CAN") > 50
    fills = page.evaluate("""() => { const fills = [];
        mapgen.map.eachLayer(l => { if (l.feature && l.feature.properties.id === 'CAN'
            && l._parts.length) { fills.push(l.options.fillColor); } });
        return fills.sort(); }""")
    assert fills == ["#440154", "#ece8df"]  # the 1949 wave over the land colour
    page.evaluate("mapgen.map.setView([58, -100], 3, {animate: false})")  # and a zoom
    page.wait_for_timeout(300)
    assert page.evaluate(DRAWN, "CAN") > 200
    assert page.console_errors == []


def test_the_first_paint_has_the_waves_and_the_rest_follows(built_map, browser):
    """Before the first paint the page has the base and the accession waves; the story layers
    and the layer panel come right after, then <html data-mapgen-ready>."""
    page = browser.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.add_init_script("""
      window.__atFirstPaint = null;
      new MutationObserver((records, observer) => {
        if (document.querySelector('path.leaflet-interactive')) {
          observer.disconnect();
          requestAnimationFrame(() => { window.__atFirstPaint = {
            panel: !!document.querySelector('.leaflet-control-layers'),
            ready: document.documentElement.hasAttribute('data-mapgen-ready'),
            hatched: document.querySelectorAll('path.mapgen-hatch-baseline').length }; });
        }
      }).observe(document, {childList: true, subtree: true});""")
    page.goto(built_map.resolve().as_uri() + "#chapter=explore")
    page.locator("html[data-mapgen-ready]").wait_for(state="attached", timeout=10_000)
    assert page.evaluate("window.__atFirstPaint") == {"panel": False, "ready": False, "hatched": 0}
    assert page.locator("path.mapgen-hatch-baseline").count() == 14
    assert page.locator(".leaflet-control-layers").count() == 1
    page.close()
