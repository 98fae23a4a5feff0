"""Stage 5, render: the layers on one folium.Map inside a standalone, accessible page.

Code and data apart: the page's scripts are constant (Leaflet, the runtime of
``templates/js``, and one line that starts the map); everything that comes from the data
travels as JSON in ``<script type="application/json">`` blocks, and the texts of the page
itself go through the autoescaping page template. No input string is compiled as a template.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import folium
from branca.element import Element, Figure

from mapgen import locale, story
from mapgen.config import Settings
from mapgen.layers import LayerContext, MapLayer
from mapgen.page import assets, csp, notebook
from mapgen.page import shape_table as geometry
from mapgen.page import texts as describe
from mapgen.page.ids import stabilise_ids
from mapgen.page.jinja import ENV, template_text
from mapgen.page.scripts import json_block, runtime_js
from mapgen.simplify import Levels

# Extra Leaflet panes by z-index: seas beneath the country fills (overlayPane is 400),
# markers and labels above them.
PANES = {"mgSeas": 350, "mgMarkers": 620, "mgLabels": 650}
NOTEBOOK_HEIGHT_PX = 960  # title, story, timeline, map, key: the page at a notebook's width
# The words of [ui] the page's scripts set (the rest are in the HTML already).
SCRIPT_WORDS = ("play", "pause", "step", "source", "sources", "zoom_in", "zoom_out")


@dataclass
class RenderOptions:
    """How the page is drawn.

    Parameters
    ----------
    title : str, optional
        Overrides the title in map.toml.
    simplify_px : float, default 0.75
        Largest distance, in screen pixels at the default zoom, between a simplified line and
        the line in data/geo. With the coordinate grid (1/4 px) the error stays under a pixel.
    tiles : str, optional
        An xyzservices provider name (e.g. ``"OpenStreetMap Mapnik"``) for an online tile basemap;
        default none: the vector base from data/geo is the basemap.
    assets : {"inline", "cdn"}, default "inline"
        Inline Leaflet, or link it from a CDN with SRI hashes.
    png_name : str, optional
        The static image beside the page, shown where scripts do not run.
    chapter : str, optional
        The chapter the page opens on (default: the first; ``explore``: none).
    versions : tuple of (str, str)
        The languages built together, each with its page's file name: the page links them
        (``hreflang``) and names them under "About this map".
    card_name : str, optional
        The share card beside the page (``<stem>.card.png``).
    base_url : str, optional
        Where the page will be published (``https://example.org/maps/``): the share card's
        Open Graph and Twitter tags and the canonical link need absolute URLs; without it the
        page has none of them.
    """

    title: str | None = None
    simplify_px: float = 0.75
    png_name: str | None = None
    tiles: str | None = None
    assets: str = "inline"
    chapter: str | None = None
    versions: tuple = ()  # (lang, file name) of each language built with this one
    card_name: str | None = None
    base_url: str | None = None
    page_name: str | None = None  # the page's file name, for its canonical URL


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
        return (
            f'<div class="mg-map" id="{self.get_name()}" role="region" '
            f'aria-label="{html.escape(self.label)}" aria-describedby="mg-description"></div>'
        )


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
        document = self.render(**kwargs).replace("&", "&amp;").replace('"', "&quot;")
        return (
            f'<iframe srcdoc="{document}" title="{html.escape(self.page["title"])}" '
            f'style="width:100%;height:{NOTEBOOK_HEIGHT_PX}px;border:0" '
            "allowfullscreen></iframe>"
        )


def _layer_data(layer: MapLayer) -> dict:
    return {
        "name": layer.name,
        "id": layer.id,
        "show": layer.show,
        "control": layer.control,
        "section": layer.section,
        "since": layer.since.isoformat() if layer.since else None,
        "first": layer.paint_first,
        "items": [
            {"kind": item.kind, **(item.page() if hasattr(item, "page") else item.spec)}
            for item in layer.items
        ],
    }


def _tiles(name: str | None) -> dict | None:
    if not name:
        return None
    import xyzservices

    provider = xyzservices.providers.query_name(name)
    return {
        "url": provider.build_url(),
        "options": {
            "attribution": provider.html_attribution,
            "maxZoom": provider.get("max_zoom", 18),
        },
    }


def page_data(layers: list[MapLayer], context: LayerContext, options: RenderOptions) -> dict:
    """Everything the runtime needs, as plain JSON-ready data."""
    settings: Settings = context.settings
    view = settings.map
    return {
        "view": {
            "center": view["center"],
            "zoom": view["zoom"],
            "minZoom": view["min_zoom"],
            "maxZoom": view["max_zoom"],
            "zoomSnap": 0.5,
            "bounds": view.get("bounds"),
            "asOf": context.joined.as_of.isoformat(),
            "panes": PANES,
            "attributionPrefix": view["attribution_prefix"],
            "popupOrder": view["popup_order"],
        },
        "style": {
            "sea": settings.style["sea"],
            "label": settings.style["label"],
            "hatches": settings.style["hatches"],
        },
        "layers": [_layer_data(layer) for layer in layers],
        "legend": [
            {
                "key": layer.legend.key,
                "layer": layer.id,  # the page joins an entry to its layer by the layer's id
                "label": layer.legend.label,
                "color": layer.legend.color,
                "pattern": layer.legend.pattern,
                "off": layer.legend.off,
            }
            for layer in layers
            if layer.legend is not None
        ],
        "timeline": describe.timeline_spec(
            context.joined, settings.timeline, story.dates(settings)
        ),
        "descriptions": describe.descriptions(context, settings),
        "tiles": _tiles(options.tiles),
        "chapters": [
            {
                "id": c["id"],
                "title": c["title"],
                "text": c["text"],
                "bounds": c["bounds"],
                "asOf": c["as_of"],
                "layers": c["layers"],
                "sources": c["sources"],
            }
            for c in settings.chapters
        ],
        "opening": (story.chapter(settings, options.chapter) or {}).get("id"),
        "story": settings.story,
        "embed": settings.embed,
        "ui": {name: settings.ui[name] for name in SCRIPT_WORDS},
    }


def _share(options: RenderOptions, view: dict) -> dict | None:
    """The share tags' values: absolute URLs of the page and its card, title, description."""
    if not (options.base_url and options.card_name and options.page_name):
        return None
    base = options.base_url if options.base_url.endswith("/") else options.base_url + "/"
    return {
        "url": base + options.page_name,
        "image": base + options.card_name,
        "title": options.title or view["title"],
        "description": view["subtitle"],
        "alt": view["subtitle"],  # what the card's map shows
        "locale": str(locale.cldr()),  # en_GB, de, uk …
    }


def _versions(versions) -> list[dict]:
    """The versions built together, each named in its own language (CLDR): Deutsch, Українська."""
    return [{"lang": lang, "href": href, "name": locale.autonym(lang)} for lang, href in versions]


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
    settings: Settings = context.settings
    view = settings.map
    fmap = NewsMap(
        location=view["center"],
        zoom_start=view["zoom"],
        tiles=None,
        min_zoom=view["min_zoom"],
        max_zoom=view["max_zoom"],
    )
    fmap.label = settings.ui["map_label"]
    shape_ids = [sid for layer in layers for sid in layer.shape_ids]
    table, fine = geometry.encode_levels(levels, shape_ids, view["zoom"], view["max_zoom"])
    data = page_data(layers, context, options)
    page = Page(
        {
            "title": options.title or view["title"],
            "subtitle": view["subtitle"],
            "credit": view["credit"],
            "source_line": view["source_line"],
            "ui": {**settings.embed, **settings.ui},
            "lang": locale.current(),
            "dir": locale.direction(),
            "versions": _versions(options.versions),
            "share": _share(options, view),
            # as of the build's date (a stop of the timeline); the page swaps it as the date moves
            "description": data["descriptions"][context.joined.as_of.isoformat()],
            "csv_href": describe.csv_data_url(
                describe.members_csv(context.joined, settings.ui["csv_columns"])
            ),
            "data_json": json_block(data),
            "shapes_json": json_block(table),
            "fine_json": json_block(fine) if fine else None,
            "leaflet": assets.leaflet_assets(options.assets),
            "tiles": options.tiles,
            "css": template_text("mapgen.css"),
            "runtime_js": runtime_js(),
            "members": describe.members_rows(context.joined),
            "members_caption": describe.members_caption(context.joined, settings.ui),
            "articles": settings.articles,
            "article_rows": describe.article_rows(context.articles, settings),
            "png_name": options.png_name,
            "notebook": notebook,  # jQuery and marker images, if a notebook's elements need them
        }
    )
    page.add_child(fmap)
    return fmap


def render_html(fmap: folium.Map) -> str:
    """The standalone HTML document, byte-identical for identical inputs, with its CSP."""
    root = fmap.get_root()
    stabilise_ids(root)
    page = root.page
    cdn = "https://cdn.jsdelivr.net" if page["leaflet"]["mode"] == "cdn" else None
    return csp.add_policy(root.render(), cdn=cdn, tiles=bool(page["tiles"]))
