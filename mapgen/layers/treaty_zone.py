"""Draft treaty: the states where NATO would conduct no military activity."""

from __future__ import annotations

from mapgen.layers.shapes import (
    LayerContext,
    LegendEntry,
    MapLayer,
    country_features,
    popup_spec,
    shape_group,
)


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the tinted overlay of Ukraine, Belarus, Moldova, the South Caucasus, Central Asia."""
    colour = context.settings.style["treaty_zone"]
    style = {"color": colour, "weight": 1.5, "fillColor": colour, "fillOpacity": 0.35}
    return [
        shape_group(
            spec["name"],
            country_features(context, spec["iso3"], spec["name"]),
            style,
            popup=popup_spec(spec),
            legend=LegendEntry(spec["legend"], colour),
        )
    ]
