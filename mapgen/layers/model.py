"""What every layer module shares: the context it reads and the plain data it returns (a
MapLayer of ShapeSets, MarkerSets and Labels, with its LegendEntry).

A layer never carries geometry: it names shapes by id (``DEU``, ``UKR-05`` …) and the render
stage stores each shape once in the page, however many layers use it. The helpers that make
these (shape_group, marker_group …) are in :mod:`mapgen.layers.helpers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd

from mapgen.inputs import Sources
from mapgen.inputs.settings import Settings
from mapgen.join import Joined


@dataclass
class LayerContext:
    """What the layer modules read: shapes, the join, the settings and the CSV tables.

    Built in one place, :meth:`from_sources`; a layer reads its table by name
    (``context.table("posture")``), the one its ``TABLE`` declares.
    """

    shapes: gpd.GeoDataFrame
    joined: Joined
    settings: Settings
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @classmethod
    def from_sources(cls, sources: Sources, joined: Joined) -> LayerContext:
        """The context of the layers of a build: its shapes, settings and tables."""
        return cls(sources.shapes, joined, sources.settings, dict(sources.tables))

    def table(self, name: str) -> pd.DataFrame:
        """A CSV table by the name its declaration gives it (``posture``, ``events`` …)."""
        return self.tables[name]

    @property
    def articles(self) -> pd.DataFrame | None:
        """data/draft_articles.csv, for the page's index of the drafts' articles."""
        return self.tables.get("articles")


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
