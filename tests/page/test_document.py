"""page/document.py: the map's element and the notebook's frame, from templates: a text that
reads like a template stays text (branca compiles an element's rendered text again)."""

from __future__ import annotations

import html
import json

import pytest

from mapgen import build_map
from mapgen.page.document import RenderOptions, render_html
from mapgen.pipeline import BuildOptions
from tests.conftest import DATA, page_parts

TEMPLATE_LIKE = '{{ 7*7 }} {% raw %} {# & "quoted" <b>'
ESCAPED = "{{ 7*7 }} {% raw %} {# &amp; &#34;quoted&#34; &lt;b&gt;"


@pytest.fixture(scope="module")
def fmap():
    fmap = build_map(BuildOptions(data_dir=DATA, render=RenderOptions(title=TEMPLATE_LIKE)))
    fmap.label = TEMPLATE_LIKE  # the map's name for screen readers ([ui] map_label)
    return fmap


def test_the_map_element_shows_its_label_as_text(fmap):
    page = render_html(fmap)
    name = fmap.get_name()
    assert (
        f'<div class="mg-map" id="{name}" role="region" aria-label="{ESCAPED}" '
        'aria-describedby="mg-keys mg-description"></div>'
    ) in page
    assert f"<title>{ESCAPED}</title>" in page


def test_the_notebook_frame_holds_the_page_and_its_title_as_text(fmap):
    shown = fmap.get_root()._repr_html_()
    assert shown.startswith('<iframe srcdoc="') and shown.endswith(
        f'" title="{ESCAPED}" style="width:100%;height:960px;border:0" allowfullscreen></iframe>'
    )
    document = html.unescape(shown[len('<iframe srcdoc="') : shown.index('" title="')])
    assert document.startswith("<!DOCTYPE html>") and f'aria-label="{ESCAPED}"' in document


def test_the_layers_drawn_after_the_first_paint_travel_after_the_code(fmap):
    """The HTML parser reads the later layers' items after the boot script has drawn the first
    shapes (issue 24, part 2): the data block holds only what the first paint draws."""
    page = render_html(fmap)
    blocks = {name: json.loads(text) for name, text in page_parts(page).raw_json.items()}
    layers = blocks["mapgen-data"]["layers"]
    later = blocks["mapgen-later"]["layers"]
    assert {x["id"] for x in layers if not x["first"]} == set(later)
    assert {"baseline", "donbas.held", "events.conflict"} <= set(later)
    assert all(x["items"] == [] for x in layers if not x["first"])
    assert all(x["items"] and x["id"] not in later for x in layers if x["first"])
    assert all(later.values())
    boot = page.index("mapgen.boot(")
    assert page.index('id="mapgen-data"') < boot < page.index('id="mapgen-later"')


def test_the_code_comes_after_the_markup_unless_the_head_runs_scripts(fmap):
    """Leaflet and the runtime follow the page's markup (issue 24, part 1: the page is drawn
    before its code is parsed and run), before the data and the boot script; a page whose head
    runs a script of its own (a notebook's plugin, which needs ``L``) keeps them before it."""
    import folium

    from mapgen.page.assets import leaflet_core_js, leaflet_js
    from mapgen.page.scripts import runtime_js

    def order(page, leaflet):
        return [page.index(x) for x in ("</head>", "</main>", leaflet, runtime_js(False))]

    page = render_html(fmap)
    head, main, leaflet, runtime = order(page, leaflet_core_js())
    assert head < main < leaflet < runtime < page.index('id="mapgen-data"')
    plugged = build_map(BuildOptions(data_dir=DATA))
    plugged.get_root().header.add_child(folium.JavascriptLink("https://cdn.example/plugin.js"))
    page = render_html(plugged)
    head, main, leaflet, runtime = order(page, leaflet_js())
    assert leaflet < runtime < page.index("https://cdn.example/plugin.js") < head < main
