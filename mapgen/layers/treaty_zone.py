"""Draft treaty: the states where NATO would conduct no military activity."""

from __future__ import annotations

from mapgen.layers.helpers import COUNTRY_LAYER, country_group
from mapgen.layers.model import LayerContext, MapLayer

COLOURS = ("treaty_zone",)  # of [style]
STYLE = {"weight": 1.5, "fillOpacity": 0.35}
SPEC = COUNTRY_LAYER


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the tinted overlay of Ukraine, Belarus, Moldova, the South Caucasus, Central Asia."""
    colour = context.settings.style["treaty_zone"]
    style = {
        "color": colour,
        "weight": STYLE["weight"],
        "fillColor": colour,
        "fillOpacity": STYLE["fillOpacity"],
    }
    return [country_group(context, spec, style)]
