"""The pipeline: load → join → layers → render, then write. Each stage logs one line."""

from __future__ import annotations

import dataclasses
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
from mapgen.render import embed, simplify, static
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
    png : bool, default True
        Also write the static image ``<out-stem>.png``.
    render : RenderOptions
    """

    out: Path = Path("output/nato_map.html")
    as_of: date | None = None
    data_dir: Path | None = None
    members: Path | None = None
    events: Path | None = None
    png: bool = True
    render: RenderOptions = field(default_factory=RenderOptions)


@contextmanager
def _stage(name: str):
    start = time.perf_counter()
    summary: list[str] = []
    yield summary
    log.info("%-7s %s (%.2f s)", name, "; ".join(summary), time.perf_counter() - start)


@dataclass
class Built:
    """What the render stage made: the map, and what the static image is drawn from."""

    fmap: folium.Map
    layers: list
    context: LayerContext
    screen_shapes: object


def _run(options: BuildOptions) -> Built:
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
        view = sources.settings.map
        screen = simplify.simplify(
            sources.shapes, simplify.metres_per_pixel(view["zoom"]) * options.render.simplify_px
        )
        fmap = assemble(layers, context, screen, options.render)
        say.append(f"{len({s for layer in layers for s in layer.shape_ids})} shapes on the map")
    return Built(fmap, layers, context, screen)


def build_map(options: BuildOptions | None = None) -> folium.Map:
    """Run load → join → layers → render and return the folium.Map (for notebooks).

    Examples
    --------
    >>> from mapgen import build_map
    >>> m = build_map()
    >>> m  # shows the map in Jupyter
    """
    return _run(options or BuildOptions()).fmap


def output_paths(out: Path) -> dict[str, Path]:
    """The files a build writes: the page, its static image and the embed snippet."""
    return {
        "html": out,
        "png": out.with_suffix(".png"),
        "embed": out.with_name(out.stem + ".embed.html"),
    }


def build(options: BuildOptions | None = None) -> dict[str, Path]:
    """Build the map and write the page, the PNG (unless ``png=False``) and the embed
    snippet, all or none; return their paths."""
    options = options or BuildOptions()
    paths = output_paths(options.out)
    if not options.png:
        del paths["png"]
    png_name = paths["png"].name if "png" in paths else None
    options = dataclasses.replace(
        options, render=dataclasses.replace(options.render, png_name=png_name)
    )
    built = _run(options)
    texts = built.context.settings.map
    title = options.render.title or texts["title"]
    files = {
        paths["html"]: render_html(built.fmap).encode("utf-8"),
        paths["embed"]: embed.embed_snippet(title, paths["html"].name, png_name).encode("utf-8"),
    }
    if png_name:
        with _stage("image") as say:
            files[paths["png"]] = static.render_png(
                built.layers,
                built.context,
                built.screen_shapes,
                title,
                texts["subtitle"],
                texts["credit"],
            )
            say.append(f"{len(files[paths['png']]):,} bytes of PNG")
    with _stage("write") as say:
        write_all(files)
        say.append(", ".join(f"{p} ({len(b):,} bytes)" for p, b in files.items()))
    return paths
