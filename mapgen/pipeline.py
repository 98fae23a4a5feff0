"""The pipeline: load → translate → join → layers → simplify → page and image → write. Each
stage logs one line; :func:`build` reads as the stages. Several languages are built side by
side, one process each (:func:`build_languages`)."""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import folium
import shapely

from mapgen import locale, simplify, story
from mapgen.errors import InputError, Problem
from mapgen.image import plan
from mapgen.image.process import Drawing, ImageJob
from mapgen.inputs import Sources, files, input_paths, load, translate
from mapgen.interrupts import hold
from mapgen.join import Joined, join
from mapgen.layers import LayerContext, MapLayer, build_layers
from mapgen.layers import inputs as layer_inputs
from mapgen.options import BuildOptions, output_paths, page_out  # output_paths: old callers
from mapgen.options import wanted_outputs as _wanted
from mapgen.page import embed, shape_table
from mapgen.page.document import assemble, render_html
from mapgen.simplify import Levels
from mapgen.write import check_outputs, write_all

log = logging.getLogger("mapgen")


@contextmanager
def _stage(name: str):
    start = time.perf_counter()
    summary: list[str] = []
    yield summary
    log.info("%-7s %s (%.2f s)", name, "; ".join(summary), time.perf_counter() - start)


@dataclass
class MapModel:
    """The built map: its layers, what they were built from, and the shapes simplified for
    the screen. The page and the static image are both drawn from it."""

    layers: list[MapLayer]
    context: LayerContext
    levels: Levels  # the page's coarse and fine tables and the image's shapes come from it


def build(
    options: BuildOptions | None = None, image_job: ImageJob | None = None
) -> dict[str, Path]:
    """Build the map and write the page, the PNG and share card (unless ``png=False``), the
    embed snippet and, with ``print_size``, the PDF and SVG: all or none; return their paths.

    The PNG is drawn by a second process, started first: it imports matplotlib while this
    one loads the data, draws the texts and legend while the shapes are simplified, and the
    shapes while the page is rendered. A caller may start it even earlier and pass it as
    ``image_job`` (the command line does, before importing this module).
    """
    options = _resolved(options or BuildOptions())
    paths = _wanted(output_paths(page_out(options)), options)
    try:
        files, inputs = _files(options, paths, image_job)
    finally:
        if image_job:
            image_job.cancel()
    _write(files, inputs, ", ".join(f"{p} ({len(b):,} bytes)" for p, b in files.items()))
    _say_share(options, paths)
    return paths


def _files(
    options: BuildOptions, paths: dict[str, Path], image_job: ImageJob | None = None
) -> tuple[dict[Path, bytes], list[Path]]:
    """The bytes of each file of one build, by path, and the inputs it read: the stages, in
    order. Nothing is written here (several languages are written together, all or none)."""
    inputs = _inputs(options)
    _check_outputs(paths, inputs)
    options = _named(options, paths)
    with Drawing(paths, options.print_size, job=image_job) as drawing:
        with locale.using(options.lang):
            model = _model(options, drawing)
            files = _page_files(model, options, paths)
        files |= _drawn(drawing, paths)
    return files, inputs


def build_map(options: BuildOptions | None = None) -> folium.Map:
    """Run load → join → layers → simplify → page and return the folium.Map (for notebooks).

    Examples
    --------
    >>> from mapgen import build_map
    >>> m = build_map()
    >>> m  # shows the map in Jupyter
    """
    options = _resolved(options or BuildOptions())
    with locale.using(options.lang):
        return _page(_model(options), options)


def _model(options: BuildOptions, drawing: Drawing | None = None) -> MapModel:
    """load → translate → join → layers → simplify. Given a drawing, hand it the image's
    frame as soon as the layers are built and its shapes once simplified."""
    sources = _load(options)
    context = LayerContext.from_sources(sources, _join(sources, options))
    layers = _layers(context, options)
    view = story.chapter(sources.settings, options.png_chapter or options.render.chapter)
    if drawing and drawing.kinds:
        drawing.frame(_frame_plan(layers, context, view, options))
    levels = _simplify(sources, options)
    if drawing and drawing.kinds:
        drawing.shapes(plan.shapes_plan(layers, context, levels.shapes, view))
    return MapModel(layers, context, levels)


