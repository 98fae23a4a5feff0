"""The map's layers: one module each, all with the same ``build(context, spec)`` function.

``REGISTRY`` gives their drawing order (first is lowest); ``spec`` is the module's table in
data/map.toml (``[layers.<name>]``).
"""

from __future__ import annotations

from mapgen.layers import (
    base,
    baseline,
    bucharest,
    donbas,
    events,
    membership,
    nuclear,
    posture,
    seas,
    treaty_zone,
)
from mapgen.layers.shapes import LayerContext, MapLayer

REGISTRY = {
    "base": base,
    "membership": membership,
    "baseline": baseline,
    "treaty_zone": treaty_zone,
    "bucharest": bucharest,
    "posture": posture,
    "nuclear": nuclear,
    "seas": seas,
    "donbas": donbas,
    "events": events,
}

__all__ = ["REGISTRY", "LayerContext", "MapLayer", "build_layers"]


def build_layers(context: LayerContext) -> list[MapLayer]:
    """Stage 3: every registered layer, in drawing order."""
    layers: list[MapLayer] = []
    for name, module in REGISTRY.items():
        spec = context.settings.layers.get(name, {})
        for layer in module.build(context, spec):
            layer.section = spec.get("section")
            layer.id = f"{name}.{layer.part}" if layer.part else name
            layers.append(layer)
    return layers
