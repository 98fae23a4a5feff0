"""page/texts.py: the index of the drafts' articles, and how it names the layers."""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser

from mapgen.page.texts import article_rows, layer_label
from tests.conftest import DATA, page_parts


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


class _Index(HTMLParser):
    """The clause index of a built page: its header and each row's cells as plain text, with
    the links of the last cell."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.head, self.rows, self.links = [], [], []
        self._in, self._cell = False, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details" and attrs.get("id") == "mg-articles":
            self._in = True
        elif self._in and tag == "tr":
            self.rows.append([])
            self.links.append([])
        elif self._in and tag in ("td", "th") and self.rows:
            self._cell = []
        elif self._in and tag == "a" and self._cell is not None:
            self.links[-1].append((attrs["href"], attrs.get("lang")))

    def handle_endtag(self, tag):
        if tag == "details":
            self._in = False
        elif self._in and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _since_cells(html: str) -> tuple[list[str], dict[str, tuple[str, list]]]:
    """The index's header, and by article ("agreement 6", its document as the page names it)
    the text of its "Since then" cell and the links of its row."""
    index = _Index(html)
    head, *rows = index.rows
    assert len(rows) == 17 and all(len(row) == len(head) for row in rows)
    return head, {
        f"{r[0]} {r[1]}": (r[-1], links) for r, links in zip(rows, index.links[1:], strict=True)
    }


def test_the_index_says_what_became_of_each_article(built_map):
    head, since = _since_cells(built_map.read_text(encoding="utf-8"))
    assert head[-1] == "Since then"
    text, links = since["Agreement with NATO 6"]
    assert text.startswith("Finland joined NATO on 4 April 2023 and Sweden on 7 March 2024")
    assert text.endswith("10 July 2024 · TASS, 11 July 2024")  # the date, then the source
    assert links[-1] == ("https://tass.com/world/1815457", None)
    text, links = since["Treaty with the United States 8"]  # no fact: no date, no source
    assert text == "Its text was not checked for this map, so no outcome can be stated."
    assert len(links) == 1  # the draft's own, in the first cell
    assert sum("·" in t for t, _ in since.values()) == 14


def test_the_index_says_it_in_the_readers_language(tmp_path):
    from mapgen.pipeline import BuildOptions, build

    paths = build(BuildOptions(out=tmp_path / "nato_map.html", data_dir=DATA, lang="de", png=False))
    head, since = _since_cells(paths["html"].read_text(encoding="utf-8"))
    assert head[-1] == "Seitdem"
    text, links = since["Abkommen mit der NATO 6"]
    assert text.startswith("Finnland trat der NATO am 4. April 2023 bei, Schweden am 7. März 2024")
    assert text.endswith("10. Juli 2024 · TASS, 11. Juli 2024")  # the source's title too
    assert links[-1] == ("https://tass.com/world/1815457", None)
