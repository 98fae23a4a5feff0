"""What every layer module shares: the context it reads and the element that draws shapes.

A layer never carries geometry: it names shapes by id (``DEU``, ``UKR-05`` …) and the render
stage stores each shape once in the page, however many layers use it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd

from mapgen.config import Settings
from mapgen.join import Joined
from mapgen.schema import DATE, MORE_SOURCES, URL, Key, text
from mapgen.texts import fill


@dataclass
class LayerContext:
    """What the layer modules read: shapes, the join, the settings and the story tables."""

    shapes: gpd.GeoDataFrame
    joined: Joined
    settings: Settings
    events: pd.DataFrame | None = None
    buildup: pd.DataFrame | None = None
    posture: pd.DataFrame | None = None
    nuclear: pd.DataFrame | None = None
    articles: pd.DataFrame | None = None


@dataclass
class LegendEntry:
    """One line of the legend: a swatch (CSS colour, optional pattern) and a label."""

    label: str
    color: str
    pattern: str = "fill"  # fill | hatch | dashed | dot
    off: bool = False
    key: str = ""  # the layer-control name of the layer it describes


@dataclass
class MapLayer:
    """One layer of the map: what it draws (``items``) and what the legend says of it.

    Plain data: the render stage writes it into the page's JSON, where the page's constant
    script reads it; the static image is drawn from the same items.
    """

    name: str
    items: list = field(default_factory=list)
    # Which layer this is, for the chapters of map.toml: the module's name, then a part where
    # a module draws several (``donbas.held``, ``events.conflict``, ``membership.1999``).
    part: str = ""
    id: str = ""
    show: bool = True
    control: bool = True  # listed in the layer panel
    legend: LegendEntry | None = None
    since: date | None = None  # an accession wave: the timeline shows it from this date
    section: str | None = None  # the heading it sits under in the layer panel
    # Drawn before the page is first painted (the base, the waves); the story layers, markers
    # and the layer panel follow a frame later, so the reader sees the map sooner.
    paint_first: bool = False

    @property
    def shape_ids(self) -> list[str]:
        return [sid for item in self.items if isinstance(item, ShapeSet) for sid in item.shape_ids]


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


class ShapeSet:
    """Shapes from the page's shared shape table, drawn into their layer.

    Parameters
    ----------
    features : list of dict
        ``{"id": shape_id, "tip": tooltip text}``, optionally ``"popup"`` (a popup_spec dict),
        ``"since"`` (ISO date: drawn from then on) and ``"under"`` (hidden under an opaque
        layer: added after the first paint).
    style : dict
        Leaflet path options (``fillColor``, ``weight`` …); ``hatch`` names a pattern of
        ``[style.hatches]``.
    popup : dict, optional
        A popup for every feature that has none of its own.
    key : str, optional
        The legend entry this layer drives.
    """

    kind = "shapes"

    def __init__(
        self, features: list[dict], style: dict, popup: dict | None = None, key: str | None = None
    ):
        self.spec = {"features": features, "style": style, "popup": popup, "key": key}

    @property
    def shape_ids(self) -> list[str]:
        return [f["id"] for f in self.spec["features"]]


class MarkerSet:
    """Circle markers drawn into their layer.

    Parameters
    ----------
    markers : list of dict
        ``{"lat", "lon", "tip"}``, optionally ``"popup"`` (a popup dict).
    style : dict
        Leaflet circle-marker options (``radius``, ``fillColor`` …).
    key : str, optional
        The legend entry this layer drives.
    """

    kind = "markers"

    def __init__(
        self,
        markers: list[dict],
        style: dict,
        key: str | None = None,
        tip_from: list[str] | None = None,
    ):
        self.spec = {"markers": markers, "style": style, "key": key}
        self.tip_from = tip_from

    def page(self) -> dict:
        """The markers as the page gets them: in columns, not one object each. Positions as
        integers (1e-4 degrees, about 11 m: a fiftieth of a pixel at zoom 8); every other
        field (dates, popup texts, links) as a table of its distinct values and, per marker,
        the number of its value, delta-encoded (markers come in date order, so a date column
        mostly steps by 0 or 1): ``{"n", "lat", "lon", "columns": {field: {"values": [...],
        "steps": [...]}}, "style", "key", "tipFrom"}``, popup fields as ``popup.title`` etc.
        With ``tip_from`` (texts and field names in turn, :func:`mapgen.texts.pieces`) the
        tooltip is not stored: the page joins the fields with the texts ("date: title"), so
        that a date and a title shared by many markers are stored once."""
        markers = self.spec["markers"]
        left_out = {"lat", "lon", "popup"} | ({"tip"} if self.tip_from else set())
        fields = sorted({f for m in markers for f in m} - left_out)
        popup = sorted({f for m in markers for f in (m.get("popup") or {})})
        columns = {f: _column([m.get(f) for m in markers]) for f in fields}
        columns |= {f"popup.{f}": _column([(m.get("popup") or {}).get(f) for m in markers])
                    for f in popup}  # fmt: skip
        return {
            "n": len(markers),
            "lat": [round(m["lat"] * 1e4) for m in markers],
            "lon": [round(m["lon"] * 1e4) for m in markers],
            "columns": columns,
            "style": self.spec["style"],
            "key": self.spec["key"],
            "tipFrom": list(self.tip_from) if self.tip_from else None,
        }


def _column(cells: list) -> dict:
    """A column as its distinct values (in order of first use) and each cell's value number,
    as steps from the cell before."""
    values: list = []
    numbers: dict[str, int] = {}
    steps, last = [], 0
    for cell in cells:
        key = json.dumps(cell, sort_keys=True)
        if key not in numbers:
            numbers[key] = len(values)
            values.append(cell)
        steps.append(numbers[key] - last)
        last = numbers[key]
    return {"values": values, "steps": steps}


class Labels:
    """Names drawn as text, each shown from a zoom level that follows its rank.

    Parameters
    ----------
    labels : list of dict
        ``{"name", "lat", "lon", "rank"}``.
    """

    kind = "labels"

    def __init__(self, labels: list[dict]):
        self.labels = labels
        self.spec = {"labels": labels}


def blend(colour: str, opacity: float, under: str) -> str:
    """The colour a fill of ``colour`` at ``opacity`` shows over ``under`` (#rrggbb): what the
    key's swatch must show to match the map."""
    top = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    bottom = [int(under[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(t * opacity + b * (1 - opacity)) for t, b in zip(top, bottom, strict=True)]
    return "#" + "".join(f"{v:02x}" for v in mixed)


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


def iso(value) -> str:
    """A date of map.toml (a TOML date or a YYYY-MM-DD text) as YYYY-MM-DD."""
    return value.isoformat() if hasattr(value, "isoformat") else value


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
        country_features(context, spec["iso3"], spec["name"], iso(spec["since"])),
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
