"""What a layer reads, as it declares it: the form in which the pipeline hands the layers'
declarations to the loading side (which never imports the layers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mapgen.inputs.tables import Table


@dataclass(frozen=True)
class LayerInputs:
    """The inputs of one layer module (:func:`mapgen.layers.inputs` reads them off it).

    Parameters
    ----------
    spec : dict of str to Key
        Its table in map.toml (``SPEC``): ``[layers.<name>]``.
    table : Table, optional
        The CSV table of data/ it draws (``TABLE``).
    shapes : dict of str to tuple of str
        The shapes it draws by id, by the file of data/geo that must hold them (``SHAPES``).
    colours : tuple of str
        The colours of ``[style]`` it draws with (``COLOURS``).
    hatches : tuple of str
        The hatch patterns of ``[style.hatches]`` it draws with (``HATCHES``).
    """

    spec: dict
    table: Table | None = None
    shapes: dict = field(default_factory=dict)
    colours: tuple[str, ...] = ()
    hatches: tuple[str, ...] = ()
