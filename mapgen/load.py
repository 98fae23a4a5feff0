"""Stage 1, load: read shapes, members and settings from data/, checking everything."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from mapgen import config
from mapgen.errors import InputError, Problem
from mapgen.tables import Column, read_table

log = logging.getLogger("mapgen")

SHAPE_FILES = (
    "countries.geojson",
    "ukraine_admin1.geojson",
    "donbas_held.geojson",
    "seas.geojson",
)

MEMBER_COLUMNS = [
    Column("iso3", "iso3"),
    Column("name"),
    Column("accession_date", "date"),
    Column("source"),
]
EVENT_COLUMNS = [
    Column("date", "date"),
    Column("title"),
    Column("description"),
    Column("lat", "lat"),
    Column("lon", "lon"),
    Column("category"),
    Column("source"),
    Column("source_url", "url"),
]
BUILDUP_COLUMNS = [
    Column("name"),
    Column("lat", "lat"),
    Column("lon", "lon"),
    Column("reported"),
    Column("source"),
]
AREA_COLUMNS = [
    Column("shape_id"),
    Column("member_iso3", "iso3"),
    Column("name"),
    Column("accession_date", "date"),
    Column("source"),
]


@dataclass
class Sources:
    """Everything the later stages need, read and checked.

    Parameters
    ----------
    shapes : geopandas.GeoDataFrame
        One row per shape, indexed by ``shape_id`` (ADM0_A3, or e.g. ``DEU-GDR``, ``UKR-05``).
    members : pandas.DataFrame
        data/nato_members.csv.
    areas : pandas.DataFrame
        data/nato_enlargement_areas.csv: parts of members that joined on their own date.
    settings : config.Settings
        data/map.toml.
    events : pandas.DataFrame
        data/events.csv.
    buildup : pandas.DataFrame
        data/buildup_2021.csv: reported troop concentrations.
    """

    shapes: gpd.GeoDataFrame
    members: pd.DataFrame
    areas: pd.DataFrame
    settings: config.Settings
    events: pd.DataFrame
    buildup: pd.DataFrame


def load_shapes(geo_dir: Path) -> gpd.GeoDataFrame:
    """Read data/geo/*.geojson; repair invalid shapes with a warning, refuse empty ones."""
    frames = [gpd.read_file(geo_dir / name) for name in SHAPE_FILES]
    shapes = pd.concat(frames, ignore_index=True).set_index("shape_id")
    shapes = gpd.GeoDataFrame(shapes, geometry="geometry", crs=4326)
    problems = [
        Problem(str(geo_dir), None, None, f"shape id {sid} appears more than once")
        for sid in sorted(set(shapes.index[shapes.index.duplicated()]))
    ]
    problems += [
        Problem(str(geo_dir), None, None, f"shape {sid} is empty")
        for sid in shapes.index[shapes.geometry.is_empty | shapes.geometry.isna()]
    ]
    if problems:
        raise InputError(problems)
    invalid = ~shapes.geometry.is_valid
    for sid in shapes.index[invalid]:
        reason = shapely.is_valid_reason(shapes.geometry[sid])
        log.warning("warning: shape %s is invalid (%s); repaired with make_valid", sid, reason)
    if invalid.any():
        shapes.loc[invalid, "geometry"] = shapely.make_valid(shapes.geometry[invalid].values)
    return shapes


def _check_codes(table: pd.DataFrame, column: str, known, label: str, what: str) -> list[Problem]:
    return [
        Problem(label, int(row.line), column, f"{column} {getattr(row, column)!r} {what}")
        for row in table.itertuples()
        if getattr(row, column) not in known
    ]


def load_members(path: Path, shape_ids) -> pd.DataFrame:
    """Read the members table; every iso3 must name a country shape."""
    members = read_table(path, MEMBER_COLUMNS, key=("iso3",))
    problems = _check_codes(members, "iso3", set(shape_ids), str(path), "has no shape in data/geo")
    if problems:
        raise InputError(problems)
    return members


def load_areas(path: Path, shape_ids, member_codes) -> pd.DataFrame:
    """Read the parts of members that joined on a date of their own (the former GDR)."""
    areas = read_table(path, AREA_COLUMNS, key=("shape_id",))
    problems = _check_codes(
        areas, "shape_id", set(shape_ids), str(path), "has no shape in data/geo"
    ) + _check_codes(
        areas, "member_iso3", set(member_codes), str(path), "is not in the members table"
    )
    if problems:
        raise InputError(problems)
    return areas


def load_events(path: Path, categories: list[str]) -> pd.DataFrame:
    """Read the events table; every category must have a layer in map.toml."""
    events = read_table(path, EVENT_COLUMNS, key=("date", "title"))
    problems = _check_codes(
        events,
        "category",
        set(categories),
        str(path),
        f"is not one of the categories in map.toml ({', '.join(categories)})",
    )
    if problems:
        raise InputError(problems)
    return events.sort_values(["date", "title"], kind="stable").reset_index(drop=True)


def load(
    data_dir: Path, members_path: Path | None = None, events_path: Path | None = None
) -> Sources:
    """Read and check every input under ``data_dir``.

    Parameters
    ----------
    data_dir : Path
        A folder laid out like the project's data/.
    members_path : Path, optional
        Another members table, default ``data_dir / "nato_members.csv"``.
    events_path : Path, optional
        Another events table, default ``data_dir / "events.csv"``.

    Raises
    ------
    InputError
        With every problem found in the tables.
    """
    settings = config.load_settings(data_dir)
    shapes = load_shapes(data_dir / config.GEO_DIR)
    problems: list[Problem] = []
    members = areas = None
    try:
        members = load_members(members_path or data_dir / config.MEMBERS_FILE, shapes.index)
    except InputError as err:
        problems += err.problems
    try:
        codes = set(members["iso3"]) if members is not None else set(shapes.index)
        areas = load_areas(data_dir / config.AREAS_FILE, shapes.index, codes)
    except InputError as err:
        problems += err.problems
    events = buildup = None
    try:
        categories = settings.layers["events"]["categories"]
        events = load_events(events_path or data_dir / config.EVENTS_FILE, categories)
    except InputError as err:
        problems += err.problems
    try:
        buildup = read_table(data_dir / config.BUILDUP_FILE, BUILDUP_COLUMNS, key=("name",))
    except InputError as err:
        problems += err.problems
    if problems:
        raise InputError(problems)
    return Sources(
        shapes=shapes,
        members=members,
        areas=areas,
        settings=settings,
        events=events,
        buildup=buildup,
    )
