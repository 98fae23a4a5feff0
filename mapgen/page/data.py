"""The page's contract: every value the page's scripts read, as dataclasses, and one writer.

The page's JSON blocks (``mapgen-data``, ``mapgen-shapes``, ``mapgen-later``,
``mapgen-shapes-fine``, ``mapgen-icons``) are these records, documented key by key in
``docs/page-format.md``. :func:`to_json` writes every record's keys in camelCase (``as_of`` →
``asOf``), as folium's ``camelize`` does; maps keyed by data keep their keys (shapes by id,
descriptions by date, marker columns by field, hatches by pattern, panes by name, and a style's or
the tiles' Leaflet options, in Leaflet's own names).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import TYPE_CHECKING, Literal

from folium.utilities import camelize

from mapgen import story
from mapgen.layers.model import Labels, LegendEntry, MapLayer, MarkerSet, ShapeSet
from mapgen.page import texts

if TYPE_CHECKING:
    from mapgen.layers import LayerContext
    from mapgen.page.document import RenderOptions

# Extra Leaflet panes by z-index: seas beneath the fills (overlayPane: 400), markers, labels above
PANES = {"mgSeas": 350, "mgMarkers": 620, "mgLabels": 650}
# The words of [ui] the page's scripts set (the rest are in the HTML already).
SCRIPT_WORDS = ("play", "pause", "step", "source", "sources", "zoom_in", "zoom_out", "nothing_here")
TIMELINE_INTERVAL_MS = 1200  # a step of the timeline's Play
ZOOM_SNAP = 0.5

OMITTED = {"omit_none": True}  # a key the page leaves out where it has no value
Style = dict[str, object]  # Leaflet path options (fillColor, weight …) and mapgen's ``hatch``


@dataclass
class Popup:
    text: str  # a feature's popup may leave the rest to its set's and its tip (page-format.md)
    title: str | None = field(default=None, metadata=OMITTED)
    source: str | None = field(default=None, metadata=OMITTED)
    url: str | None = field(default=None, metadata=OMITTED)
    more: list[list[str]] | None = field(default=None, metadata=OMITTED)  # [source, link] pairs


@dataclass
class Feature:
    id: str  # a shape of the shape table
    tip: str
    since: str | None = field(default=None, metadata=OMITTED)
    until: str | None = field(default=None, metadata=OMITTED)
    under: bool | None = field(default=None, metadata=OMITTED)
    popup: Popup | None = field(default=None, metadata=OMITTED)


@dataclass
class ShapeItem:
    features: list[Feature]
    style: Style
    popup: Popup | None
    key: str | None
    kind: Literal["shapes"] = "shapes"


@dataclass
class Column:
    values: list
    steps: list[int]


@dataclass
class MarkerItem:
    n: int
    lat: list[int]
    lon: list[int]
    columns: dict[str, Column]
    style: Style
    key: str | None
    tip_from: list[str] | None
    kind: Literal["markers"] = "markers"


@dataclass
class Label:
    name: str
    lat: float  # to 4 decimals (11 m, as a marker's)
    lon: float
    rank: int
    first: bool | None = field(default=None, metadata=OMITTED)  # true: the story's (else left out)
    kind: str | None = field(default=None, metadata=OMITTED)  # sea | capital | city | region
    reach: float | None = field(default=None, metadata=OMITTED)  # a region's room (px at zoom 0)
    id: str | None = field(default=None, metadata=OMITTED)  # a country's shape: a name stays in it
    also: list[list[float]] | None = field(default=None, metadata=OMITTED)  # a sea's other anchors

    def __post_init__(self):  # a country's kind left out, as a false first (docs/page-format.md)
        self.lat, self.lon = round(self.lat, 4), round(self.lon, 4)
        self.first, self.kind = self.first or None, None if self.kind == "country" else self.kind


@dataclass
class LabelItem:
    labels: list[Label]
    kind: Literal["labels"] = "labels"


@dataclass
class LayerData:
    name: str
    id: str
    show: bool
    control: bool
    section: str | None
    since: str | None
    first: bool
    items: list[ShapeItem | MarkerItem | LabelItem]


@dataclass
class LaterItems:  # the ``mapgen-later`` block: the items of the layers drawn after the first paint
    layers: dict[str, list[ShapeItem | MarkerItem | LabelItem]]  # by layer id


@dataclass
class LegendItem:
    key: str  # the display name of the layer it describes
    layer: str  # that layer's id
    label: str
    color: str
    pattern: str
    off: bool


@dataclass
class View:
    center: list[float]
    zoom: float
    min_zoom: float
    max_zoom: float
    zoom_snap: float
    bounds: list[list[float]] | None
    as_of: str
    panes: dict[str, int]
    attribution_prefix: str
    popup_order: list[str]


@dataclass
class PageStyle:
    sea: str
    label: str
    hatches: dict[str, str]


@dataclass
class TimelineData:
    dates: list[str]
    labels: list[str]
    start: int
    interval: int


@dataclass
class Tiles:
    url: str
    options: dict[str, object]


@dataclass
class ChapterData:
    id: str
    title: str
    text: str
    bounds: list[list[float]]
    as_of: str
    layers: list[str]
    sources: list[list[str]]


@dataclass
class StoryTexts:
    label: str
    previous: str
    next: str
    explore: str
    explore_title: str
    explore_text: str
    sources: str
    embed_comment: str


@dataclass
class EmbedTexts:
    wheel_hint: str
    touch_hint: str
    layers_button: str
    close: str
    key_button: str
    about_button: str


@dataclass
class ScriptWords:
    play: str
    pause: str
    step: str
    source: str
    sources: str
    zoom_in: str
    zoom_out: str
    nothing_here: str


@dataclass
class PageData:  # the ``mapgen-data`` block
    view: View
    style: PageStyle
    layers: list[LayerData]
    legend: list[LegendItem]
    timeline: TimelineData
    descriptions: dict[str, str]
    tiles: Tiles | None
    chapters: list[ChapterData]
    opening: str | None
    story: StoryTexts
    embed: EmbedTexts
    ui: ScriptWords


@dataclass
class Detail:
    region: list[list[float]]  # [[south, west], [north, east]]
    zoom: float


@dataclass
class ShapeTable:  # the ``mapgen-shapes`` block
    zoom: float
    grid_zoom: float
    arcs: str  # packed (shape_table.pack)
    shapes: dict[str, str]  # packed (shape_table.pack_shape)
    bounds: dict[str, list[int]]
    detail: Detail | None = field(default=None, metadata=OMITTED)


@dataclass
class FineTable:  # the ``mapgen-shapes-fine`` block
    zoom: float
    grid_zoom: float
    numbers: list[int]
    arcs: str  # packed (shape_table.pack)


@dataclass
class MarkerIcons:
    """The ``mapgen-icons`` block: Leaflet's default marker images, as data URIs."""

    icon_url: str
    icon_retina_url: str
    shadow_url: str


