"""page/texts.py: the index of the drafts' articles, and how it names the layers."""

from __future__ import annotations

import dataclasses
import json

from mapgen.page.texts import article_rows, layer_label
from tests.conftest import page_parts


def test_index_rows_name_the_layers(sources, layers_2021):
    rows = article_rows(sources.articles, sources.settings, layers_2021)
    by_key = {(r["document"], r["article"]): r for r in rows}
    row = by_key[("Agreement with NATO", 7)]
    assert row["where"] == (
        "On the map: No NATO military activity (map's reading). "
        "Not mapped: the border zone, whose width was left to be agreed"
    )
    assert by_key[("Treaty with the United States", 5)]["where"] == "On the map: Sea areas"


def test_index_is_on_the_page(built_map):
    html = built_map.read_text(encoding="utf-8")
    assert 'id="mg-articles"' in html and html.count('<th scope="row">') >= 17 + 30
    # the index is HTML for every reader (no script needed), not data for the runtime
    assert "On the map: Sea areas" in html
    assert "On the map" not in json.dumps(page_parts(html).data)


def test_a_module_is_named_by_its_layer_or_by_its_section(sources, layers_2021):
    settings = sources.settings
    by_id = {layer.id: layer for layer in layers_2021}
    assert layer_label(settings, "baseline", layers_2021) == by_id["baseline"].name
    assert layer_label(settings, "seas", layers_2021) == "Sea areas"  # one layer per sea
    # a module that draws its layers in parts is named by its section, even with one part drawn
    one_wave = [by_id["membership.1949"]]
    assert layer_label(settings, "membership", one_wave) == "Members by year of accession"
    # a brace in the name of a module's one layer is only a brace
    spec = {**settings.layers["baseline"], "name": "Baseline {1997}"}
    braced = dataclasses.replace(settings, layers={**settings.layers, "baseline": spec})
    odd = dataclasses.replace(by_id["baseline"], name="Baseline {1997}")
    assert layer_label(braced, "baseline", [odd]) == "Baseline {1997}"
