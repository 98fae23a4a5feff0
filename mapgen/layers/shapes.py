"""What every layer module shares: the context it reads and the element that draws shapes.

A layer never carries geometry: it names shapes by id (``DEU``, ``UKR-05`` …) and the render
stage stores each shape once in the page, however many layers use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

from mapgen.config import Settings
from mapgen.join import Joined


@dataclass
class LayerContext:
    """What the layer modules read: shapes, the join, the settings and the story tables."""

    shapes: gpd.GeoDataFrame
    joined: Joined
    settings: Settings
    events: pd.DataFrame | None = None
    buildup: pd.DataFrame | None = None


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
    """A folium FeatureGroup plus what the legend says of it."""

    group: folium.FeatureGroup
    legend: LegendEntry | None = None
    shape_ids: list[str] = field(default_factory=list)
    since: date | None = None  # an accession wave: the timeline shows it from this date
    section: str | None = None  # the heading it sits under in the layer panel
    # Drawn before the page is first painted (the base, the waves); the story layers, markers
    # and the layer panel follow a frame later, so the reader sees the map sooner.
    paint_first: bool = False


def popup_spec(spec: dict, prefix: str = "", **values) -> dict | None:
    """The popup a layer's table in map.toml describes.

    Reads ``{prefix}popup_title``, ``{prefix}popup_text``, ``{prefix}source`` and
    ``{prefix}source_url``; the texts are formatted with ``values``.
    """
    if f"{prefix}popup_text" not in spec:
        return None
    return {
        "title": spec.get(f"{prefix}popup_title", "").format(**values),
        "text": spec[f"{prefix}popup_text"].format(**values),
        "source": spec.get(f"{prefix}source", ""),
        "url": spec.get(f"{prefix}source_url", ""),
    }


class _Text(Element):
    """Script text rendered already: goes into the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **_kwargs) -> str:
        return self.text


class ScriptElement(MacroElement):
    """A MacroElement whose rendered script goes into the page as text. (branca's would
    compile each rendered script as a Jinja template once more, a feature list included.)

    With ``after_paint`` set (by the render stage), the script runs right after the page's
    first paint (``mapgen.afterPaint``) instead of before it."""

    after_paint = False

    def render(self, **kwargs):
        script = self._template.module.__dict__.get("script")
        if script is not None:
            text = script(self, kwargs)
            if self.after_paint:
                text = f"mapgen.afterPaint(function () {{{text}}});"
            self.get_root().script.add_child(_Text(text), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class ShapeSet(ScriptElement):
    """Draws shapes from the page's shared shape table into the parent FeatureGroup.

    Parameters
    ----------
    features : list of dict
        ``{"id": shape_id, "tip": tooltip text}``, optionally ``"popup"`` (a popup_spec dict).
    style : dict
        Leaflet path options (``fillColor``, ``weight``, ``className`` …).
    popup : dict, optional
        A popup for every feature that has none of its own.
    key : str, optional
        The legend entry this layer drives.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        mapgen.addShapes({{ this._parent.get_name() }}, {{ this.spec|tojavascript }});
        {% endmacro %}
    """)

    def __init__(
        self, features: list[dict], style: dict, popup: dict | None = None, key: str | None = None
    ):
        super().__init__()
        self._name = "ShapeSet"
        self.spec = {"features": features, "style": style, "popup": popup, "key": key}

    @property
    def shape_ids(self) -> list[str]:
        return [f["id"] for f in self.spec["features"]]


class MarkerSet(ScriptElement):
    """Draws circle markers into the parent FeatureGroup.

    Parameters
    ----------
    markers : list of dict
        ``{"lat", "lon", "tip"}``, optionally ``"popup"`` (a popup dict).
    style : dict
        Leaflet circle-marker options (``radius``, ``fillColor`` …).
    key : str, optional
        The legend entry this layer drives.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        mapgen.addMarkers({{ this._parent.get_name() }}, {{ this.spec|tojavascript }});
        {% endmacro %}
    """)

    def __init__(self, markers: list[dict], style: dict, key: str | None = None):
        super().__init__()
        self._name = "MarkerSet"
        self.spec = {"markers": markers, "style": style, "key": key}


def marker_group(
    name: str,
    markers: list[dict],
    style: dict,
    *,
    show: bool = True,
    legend: LegendEntry | None = None,
) -> MapLayer:
    """A FeatureGroup holding one MarkerSet."""
    group = folium.FeatureGroup(name=name, show=show)
    group.add_child(MarkerSet(markers, style, key=name))
    if legend is not None:
        legend.key = name
    return MapLayer(group=group, legend=legend)


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
    """A FeatureGroup holding one ShapeSet: the common case of every layer module."""
    group = folium.FeatureGroup(name=name, show=show, control=control)
    shape_set = ShapeSet(features, style, popup=popup, key=name)
    group.add_child(shape_set)
    if legend is not None:
        legend.key = name
    return MapLayer(group=group, legend=legend, shape_ids=shape_set.shape_ids)


def country_features(context: LayerContext, codes: list[str], what: str) -> list[dict]:
    """Features for whole countries by ISO3, each tooltip naming the country and the layer."""
    names = context.shapes["name"]
    missing = [c for c in codes if c not in names.index]
    if missing:
        raise ValueError(f"map.toml: {what}: no shape for {', '.join(missing)}")
    return [{"id": code, "tip": f"{names[code]}: {what}"} for code in sorted(codes)]


def country_group(
    context: LayerContext, spec: dict, style: dict, pattern: str = "fill"
) -> MapLayer:
    """A layer of whole countries named in map.toml (``iso3``), with its popup and legend entry."""
    return shape_group(
        spec["name"],
        country_features(context, spec["iso3"], spec["name"]),
        style,
        popup=popup_spec(spec),
        legend=LegendEntry(spec["legend"], style["color"], pattern=pattern),
    )
