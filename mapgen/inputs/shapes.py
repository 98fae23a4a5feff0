"""The shapes of data/geo (FlatGeobuf), read and checked: one GeoDataFrame by ``shape_id``."""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from mapgen.errors import InputError, Problem, check_input, display_path
from mapgen.inputs.files import SHAPE_FILES

log = logging.getLogger("mapgen")

NUMBERS = ("label_rank", "label_lon", "label_lat", "area_km2", "town_count")
# The columns every shape file needs, and those of the files that carry more.
SHAPE_COLUMNS = ("shape_id", "name", "kind")
MORE_COLUMNS = {
    "countries.fgb": ("part_of", "label_rank", "label_lon", "label_lat"),
    "ukraine_admin1.fgb": ("part_of",),
    "donbas_held.fgb": ("area_km2", "town_count"),
    "seas.fgb": ("area_km2",),
}


def _read_shapes(path: Path) -> gpd.GeoDataFrame:
    """One FlatGeobuf file, or InputError saying why it cannot be read."""
    label = display_path(path)
    check_input(path, label)
    try:
        frame = gpd.read_file(path)
    except Exception as err:  # noqa: BLE001 (GDAL and pyogrio raise many kinds for a bad file)
        message = f"cannot be read as FlatGeobuf ({type(err).__name__}: {err}); is it truncated?"
        raise InputError([Problem(label, None, None, message)]) from None
    needed = SHAPE_COLUMNS + MORE_COLUMNS.get(path.name, ())
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        message = f"lacks the column(s) {', '.join(missing)}; regenerate it with scripts/"
        raise InputError([Problem(label, None, None, message)])
    problems = [
        Problem(label, None, column, f"column {column} must hold a number in every row")
        for column in needed
        if column in NUMBERS
        and (not pd.api.types.is_numeric_dtype(frame[column]) or frame[column].isna().any())
    ]
    kinds = frame.geometry.geom_type
    problems += [
        Problem(label, None, None, f"shape {sid} is a {kind}, not a polygon")
        for sid, kind in zip(frame["shape_id"], kinds, strict=True)
        if isinstance(kind, str) and kind not in ("Polygon", "MultiPolygon")
    ]
    if problems:
        raise InputError(problems)
    return frame.assign(file=label)


def shape_files(required: dict[str, tuple[str, ...]]) -> list[str]:
    """The files of data/geo a build reads: the core ones, then any other a layer draws from."""
    return [*SHAPE_FILES, *(name for name in required if name not in SHAPE_FILES)]


def _missing(frames: dict, required: dict, geo_dir: Path) -> list[Problem]:
    """The shapes the layers draw by id that their file lacks."""
    problems = []
    for name, ids in required.items():
        missing = [
            sid for sid in ids if name in frames and sid not in set(frames[name]["shape_id"])
        ]
        if missing:
            message = f"lacks the shape(s) {', '.join(missing)}, which the layers draw"
            problems.append(Problem(display_path(geo_dir / name), None, None, message))
    return problems


def load_shapes(geo_dir: Path, required: dict[str, tuple[str, ...]]) -> gpd.GeoDataFrame:
    """Read data/geo/*.fgb (FlatGeobuf); repair invalid shapes with a warning, refuse empty ones.

    Parameters
    ----------
    geo_dir : Path
    required : dict of str to tuple of str
        The shapes the layers draw by id, by the file that must hold them.
    """
    frames, problems = {}, []
    for name in shape_files(required):
        try:
            frames[name] = _read_shapes(geo_dir / name)
        except InputError as err:
            problems += err.problems
    problems += _missing(frames, required, geo_dir)
    if problems:
        raise InputError(problems)
    shapes = pd.concat(frames.values(), ignore_index=True)
    problems = [
        Problem(row.file, None, None, f"shape id {row.shape_id} appears more than once")
        for row in shapes[shapes["shape_id"].duplicated()].itertuples()
    ]
    problems += [
        Problem(row.file, None, None, f"shape {row.shape_id} is empty")
        for row in shapes[shapes.geometry.is_empty | shapes.geometry.isna()].itertuples()
    ]
    if problems:
        raise InputError(problems)
    shapes = gpd.GeoDataFrame(shapes.set_index("shape_id"), geometry="geometry", crs=4326)
    invalid = ~shapes.geometry.is_valid
    for sid in shapes.index[invalid]:
        reason = shapely.is_valid_reason(shapes.geometry[sid])
        log.warning(
            "%s: warning: shape %s is invalid (%s); repaired with make_valid",
            shapes.at[sid, "file"],
            sid,
            reason,
        )
    if invalid.any():
        shapes.loc[invalid, "geometry"] = shapely.make_valid(shapes.geometry[invalid].values)
    return shapes
