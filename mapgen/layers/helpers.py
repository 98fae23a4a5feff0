"""The helpers of the layer modules: a layer of shapes, of markers or of whole countries,
its popup, its markers' style and its key's colour."""

from __future__ import annotations

from mapgen.inputs.kinds import hex_colour, rgb
from mapgen.inputs.schema import DATE, MORE_SOURCES, URL, Key, text
from mapgen.layers.model import LayerContext, LegendEntry, MapLayer, MarkerSet, ShapeSet
from mapgen.texts import fill


def popup_spec(spec: dict, prefix: str = "", **values) -> dict | None:
    """The popup a layer's table in map.toml describes.

    Reads ``{prefix}popup_title``, ``{prefix}popup_text``, ``{prefix}source``,
    ``{prefix}source_url`` and ``{prefix}more_sources`` (further [source, link] pairs). Given
    ``values``, the title and text are templates that the schema lets use them
    (:func:`mapgen.texts.fill`); without, they are final texts.
    """
    if f"{prefix}popup_text" not in spec:
        return None

    def text(key: str) -> str:
        value = spec.get(f"{prefix}{key}", "")
        return fill(value, **values) if values else value

    return {
        "title": text("popup_title"),
        "text": text("popup_text"),
        "source": spec.get(f"{prefix}source", ""),
        "url": spec.get(f"{prefix}source_url", ""),
        "more": spec.get(f"{prefix}more_sources", []),
    }


def blend(colour: str, opacity: float, under: str) -> str:
    """The colour a fill of ``colour`` at ``opacity`` shows over ``under`` (#rrggbb): what the
    key's swatch must show to match the map."""
    mixed = zip(rgb(colour), rgb(under), strict=True)
    return hex_colour(round(t * opacity + b * (1 - opacity)) for t, b in mixed)


def marker_style(colour: str, radius: float = 6, weight: float = 1.5, opacity: float = 0.95):
    """Circle markers in a colour, white-ringed, in the markers pane above the shapes."""
    return {
        "radius": radius,
        "color": "#ffffff",
        "weight": weight,
        "fillColor": colour,
        "fillOpacity": opacity,
        "pane": "mgMarkers",
        "bubblingMouseEvents": False,  # a dot's own popup, not the place's beneath it
    }


def marker_group(
    name: str,
    markers: list[dict],
    style: dict,
    *,
    show: bool = True,
    legend: LegendEntry | None = None,
    tip_from: list[str] | None = None,
) -> MapLayer:
    """A layer holding one MarkerSet."""
    if legend is not None:
        legend.key = name
    markers_set = MarkerSet(markers, style, key=name, tip_from=tip_from)
    return MapLayer(name=name, items=[markers_set], show=show, legend=legend)


def shape_group(
    name: str,
    features: list[dict],
    style: dict,
    *,
    show: bool = True,
    control: bool = True,
    popup: dict | None = None,
    legend: LegendEntry | None = None,
) -> MapLayer:
    """A layer holding one ShapeSet: the common case of every layer module."""
    if legend is not None:
        legend.key = name
    return MapLayer(
        name=name,
        items=[ShapeSet(features, style, popup=popup, key=name)],
        show=show,
        control=control,
        legend=legend,
    )


def slug(text: str) -> str:
    """A part of a layer id made from a name: ``Military activity`` → ``military-activity``."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def country_features(
    context: LayerContext, codes: list[str], what: str, since: str | None = None
) -> list[dict]:
    """Features for whole countries by ISO3, each tooltip naming the country and the layer;
    drawn from ``since`` on, if given."""
    names = context.shapes["name"]
    missing = [c for c in codes if c not in names.index]
    if missing:
        raise ValueError(f"map.toml: {what}: no shape for {', '.join(missing)}")
    dated = {"since": since} if since else {}
    return [{"id": code, "tip": f"{names[code]}: {what}"} | dated for code in sorted(codes)]


COUNTRY_LAYER = {
    "section": text(),
    "name": text(),
    "legend": text(),
    "iso3": Key("iso3s"),
    "popup_title": text(),
    "popup_text": text(),
    "source": text(),
    "source_url": URL,
    "more_sources": MORE_SOURCES,
    "since": DATE,  # drawn from this date: the promise, or the demand
}  # the map.toml table of a layer of whole countries


def country_group(
    context: LayerContext, spec: dict, style: dict, pattern: str = "fill"
) -> MapLayer:
    """A layer of whole countries named in map.toml (``iso3``), with its popup and legend entry."""
    return shape_group(
        spec["name"],
        country_features(context, spec["iso3"], spec["name"], spec["since"]),
        style,
        popup=popup_spec(spec),
        legend=LegendEntry(
            spec["legend"],
            style["color"]
            if pattern != "fill"
            else blend(style["fillColor"], style["fillOpacity"], context.settings.style["land"]),
            pattern=pattern,
        ),
    )


def region_label(geometry, name: str, rank: int) -> dict:
    """A region's name at the centre of the largest circle inside it (Web Mercator), with that
    circle's radius in pixels at zoom 0 (``reach``): the page names the region only from the
    zoom at which the name fits in the circle (labels.js)."""
    import geopandas as gpd
    from shapely.ops import polylabel

    from mapgen.simplify import metres_per_pixel

    merc = gpd.GeoSeries([geometry], crs=4326).to_crs(3857).iloc[0]
    part = max(getattr(merc, "geoms", [merc]), key=lambda g: g.area)
    point = polylabel(part, tolerance=500)
    lon_lat = gpd.GeoSeries([point], crs=3857).to_crs(4326).iloc[0]
    return {
        "name": name,
        "lat": round(lon_lat.y, 4),
        "lon": round(lon_lat.x, 4),
        "rank": rank,
        "first": False,
        "kind": "region",
        "reach": round(point.distance(part.exterior) / metres_per_pixel(0), 5),
    }