def to_json(value):
    """A record as JSON-ready data: every dataclass field under its camelCase name."""
    if is_dataclass(value):
        out = {}
        for f in fields(value):
            item = getattr(value, f.name)
            if item is not None or not f.metadata.get("omit_none"):
                out[camelize(f.name)] = to_json(item)
        return out
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def _popup(spec: dict | None) -> Popup | None:
    return Popup(**spec) if spec else None


def _markers(markers: MarkerSet) -> MarkerItem:
    """The markers as the page gets them: in columns, not one object each. Positions as integers
    (1e-4 degrees, about 11 m: a fiftieth of a pixel at zoom 8); every other field (dates, popup
    texts, links) as a table of its distinct values and, per marker, the number of its value,
    delta-encoded (markers come in date order, so a date column mostly steps by 0 or 1); popup
    fields as ``popup.title`` etc. With ``tip_from`` (texts and field names in turn,
    :func:`mapgen.texts.pieces`) the tooltip is not stored: the page joins the fields with the
    texts ("date: title"), so that a date and a title shared by many markers are stored once."""
    items = markers.spec["markers"]
    left_out = {"lat", "lon", "popup"} | ({"tip"} if markers.tip_from else set())
    fields = sorted({f for m in items for f in m} - left_out)
    popup = sorted({f for m in items for f in (m.get("popup") or {})})
    columns = {f: _column([m.get(f) for m in items]) for f in fields}
    columns |= {f"popup.{f}": _column([(m.get("popup") or {}).get(f) for m in items])
                for f in popup}  # fmt: skip
    return MarkerItem(
        n=len(items),
        lat=[round(m["lat"] * 1e4) for m in items],
        lon=[round(m["lon"] * 1e4) for m in items],
        columns=columns,
        style=markers.spec["style"],
        key=markers.spec["key"],
        tip_from=list(markers.tip_from) if markers.tip_from else None,
    )


