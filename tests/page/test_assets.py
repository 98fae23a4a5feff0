"""mapgen's build of Leaflet (page/assets.py, scripts/build_leaflet.py): what it keeps, what it
leaves out, and which pages get the whole of Leaflet instead."""

import re
from pathlib import Path

import pytest
import xstatic.pkg.leaflet as xleaflet

from mapgen.page.assets import leaflet_core_js, leaflet_js
from mapgen.page.jinja import template_text
from mapgen.page.scripts import ORDER

BANNER = (
    "/* @preserve\n * Leaflet 1.9.3, a JS library for interactive maps. https://leafletjs.com\n"
)


def _exports(js: str) -> set[str]:
    """The names Leaflet's bundle puts on ``L`` (its rollup exports, ``t.name=``)."""
    return set(re.findall(r"\bt\.([A-Za-z]\w*)=", js))


def test_the_build_is_leaflets_own_modules_with_their_notice():
    core = leaflet_core_js()
    assert core.startswith(BANNER)  # Leaflet's copyright notice, as its dist/leaflet.js has it
    whole = (Path(xleaflet.BASE_DIR) / "leaflet.js").read_text(encoding="utf-8")
    assert whole.startswith(BANNER)
    kept, every = _exports(core), _exports(whole)
    assert kept < every
    for name in [
        "geoJSON",
        "imageOverlay",
        "videoOverlay",
        "svgOverlay",
        "canvas",
        "circle",
        "rectangle",
        "tileLayer",
        "gridLayer",
        "GeoJSON",
        "Canvas",
        "TileLayer",
    ]:
        assert name in every and name not in kept, name
    for name in ["map", "polygon", "circleMarker", "marker", "popup", "tooltip", "control"]:
        assert name in kept, name
    assert len(core.encode()) < 0.8 * len(leaflet_js().encode())


def _runtime_names() -> set[str]:
    """Every ``L.…`` path the runtime's sources name, up to a method's ``call``/``apply``."""
    names = set()
    for name in ORDER:
        for path in re.findall(r"\bL\.[A-Za-z_][\w.]*", template_text(f"js/{name}.js")):
            names.add(re.sub(r"\.(call|apply)$", "", path.rstrip(".")))
    return names


def test_the_runtime_names_only_what_the_build_keeps(built_map, open_page):
    """Each ``L.…`` the runtime's files name is there on the page, bar the tile layer, which
    only a page with tiles uses, and that page has the whole of Leaflet."""
    # L.Icon.Default.imagePath: a property boot.js sets, unset until then in the whole too
    names = _runtime_names() - {"L.tileLayer", "L.Icon.Default.imagePath"}
    assert {"L.map", "L.Control.Layers", "L.PolyUtil.clipPolygon", "L.CRS.EPSG3857"} <= names
    html = built_map.read_text(encoding="utf-8")
    assert leaflet_core_js() in html and leaflet_js() not in html
    page = open_page(built_map)
    missing = page.evaluate(
        "names => names.filter(n => n.split('.').slice(1)"
        ".reduce((o, k) => o == null ? undefined : o[k], window.L) === undefined)",
        sorted(names),
    )
    assert missing == []
    assert page.evaluate("typeof L.geoJSON") == "undefined"  # the build, not the whole


@pytest.mark.parametrize(
    ("script", "head", "whole"),
    [
        ('var map_001 = mapgen.boot("map_001");', "", False),
        ("var m = L.marker([1, 2]).addTo(map_001);", "", True),
        ("var g = L . geoJson(data);", "", True),
        ("var all = ALL.x; var $L = 1; mapgen.L.x;", "", False),  # other names' "L."
        ("", '<script src="https://cdn.example/plugin.js"></script>', True),
        ("", '<meta name="x" content="L.geoJson">', False),
    ],
)
def test_which_pages_get_the_whole_of_leaflet(script, head, whole):
    from mapgen.page import notebook

    assert notebook.needs(script, head)["leaflet"] is whole
