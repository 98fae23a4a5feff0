"""build_map() in a notebook: folium's own elements on the page, displayed and saved, in
Chromium: no console error, the popup opens, the marker's icon loads."""

from __future__ import annotations

import base64

import folium
import folium.plugins
import pytest
from conftest import wait_until

from mapgen import build_map
from mapgen.page import notebook
from mapgen.page.assets import leaflet_js

pytestmark = pytest.mark.browser

BOX = {
    "type": "Feature",
    "properties": {"name": "a box"},
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[24, 56], [26, 56], [26, 57.5], [24, 57.5], [24, 56]]],
    },
}
# a 1 x 1 px PNG, for the FloatImage plugin (no network here)
DOT = (
    "data:image/png;base64,"
    + base64.b64encode(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
        )
    ).decode()
)


@pytest.fixture(scope="module")
def notebook_map():
    m = build_map()
    folium.Marker(
        [50.45, 30.52], popup=folium.Popup("Kyiv: a notebook's popup"), tooltip="Kyiv"
    ).add_to(m)
    folium.GeoJson(BOX, tooltip="A box").add_to(m)
    folium.CircleMarker([52.23, 21.01], radius=6, popup="Warsaw").add_to(m)
    folium.plugins.FloatImage(DOT, bottom=2, left=2).add_to(m)
    return m


def _errors(page) -> list:
    found = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def test_saved_page_with_folium_elements_works(notebook_map, tmp_path, browser):
    path = tmp_path / "notebook.html"
    notebook_map.save(str(path))
    html = path.read_text(encoding="utf-8")
    assert 'id="mapgen-icons"' in html and "jQuery v3.7.1" in html  # needed here, so present
    page = browser.new_page(viewport={"width": 1000, "height": 1000})
    errors = _errors(page)
    page.goto(path.as_uri())
    wait_until(page, "document.documentElement.hasAttribute('data-mapgen-ready')", 20)
    icon = page.locator("img.leaflet-marker-icon").first
    wait_until(page, "document.querySelector('img.leaflet-marker-icon').naturalWidth > 0", 10)
    assert icon.get_attribute("src").startswith("data:image/png;base64,")
    assert page.evaluate("document.querySelector('img.leaflet-marker-shadow').naturalWidth") > 0
    icon.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Kyiv: a notebook's popup" in popup.inner_text()
    assert page.locator("img[src^='data:image/png']").count() >= 2  # the plugin's image too
    assert not errors, errors
    page.close()


def test_the_notebook_shows_the_whole_page(notebook_map, tmp_path, browser):
    shown = notebook_map._repr_html_()
    assert shown.startswith('<iframe srcdoc="') and "height:960px" in shown
    host = tmp_path / "notebook-output.html"
    host.write_text(f"<!DOCTYPE html><html><body>{shown}</body></html>", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 1100})
    errors = _errors(page)
    page.goto(host.as_uri())
    frame = page.frames[1]
    wait_until(frame, "document.documentElement.hasAttribute('data-mapgen-ready')", 20)
    box = page.locator("iframe").bounding_box()
    assert box["height"] == 960
    bottom = frame.evaluate("mapgen.map.getContainer().getBoundingClientRect().bottom")
    assert bottom < box["height"]  # the whole map in view
    wait_until(frame, "document.querySelector('img.leaflet-marker-icon').naturalWidth > 0", 10)
    assert not errors, errors
    page.close()


def test_a_page_without_such_elements_carries_neither():
    html = build_map().get_root().render()
    assert 'id="mapgen-icons"' not in html and "jQuery v3" not in html
    assert notebook.needs("var m = L.marker([1, 2]); $(`<b>x</b>`)") == {
        "jquery": True,
        "icons": True,
        "layers": False,
        "leaflet": True,
        "head_script": False,
    }
    assert notebook.needs("var a = mapgen.boot('map'); L.circleMarker([1, 2]);") == {
        "jquery": False,
        "icons": False,
        "layers": False,
        "leaflet": True,
        "head_script": False,
    }
    assert notebook.needs("var c = L.control.layers(base, overlays, {collapsed: true});")["layers"]


def test_a_notebook_layer_control_gets_its_toggle_image(tmp_path, browser):
    """The page's leaflet.css leaves out the layer control's toggle images (its own panel never
    collapses); a notebook's collapsed folium.LayerControl gets them back."""
    m = build_map()
    folium.GeoJson(BOX, name="A box").add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    path = tmp_path / "layers.html"
    m.save(str(path))
    assert leaflet_js() in path.read_text(encoding="utf-8")  # the whole of Leaflet: L.geoJson
    page = browser.new_page(viewport={"width": 1000, "height": 1000})
    errors = _errors(page)
    page.goto(path.as_uri())
    wait_until(page, "document.documentElement.hasAttribute('data-mapgen-ready')", 20)
    image = page.evaluate(
        "getComputedStyle(document.querySelector('a.leaflet-control-layers-toggle'))"
        ".backgroundImage"
    )
    assert image.startswith('url("data:image/png;base64,'), image
    assert errors == []
    page.close()
    assert "layers.png" not in build_map().get_root().render()  # never by name, nowhere