def _column(cells: list) -> Column:
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
    return Column(values=values, steps=steps)


def _item(item) -> ShapeItem | MarkerItem | LabelItem:
    if isinstance(item, MarkerSet):
        return _markers(item)
    if isinstance(item, Labels):
        return LabelItem([Label(**label) for label in item.labels])
    assert isinstance(item, ShapeSet), item
    spec = item.spec
    features = [Feature(**{**f, "popup": _popup(f.get("popup"))}) for f in spec["features"]]
    return ShapeItem(features, spec["style"], _popup(spec["popup"]), spec["key"])


def layer_data(layer: MapLayer) -> LayerData:
    return LayerData(
        name=layer.name,
        id=layer.id,
        show=layer.show,
        control=layer.control,
        section=layer.section,
        since=layer.since.isoformat() if layer.since else None,
        first=layer.paint_first,
        items=[_item(item) for item in layer.items],
    )


def legend_item(entry: LegendEntry, layer: MapLayer) -> LegendItem:
    return LegendItem(entry.key, layer.id, entry.label, entry.color, entry.pattern, entry.off)


def _tiles(name: str | None) -> Tiles | None:
    if not name:
        return None
    import xyzservices

    provider = xyzservices.providers.query_name(name)
    options = {"attribution": provider.html_attribution, "maxZoom": provider.get("max_zoom", 18)}
    return Tiles(provider.build_url(), options)


def build(layers: list[MapLayer], context: LayerContext, options: RenderOptions) -> PageData:
    """Everything the page's scripts read (the ``mapgen-data`` block)."""
    settings = context.settings
    view = settings.map
    stops = story.timeline(context.joined, settings)
    return PageData(
        view=View(
            center=view["center"],
            zoom=view["zoom"],
            min_zoom=view["min_zoom"],
            max_zoom=view["max_zoom"],
            zoom_snap=ZOOM_SNAP,
            bounds=view.get("bounds"),
            as_of=context.joined.as_of.isoformat(),
            panes=PANES,
            attribution_prefix=view["attribution_prefix"],
            popup_order=view["popup_order"],
        ),
        style=PageStyle(**{k: settings.style[k] for k in ("sea", "label", "hatches")}),
        layers=[layer_data(layer) for layer in layers],
        legend=[legend_item(layer.legend, layer) for layer in layers if layer.legend is not None],
        timeline=TimelineData(
            [d.isoformat() for d in stops.dates], stops.labels, stops.start, TIMELINE_INTERVAL_MS
        ),
        descriptions=texts.descriptions(context, settings, stops.dates),
        tiles=_tiles(options.tiles),
        chapters=[
            ChapterData(**{k: c[k] for k in ChapterData.__dataclass_fields__})
            for c in settings.chapters
        ],
        opening=(story.chapter(settings, options.chapter) or {}).get("id"),
        story=StoryTexts(**settings.story),
        embed=EmbedTexts(**settings.embed),
        ui=ScriptWords(**{name: settings.ui[name] for name in SCRIPT_WORDS}),
    )
