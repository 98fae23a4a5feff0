"""The Black Sea, the Sea of Azov and the Baltic: the seas of the story. Which of them the
drafts name (``named_seas``) is data: the popup says so for each."""

from __future__ import annotations

from mapgen.inputs.schema import MORE_SOURCES, URL, Key, text
from mapgen.layers.helpers import blend, popup_spec, shape_group
from mapgen.layers.model import LayerContext, LegendEntry, MapLayer
from mapgen.texts import fill

COLOURS = ("sea_fill", "sea_line")  # of [style]
STYLE = {"fillOpacity": 0.55, "weight": 1}

SPEC = {
    "section": text(),
    "name": text("name"),
    "legend": text(),
    "popup_title": text("name", "area"),
    "popup_text": text("name", "area", "named"),
    "named_seas": Key("texts"),
    "named_text": text(),
    "unnamed_text": text(),
    "source": text(),
    "source_url": URL,
    "more_sources": MORE_SOURCES,
}


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return one overlay per sea area, drawn in the sea pane beneath the countries."""
    style = context.settings.style
    seas = context.shapes[context.shapes["kind"] == "sea"].sort_index()
    layers = []
    for sea_id, sea in zip(seas.index, seas.itertuples(), strict=True):
        name = fill(spec["name"], name=sea.name.split(" (")[0])
        named = spec["named_text"] if sea_id in spec["named_seas"] else spec["unnamed_text"]
        popup = popup_spec(spec, name=sea.name, area=int(sea.area_km2), named=named)
        layer = shape_group(
            name,
            [{"id": sea_id, "tip": sea.name}],
            {
                "pane": "mgSeas",
                "fillColor": style["sea_fill"],
                "fillOpacity": STYLE["fillOpacity"],
                "color": style["sea_line"],
                "weight": STYLE["weight"],
            },
            popup=popup,
            legend=LegendEntry(
                sea.name.split(" (")[0],
                blend(style["sea_fill"], STYLE["fillOpacity"], style["sea"]),
            ),
        )
        layer.part = sea_id.removeprefix("SEA-").lower()
        layers.append(layer)
    return layers
