"""Draft treaty: the states where NATO would conduct no military activity."""

from __future__ import annotations

from mapgen.layers.shapes import COUNTRY_LAYER, LayerContext, MapLayer, country_group

SPEC = COUNTRY_LAYER


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the tinted overlay of Ukraine, Belarus, Moldova, the South Caucasus, Central Asia."""
    colour = context.settings.style["treaty_zone"]
    style = {"color": colour, "weight": 1.5, "fillColor": colour, "fillOpacity": 0.35}
    return [country_group(context, spec, style)]
