"""Stage 5, render: the layers on one folium.Map inside a standalone, accessible page.

Code and data apart: the page's scripts are constant (Leaflet, the runtime of
``templates/js``, and one line that starts the map); everything that comes from the data
travels as JSON in ``<script type="application/json">`` blocks, and the texts of the page
itself go through the autoescaping page template. No input string is compiled as a template.
"""

from __future__ import annotations

import folium
import rcssmin
from branca.element import Element, Figure

from mapgen import locale
from mapgen.inputs.settings import Settings
from mapgen.layers import LayerContext, MapLayer
from mapgen.options import RenderOptions  # defined there; imported here for its callers
from mapgen.page import assets, csp, data, notebook, shape_table, texts
from mapgen.page.data import to_json
from mapgen.page.ids import stabilise_ids
from mapgen.page.jinja import ENV, template_text
from mapgen.page.scripts import CANVAS_FROM, json_block, runtime_js
from mapgen.simplify import Levels

NOTEBOOK_HEIGHT_PX = 960  # title, story, timeline, map, key: the page at a notebook's width


class _Text(Element):
    """Script text finished already: goes into the page as it is, never compiled."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **_kwargs) -> str:
        return self.text


class NewsMap(folium.Map):
    """A folium Map drawn by mapgen's runtime from the page's JSON: no CDN assets, no tiles.

    Its script is one constant line (``var map_001 = mapgen.boot("map_001");``), so elements
    a notebook adds to it (``folium.Marker(...).add_to(m)``) find the map by its name.
    """

    default_js: list = []
    default_css: list = []
    label = "Interactive map"  # the map's name for screen readers (map.toml's [ui] map_label)

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        name = self.get_name()
        figure.html.add_child(_Text(self._html()), name=name)
        figure.script.add_child(_Text(f'var {name} = mapgen.boot("{name}");\n'), name=name)
        for element in self._children.values():
            element.render(**kwargs)

    def _html(self) -> str:
        return ENV.get_template("map.html").render(name=self.get_name(), label=self.label)


class Page(Figure):
    """The whole HTML document: title, subtitle, map, legend, description, credit, data link."""

    def __init__(self, page: dict):
        super().__init__()
        self._name = "Page"
        self.page = page
        self._template = ENV.get_template("page.html")

    def _repr_html_(self, **kwargs) -> str:
        """The whole page in a notebook's output: an iframe as tall as the map, its story and
        key need (the page's own height reports reach no notebook)."""
        return ENV.get_template("notebook.html").render(
            document=self.render(**kwargs), title=self.page["title"], height=NOTEBOOK_HEIGHT_PX
        )


def page_data(layers: list[MapLayer], context: LayerContext, options: RenderOptions) -> dict:
    """Everything the runtime needs, as JSON-ready data (the ``mapgen-data`` block)."""
    return to_json(data.build(layers, context, options))


def _take_later_items(page_json: dict) -> data.LaterItems:
    """Take the items of the layers drawn after the first paint (``first`` false) out of
    ``page_json``, leaving them empty there: their block comes after the page's code, so the
    HTML parser reads it after the first paint rather than before (docs/page-format.md,
    ``mapgen-later``)."""
    later = {}
    for layer in page_json["layers"]:
        if not layer["first"]:
            later[layer["id"]], layer["items"] = layer["items"], []
    return data.LaterItems(layers=later)


def _share(options: RenderOptions, view: dict, title: str) -> dict | None:
    """The share tags' values: absolute URLs of the page and its card, title, description."""
    if not (options.base_url and options.card_name and options.page_name):
        return None
    base = options.base_url if options.base_url.endswith("/") else options.base_url + "/"
    return {
        "url": base + options.page_name,
        "image": base + options.card_name,
        "title": title,
        "description": view["subtitle"],
        "alt": view["subtitle"],  # what the card's map shows
        "locale": str(locale.cldr()),  # en_GB, de, uk …
    }


def _versions(versions) -> list[dict]:
    """The versions built together, each named in its own language (CLDR): Deutsch, Українська."""
    return [{"lang": lang, "href": href, "name": locale.autonym(lang)} for lang, href in versions]


def _texts(layers: list[MapLayer], context: LayerContext, options: RenderOptions) -> dict:
    """What the page's template writes as HTML: its texts, tables, links and share tags."""
    settings: Settings = context.settings
    view = settings.map
    title = options.title or view["title"]
    members_csv = texts.members_csv(context.joined, settings.ui["csv_columns"])
    return {
        "title": title,
        "subtitle": view["subtitle"],
        "credit": view["credit"],
        "source_line": view["source_line"],
        "ui": {**settings.embed, **settings.ui},
        "lang": locale.current(),
        "dir": locale.direction(),
        "versions": _versions(options.versions),
        "share": _share(options, view, title),
        "csv_href": texts.csv_data_url(members_csv),
        "members": texts.members_rows(context.joined),
        "members_caption": texts.members_caption(context.joined, settings.ui),
        "articles": settings.articles,
        "article_rows": texts.article_rows(context.articles, settings, layers),
        "png_name": options.png_name,
    }


def assemble(
    layers: list[MapLayer],
    context: LayerContext,
    levels: Levels,
    options: RenderOptions | None = None,
) -> folium.Map:
    """Put the layers on a NewsMap inside a Page and return the map.

    ``levels`` are the shapes simplified for the default zoom and, in the detail region, for
    the greatest zoom (:func:`mapgen.simplify.simplify_levels`). The map's parent
    (``m.get_root()``) is the Page; rendering it gives the whole document.
    """
    options = options or RenderOptions()
    view = context.settings.map
    fmap = NewsMap(
        location=view["center"],
        zoom_start=view["zoom"],
        tiles=None,
        min_zoom=view["min_zoom"],
        max_zoom=view["max_zoom"],
    )
    fmap.label = context.settings.ui["map_label"]
    shape_ids = [sid for layer in layers for sid in layer.shape_ids]
    table, fine = shape_table.encode_levels(levels, shape_ids, view["zoom"], view["max_zoom"])
    page_json = page_data(layers, context, options)
    markers = _markers(page_json)  # counted while every layer still holds its items
    later = _take_later_items(page_json)
    page = Page(
        _texts(layers, context, options)
        | {
            # as of the build's date (a stop of the timeline); the page swaps it as it moves
            "description": page_json["descriptions"][context.joined.as_of.isoformat()],
            "data_json": json_block(page_json),
            "shapes_json": json_block(to_json(table)),
            "later_json": json_block(to_json(later)) if later.layers else None,
            "fine_json": json_block(to_json(fine)) if fine else None,
            "leaflet": assets.leaflet_assets(options.assets),
            "tiles": options.tiles,
            "css": rcssmin.cssmin(template_text("mapgen.css")),  # 1 KB gzipped less
            "runtime_js": runtime_js(markers >= CANVAS_FROM),
            "notebook": notebook,  # jQuery and marker images, if a notebook's elements need them
        }
    )
    page.add_child(fmap)
    return fmap


def _markers(page_json: dict) -> int:
    """How many markers the page's layers hold (page-format.md, a markers item's ``n``)."""
    return sum(
        item["n"]
        for layer in page_json["layers"]
        for item in layer["items"]
        if item["kind"] == "markers"
    )


def render_html(fmap: folium.Map) -> str:
    """The standalone HTML document, byte-identical for identical inputs, with its CSP."""
    root = fmap.get_root()
    stabilise_ids(root)
    page = root.page
    cdn = "https://cdn.jsdelivr.net" if page["leaflet"]["mode"] == "cdn" else None
    return csp.add_policy(root.render(), cdn=cdn, tiles=bool(page["tiles"]))