def _load(options: BuildOptions) -> Sources:
    """Stages 1 and 2: read and check data/, then (another language) translate its texts."""
    data_dir = options.data_dir or files.default_data_dir()
    with _stage("load") as say:
        sources = load(data_dir, layer_inputs(), options.members, options.events)
        say.append(
            f"{len(sources.shapes)} shapes, {len(sources.members)} members, "
            f"{len(sources.tables['events'])} events from {data_dir}"
        )
    hold("load")
    if options.lang != locale.DEFAULT:
        with _stage("translate") as say:
            sources = translate.translate(sources, data_dir, options.lang)
            path = translate.language_file(data_dir, options.lang)
            say.append(f"texts in {options.lang} from {path}")
    return sources


def _join(sources: Sources, options: BuildOptions) -> Joined:
    """Stage 3: the members joined to their shapes as of the map's date."""
    as_of = options.as_of or sources.settings.default_as_of
    first = min(sources.members["accession_date"])
    if as_of < first:
        why = (
            f"{as_of.isoformat()} is before the first accession in the members table "
            f"({first.isoformat()}): the map would show no alliance"
        )
        problem = (
            Problem("--as-of", None, None, why)
            if options.as_of
            else sources.settings.problem("map.default_as_of", why)
        )
        raise InputError([problem])
    with _stage("join") as say:
        joined = join(sources, as_of)
        current = joined.members_as_of()
        say.append(
            f"{len(current)} members as of {as_of}, "
            f"{int(current['after_1997_baseline'].sum())} after the 1997 baseline, "
            f"{len(joined.waves)} waves"
        )
    return joined


def _layers(context: LayerContext, options: BuildOptions) -> list[MapLayer]:
    """Stage 4: every layer, and the chapters checked against them."""
    with _stage("layers") as say:
        layers = build_layers(context)
        wanted = [("--chapter", options.render.chapter), ("--png-chapter", options.png_chapter)]
        problems = story.problems(context.settings, layers, *wanted)
        if problems:
            raise InputError(problems)
        say.append(f"{len(layers)} layers, {len(context.settings.chapters)} chapters")
    return layers


def _frame_plan(layers, context: LayerContext, view, options: BuildOptions) -> dict:
    """The static image's texts, legend and frame: known before the shapes are simplified."""
    texts = context.settings.map
    title = _title(options, context.settings)
    subtitle = f"{view['title']}. {view['text']}" if view else texts["subtitle"]
    frame = plan.frame_plan(layers, context, title, subtitle, texts["credit"], view)
    frame["short_credit"] = texts["source_line"]  # the share card's one line
    return frame


def _simplify(sources: Sources, options: BuildOptions) -> Levels:
    """Stage 5: the shared arcs simplified for the opening zoom and the detail region."""
    with _stage("simplify") as say:
        view = sources.settings.map
        zoom, px, fine_zoom = view["zoom"], options.render.simplify_px, view["max_zoom"]
        line = shape_table.line_tolerance_px(px)
        (south, west), (north, east) = view["detail_bounds"]
        levels = simplify.simplify_levels(
            sources.shapes,
            simplify.metres_per_pixel(zoom) * line,
            (simplify.metres_per_pixel(fine_zoom) * line, (west, south, east, north)),
        )
        points = int(shapely.get_num_coordinates(levels.shapes.geometry.values).sum())
        fine = sum(len(a) for a in levels.fine_arcs.values())
        say.append(
            f"{points:,} points, within {px} px at zoom {zoom}; "
            f"{fine:,} in the detail region, within {px} px at zoom {fine_zoom}"
        )
    return levels


def _page(model: MapModel, options: BuildOptions) -> folium.Map:
    """Stage 6, the page: the folium.Map with the page's data and code."""
    with _stage("render") as say:
        fmap = assemble(model.layers, model.context, model.levels, options.render)
        shown = {s for layer in model.layers for s in layer.shape_ids}
        say.append(f"{len(shown)} shapes on the map")
    return fmap


def _page_files(model: MapModel, options: BuildOptions, paths: dict[str, Path]):
    """The page and its embed snippet, as bytes by path."""
    html = render_html(_page(model, options))
    hold("render")
    settings = model.context.settings
    snippet = embed.embed_snippet(
        _title(options, settings),
        paths["html"].name,
        options.render.png_name,
        settings.chapters,
        settings.story,
    )
    return {paths["html"]: html.encode("utf-8"), paths["embed"]: snippet.encode("utf-8")}


