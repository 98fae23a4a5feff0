"""The Black Sea, the Sea of Azov and the Baltic: where the drafts would keep warships away."""

from __future__ import annotations

from mapgen.layers.shapes import LayerContext, LegendEntry, MapLayer, popup_spec, shape_group
from mapgen.schema import URL, text
from mapgen.texts import fill

SPEC = {
    "section": text(),
    "name": text("name"),
    "legend": text(),
    "popup_title": text("name", "area"),
    "popup_text": text("name", "area"),
    "source": text(),
    "source_url": URL,
}


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return one overlay per sea area, drawn in the sea pane beneath the countries."""
    style = context.settings.style
    seas = context.shapes[context.shapes["kind"] == "sea"].sort_index()
    layers = []
    for sea_id, sea in zip(seas.index, seas.itertuples(), strict=True):
        name = fill(spec["name"], name=sea.name.split(" (")[0])
        popup = popup_spec(spec, name=sea.name, area=int(sea.area_km2))
        layers.append(
            shape_group(
                name,
                [{"id": sea_id, "tip": sea.name}],
                {
                    "pane": "mgSeas",
                    "fillColor": style["sea_fill"],
                    "fillOpacity": 0.55,
                    "color": style["sea_line"],
                    "weight": 1,
                },
                popup=popup,
                legend=LegendEntry(sea.name.split(" (")[0], style["sea_fill"]),
            )
        )
    return layers
