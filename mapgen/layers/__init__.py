"""The map's layers: one module each, all with the same ``build(context, spec)`` function.

``REGISTRY`` gives their drawing order (first is lowest); ``spec`` is the module's table in
data/map.toml (``[layers.<name>]``). A module declares what it reads: ``SPEC`` (its table of
map.toml), and where it needs them ``TABLE`` (its CSV table of data/), ``SHAPES`` (the shapes
it draws by id, by file), ``COLOURS`` and ``HATCHES`` (of ``[style]``) and it reads its table
with ``context.table(name)``. :func:`inputs` hands these to the loading side.
"""

from __future__ import annotations

from mapgen.inputs.declared import LayerInputs
from mapgen.layers import (
    baseline,
    bucharest,
    countries,
    donbas,
    events,
    membership,
    nuclear,
    places,
    posture,
    seas,
    treaty_zone,
)
from mapgen.layers.model import LayerContext, MapLayer

REGISTRY = {
    "base": countries,
    "membership": membership,
    "baseline": baseline,
    "treaty_zone": treaty_zone,
    "bucharest": bucharest,
    "posture": posture,
    "nuclear": nuclear,
    "seas": seas,
    "donbas": donbas,
    "events": events,
    "places": places,
}

__all__ = ["REGISTRY", "LayerContext", "MapLayer", "build_layers", "inputs"]


def inputs() -> dict[str, LayerInputs]:
    """What each registered layer reads, by its name: for :func:`mapgen.inputs.load`."""
    return {
        name: LayerInputs(
            spec=module.SPEC,
            table=getattr(module, "TABLE", None),
            shapes=getattr(module, "SHAPES", {}),
            colours=getattr(module, "COLOURS", ()),
            hatches=getattr(module, "HATCHES", ()),
        )
        for name, module in REGISTRY.items()
    }


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