def _drawn(drawing: Drawing, paths: dict[str, Path]) -> dict[Path, bytes]:
    """Stage 6, the image: the files the second process drew alongside."""
    if not drawing.kinds:
        return {}
    with _stage("image") as say:
        images = drawing.files()
        sizes = (f"{kind} {len(images[paths[kind]]):,} bytes" for kind in drawing.kinds)
        say.append(", ".join(sizes) + ", drawn alongside")
    return images


def _write(files: dict[Path, bytes], inputs: list[Path], summary: str) -> None:
    """Stage 7: every file or none."""
    with _stage("write") as say:
        write_all(files, inputs)
        say.append(summary)


def _title(options: BuildOptions, settings) -> str:
    return options.render.title or settings.map["title"]


def _resolved(options: BuildOptions) -> BuildOptions:
    """A date asked for (``--as-of``) without a chapter opens the map in Explore at that date:
    each chapter has a date of its own."""
    if options.as_of is None or options.render.chapter is not None:
        return options
    render = dataclasses.replace(options.render, chapter=story.EXPLORE)
    return dataclasses.replace(options, render=render)


def _named(options: BuildOptions, paths: dict[str, Path]) -> BuildOptions:
    """The options with the names of the files beside the page (image, card, the page's own)."""
    render = dataclasses.replace(
        options.render,
        png_name=paths["png"].name if "png" in paths else None,
        card_name=paths["card"].name if "card" in paths else None,
        page_name=paths["html"].name,
    )
    return dataclasses.replace(options, render=render)


def _check_outputs(paths: dict[str, Path], inputs: list[Path]) -> None:
    problems = check_outputs(paths.values(), inputs)  # before the work, and again at the write
    if problems:
        raise InputError(problems)


def _say_share(options: BuildOptions, paths: dict[str, Path]) -> None:
    """Without a base URL the share card is written but nothing points to it: say so."""
    if "card" in paths and not options.render.base_url:
        log.info(
            "no --base-url: %s is written, but the page has no share tags (Open Graph, "
            "Twitter card) or canonical link, which need the published address",
            paths["card"].name,
        )


def _inputs(options: BuildOptions) -> list[Path]:
    data_dir = options.data_dir or files.default_data_dir()
    inputs = input_paths(data_dir, layer_inputs(), options.members, options.events)
    if options.lang != locale.DEFAULT:
        inputs.append(translate.language_file(data_dir, options.lang))
    return inputs


def _language_files(options: BuildOptions, paths: dict[str, Path]):
    """:func:`_files` in a worker process; its log lines name the language."""
    logging.basicConfig(
        level=logging.INFO, format=f"mapgen [{options.lang}]: %(message)s", force=True
    )
    logging.getLogger("mapgen").setLevel(options.log_level)
    return _files(options, paths)


def build_languages(options: BuildOptions, langs: list[str]) -> dict[str, dict[str, Path]]:
    """Build the map in each of ``langs`` (``de``, ``fr`` …), each to ``<stem>.<lang>.html``
    with its PNG and embed snippet, one process a language (as many at once as there are
    cores), and write all of them or none. Each page links the others (``hreflang``).
    """
    options = _resolved(options)
    plans = {}
    outs = {lang: page_out(dataclasses.replace(options, lang=lang), several=True) for lang in langs}
    versions = tuple((lang, out.name) for lang, out in outs.items())
    for lang in langs:
        paths = _wanted(output_paths(outs[lang]), options)
        render = dataclasses.replace(options.render, versions=versions)
        level = logging.getLogger("mapgen").getEffectiveLevel()
        plans[lang] = (
            dataclasses.replace(options, lang=lang, render=render, log_level=level),
            paths,
        )
    workers = max(1, min(len(langs), os.cpu_count() or 1))
    context = multiprocessing.get_context("spawn")  # no fork of this process's threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {lang: pool.submit(_language_files, *plan) for lang, plan in plans.items()}
        problems, files, inputs = [], {}, []
        for future in futures.values():
            try:
                built, read = future.result()
            except InputError as err:
                problems += [p for p in err.problems if p not in problems]
                continue
            files |= built
            inputs += [p for p in read if p not in inputs]
    if problems:
        raise InputError(problems)
    _write(files, inputs, f"{len(files)} files in {len(langs)} languages")
    _say_share(options, plans[langs[0]][1])
    return {lang: paths for lang, (_options, paths) in plans.items()}
