"""The pipeline: load → join → layers → render, then write. Each stage logs one line."""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import folium

from mapgen import config
from mapgen.join import join
from mapgen.layers import LayerContext, build_layers
from mapgen.load import load
from mapgen.render.page import RenderOptions, assemble, render_html
from mapgen.render.write import write_all

log = logging.getLogger("mapgen")


@dataclass
class BuildOptions:
    """Everything ``mapgen build`` can be told.

    Parameters
    ----------
    out : Path, default output/nato_map.html
    as_of : date, optional
        Default: map.toml's ``default_as_of`` (2021-12-17, the day of the demands).
    data_dir : Path, optional
        Default: ``./data`` if present, else the data bundled with mapgen.
    members : Path, optional
        Another members table.
    events : Path, optional
        Another events table.
    render : RenderOptions
    """

    out: Path = Path("output/nato_map.html")
    as_of: date | None = None
    data_dir: Path | None = None
    members: Path | None = None
    events: Path | None = None
    render: RenderOptions = field(default_factory=RenderOptions)


@contextmanager
def _stage(name: str):
    start = time.perf_counter()
    summary: list[str] = []
    yield summary
    log.info("%-7s %s (%.2f s)", name, "; ".join(summary), time.perf_counter() - start)


def build_map(options: BuildOptions | None = None) -> folium.Map:
    """Run load → join → layers → render and return the folium.Map (for notebooks).

    Examples
    --------
    >>> from mapgen import build_map
    >>> m = build_map()
    >>> m  # shows the map in Jupyter
    """
    options = options or BuildOptions()
    data_dir = options.data_dir or config.default_data_dir()
    with _stage("load") as say:
        sources = load(data_dir, members_path=options.members, events_path=options.events)
        say.append(
            f"{len(sources.shapes)} shapes, {len(sources.members)} members, "
            f"{len(sources.events)} events from {data_dir}"
        )
    as_of = options.as_of or sources.settings.default_as_of
    with _stage("join") as say:
        joined = join(sources, as_of)
        current = joined.members_as_of()
        say.append(
            f"{len(current)} members as of {as_of}, "
            f"{int(current['after_1997_baseline'].sum())} after the 1997 baseline, "
            f"{len(joined.waves)} waves"
        )
    context = LayerContext(
        shapes=sources.shapes,
        joined=joined,
        settings=sources.settings,
        events=sources.events,
        buildup=sources.buildup,
    )
    with _stage("layers") as say:
        layers = build_layers(context)
        say.append(f"{len(layers)} layers")
    with _stage("render") as say:
        fmap = assemble(layers, context, options.render)
        say.append(f"{len({s for layer in layers for s in layer.shape_ids})} shapes on the map")
    return fmap


def build(options: BuildOptions | None = None) -> Path:
    """Build the map and write it to ``options.out`` atomically; return the path."""
    options = options or BuildOptions()
    fmap = build_map(options)
    with _stage("write") as say:
        html = render_html(fmap).encode("utf-8")
        write_all({options.out: html})
        say.append(f"{options.out} ({len(html):,} bytes)")
    return options.out
