"""The Bucharest 2008 promise: Ukraine and Georgia "will become members of NATO"."""

from __future__ import annotations

from mapgen.layers.helpers import COUNTRY_LAYER, country_group
from mapgen.layers.model import LayerContext, MapLayer

COLOURS = ("bucharest",)  # of [style]
STYLE = {"weight": 3, "dashArray": "6 4", "fill": True, "fillOpacity": 0}
SPEC = COUNTRY_LAYER


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the dashed outline of the two states promised membership in 2008."""
    colour = context.settings.style["bucharest"]
    style = {"color": colour, **STYLE}
    return [country_group(context, spec, style, pattern="dashed")]
