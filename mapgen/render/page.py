"""Stage 4, render: put the layers on one folium.Map inside a standalone, accessible page."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import folium
import geopandas as gpd
from branca.element import Figure, MacroElement
from folium.template import Template

from mapgen.config import Settings
from mapgen.dates import long_date
from mapgen.layers import LayerContext, MapLayer
from mapgen.layers.shapes import ScriptElement
from mapgen.render import assets, csp, describe, geometry
from mapgen.render.ids import stabilise_ids
from mapgen.render.jinja import ENV, template_text

_COLOUR = re.compile(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}")


def _json_for_script(value) -> str:
    """JSON that cannot end the <script> element it sits in."""
    return (
        json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


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
    """

    title: str | None = None
    simplify_px: float = 0.75
    png_name: str | None = None
    tiles: str | None = None
    assets: str = "inline"


class NewsMap(folium.Map):
    """A folium Map with no CDN assets, no tiles, and a page that allows pinch-zoom."""

    default_js: list = []
    default_css: list = []
    # Extra Leaflet panes by z-index: seas beneath the country fills (overlayPane is 400),
    # markers and labels above them.
    panes = {"mgSeas": 350, "mgMarkers": 620, "mgLabels": 650}

    _template = Template("""
        {% macro header(this, kwargs) %}{% endmacro %}
        {% macro html(this, kwargs) %}
        <div class="mg-map" id={{ this.get_name()|tojson }} role="region"
             aria-label="Interactive map" aria-describedby="mg-description"></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {
            center: {{ this.location|tojson }},
            crs: L.CRS.{{ this.crs }},
            ...{{ this.options|tojavascript }}
        });
        mapgen.map = {{ this.get_name() }};
        mapgen.asOf = {{ this.as_of|tojavascript }};
        mapgen.reportHeight();
        mapgen.addPanes(mapgen.map, {{ this.panes|tojavascript }});
        {%- if this.story_bounds %}
        mapgen.map.fitBounds({{ this.story_bounds|tojavascript }}, {animate: false});
        {%- endif %}
        {% endmacro %}
    """)


class DockedLayerControl(folium.LayerControl):
    """folium's layer control, moved out of the map into the page's layer panel (built after
    the first paint, once every layer is on the map)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        mapgen.afterPaint(function () {
            var {{ this.get_name() }} = L.control.layers(
                {},
                {
                {%- for key, val in this.overlays.items() %}
                    {{ key|e|string|tojavascript }}: {{ val }},
                {%- endfor %}
                },
                {{ this.options|tojavascript }}
            ).addTo({{ this._parent.get_name() }});
            mapgen.dockControl({{ this.get_name() }}, {{ this.sections|tojavascript }});
        });
        {% endmacro %}
    """)


class Timeline(MacroElement):
    """The date slider and play button: shows the alliance as of each accession date."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        mapgen.timeline({{ this.spec|tojavascript }}, [
        {%- for group, since in this.waves %}
            [{{ group.get_name() }}, {{ since|tojavascript }}],
        {%- endfor %}
        ]);
        {% endmacro %}
    """)

    def __init__(self, spec: dict, waves: list):
        super().__init__()
        self._name = "Timeline"
        self.spec = spec
        self.waves = waves


class Page(Figure):
    """The whole HTML document: title, subtitle, map, legend, description, credit, data link."""

    def __init__(self, page: dict):
        super().__init__()
        self._name = "Page"
        self.page = page
        self._template = ENV.get_template("page.html")


def _sections(layers: list[MapLayer]) -> dict[str, str]:
    """The heading to put before the first layer of each section: {layer name: heading}."""
    firsts: dict[str, str] = {}
    for layer in layers:
        if layer.group.control and layer.section and layer.section not in firsts.values():
            firsts[layer.group.layer_name] = layer.section
    return firsts


def assemble(
    layers: list[MapLayer],
    context: LayerContext,
    screen_shapes: gpd.GeoDataFrame,
    options: RenderOptions | None = None,
) -> folium.Map:
    """Put the layers on a NewsMap inside a Page and return the map.

    ``screen_shapes`` are the shapes simplified for the default zoom. The map's parent
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
        zoom_snap=0.5,
    )
    fmap.options.update({"minZoom": view["min_zoom"], "maxZoom": view["max_zoom"]})
    fmap.story_bounds = view.get("bounds")
    if options.tiles:
        folium.TileLayer(options.tiles, control=False).add_to(fmap)
    for layer in layers:
        for child in layer.group._children.values():
            if isinstance(child, ScriptElement):
                child.after_paint = not layer.paint_first
        fmap.add_child(layer.group)
    control = DockedLayerControl(collapsed=False, position="topright")
    control.sections = _sections(layers)
    control.add_to(fmap)
    timeline = describe.timeline_spec(context.joined)
    fmap.as_of = context.joined.as_of.isoformat()
    Timeline(
        timeline,
        [(layer.group, layer.since.isoformat()) for layer in layers if layer.since is not None],
    ).add_to(fmap)

    shape_ids = [sid for layer in layers for sid in layer.shape_ids]
    table = geometry.encode_shapes(screen_shapes, shape_ids, view["zoom"])
    zone = settings.layers.get("treaty_zone", {}).get("iso3", [])
    zone_names = [context.shapes.at[c, "name"] for c in zone if c in context.shapes.index]
    title = options.title or view["title"]
    legend = [layer.legend for layer in layers if layer.legend is not None]
    bad = [e.color for e in legend if not _COLOUR.fullmatch(e.color)]
    if bad:
        raise ValueError(f"map.toml: colours must be #rgb or #rrggbb, not {', '.join(bad)}")
    page = Page(
        {
            "title": title,
            "subtitle": view["subtitle"],
            "credit": view["credit"],
            "style": settings.style,
            "legend": legend,
            "description": describe.describe(context.joined, settings, zone_names),
            "csv_href": describe.csv_data_url(describe.members_csv(context.joined)),
            "shapes_json": _json_for_script(table),
            "leaflet": assets.leaflet_assets(options.assets),
            "tiles": options.tiles,
            "css": template_text("mapgen.css"),
            "runtime_js": template_text("mapgen.js"),
            "timeline": timeline,
            "members": describe.members_rows(context.joined),
            "later_count": int((~context.joined.members["member_as_of"]).sum()),
            "as_of_label": long_date(context.joined.as_of),
            "png_name": options.png_name,
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
