"""Stage 1, load: read shapes, members and settings from data/, checking everything."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from mapgen import config
from mapgen.errors import InputError, Problem, check_input, display_path
from mapgen.tables import Column, read_table

log = logging.getLogger("mapgen")

SHAPE_FILES = (
    "countries.fgb",
    "ukraine_admin1.fgb",
    "donbas_held.fgb",
    "seas.fgb",
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
    Column("place"),
    Column("category"),
    Column("source"),
    Column("source_url", "url"),
]
BUILDUP_COLUMNS = [
    Column("name"),
    Column("lat", "lat"),
    Column("lon", "lon"),
    Column("reported", "month"),
    Column("source"),
]
POSTURE_COLUMNS = [
    Column("kind"),
    Column("name"),
    Column("iso3", "iso3"),
    Column("lat", "lat"),
    Column("lon", "lon"),
    Column("position"),
    Column("since", "date"),
    Column("source"),
    Column("source_url", "url"),
]
NUCLEAR_COLUMNS = [
    Column("name"),
    Column("iso3", "iso3"),
    Column("lat", "lat"),
    Column("lon", "lon"),
    Column("source"),
    Column("source_url", "url"),
]
ARTICLE_COLUMNS = [
    Column("document"),
    Column("article", "count"),
    Column("summary"),
    Column("on_map", required=False),
    Column("not_mapped", required=False),
    Column("source"),
    Column("source_url", "url"),
]
DOCUMENTS = ("treaty", "agreement")  # the draft treaty with the US, the draft agreement with NATO
AREA_COLUMNS = [
    Column("shape_id"),
    Column("member_iso3", "iso3"),
    Column("name"),
    Column("accession_date", "date"),
    Column("event"),
    Column("source"),
]


def _unknown_codes(settings: config.Settings, shape_ids) -> list[Problem]:
    """The country codes map.toml names (``iso3`` lists) that have no shape."""
    problems = []
    for layer, spec in settings.layers.items():
        for key, value in spec.items():
            if key == "iso3":
                missing = [code for code in value if code not in shape_ids]
                if missing:
                    problems.append(
                        settings.problem(
                            f"layers.{layer}.{key}",
                            f"names {', '.join(missing)}, which have no shape in data/geo",
                        )
                    )
    return problems


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
    posture : pandas.DataFrame
        data/posture_1997.csv: allied forces stationed since 1997 in the states that joined after.
    nuclear : pandas.DataFrame
        data/nuclear_sites_reported.csv: where US nuclear bombs are reported to be stored.
    articles : pandas.DataFrame
        data/draft_articles.csv: every article of both drafts and where the map shows it.
    """

    shapes: gpd.GeoDataFrame
    members: pd.DataFrame
    areas: pd.DataFrame
    settings: config.Settings
    events: pd.DataFrame
    buildup: pd.DataFrame
    posture: pd.DataFrame
    nuclear: pd.DataFrame
    articles: pd.DataFrame


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


def _required_shapes() -> dict[str, tuple[str, ...]]:
    """The shapes a layer draws by id, by the file that must hold them."""
    from mapgen.layers import donbas

    return {
        "ukraine_admin1.fgb": donbas.OBLASTS + donbas.CRIMEA,
        "donbas_held.fgb": (donbas.HELD,),
    }


def load_shapes(geo_dir: Path) -> gpd.GeoDataFrame:
    """Read data/geo/*.fgb (FlatGeobuf); repair invalid shapes with a warning, refuse empty ones."""
    frames, problems = {}, []
    for name in SHAPE_FILES:
        try:
            frames[name] = _read_shapes(geo_dir / name)
        except InputError as err:
            problems += err.problems
    for name, ids in _required_shapes().items():
        missing = [
            sid for sid in ids if name in frames and sid not in set(frames[name]["shape_id"])
        ]
        if missing:
            message = f"lacks the shape(s) {', '.join(missing)}, which the layers draw"
            problems.append(Problem(display_path(geo_dir / name), None, None, message))
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


def _column(columns: list[Column], name: str, choices, unknown: str) -> list[Column]:
    return [c.with_choices(choices, unknown) if c.name == name else c for c in columns]


def load_members(path: Path, shape_ids) -> pd.DataFrame:
    """Read the members table; every iso3 must name a country shape."""
    columns = _column(MEMBER_COLUMNS, "iso3", shape_ids, "has no shape in data/geo")
    return read_table(path, columns, key=("iso3",), min_rows=1)


def load_areas(path: Path, shape_ids, member_codes) -> pd.DataFrame:
    """Read the parts of members that joined on a date of their own (the former GDR)."""
    columns = _column(AREA_COLUMNS, "shape_id", shape_ids, "has no shape in data/geo")
    columns = _column(columns, "member_iso3", member_codes, "is not in the members table")
    return read_table(path, columns, key=("shape_id",))


def load_articles(path: Path) -> pd.DataFrame:
    """Read the index of the drafts' articles: each names the layers that show it (modules of
    :data:`mapgen.layers.REGISTRY`) or says why none does."""
    from mapgen.layers import REGISTRY

    columns = _column(
        ARTICLE_COLUMNS, "document", DOCUMENTS, f"is not one of {', '.join(DOCUMENTS)}"
    )
    articles = read_table(path, columns, key=("document", "article"))
    label, problems = display_path(path), []

    def names(value) -> list[str]:
        return [n.strip() for n in value.split(";") if n.strip()] if isinstance(value, str) else []

    for row, layers in zip(articles.itertuples(), map(names, articles["on_map"]), strict=True):
        unknown = [name for name in layers if name not in REGISTRY]
        if unknown:
            message = (
                f"on_map {row.on_map!r} names no layer {', '.join(unknown)} ({', '.join(REGISTRY)})"
            )
            problems.append(Problem(label, row.line, "on_map", message))
        if not layers and not isinstance(row.not_mapped, str):
            problems.append(
                Problem(
                    label,
                    row.line,
                    "not_mapped",
                    "not_mapped is empty: say why the map does not show this article",
                )
            )
    if problems:
        raise InputError(problems)
    return articles.assign(layers=[names(v) for v in articles["on_map"]])


# The most events a page holds. Measured (bench/bench.py, events scaling): at 25,000 the page is
# within 4 times the gzipped size, load time and memory of the map with the story's events (2.8,
# 2.1 and 1.3 times, for events with a note each 3.3, 2.4, 1.9); at 100,000 it is 6 to 9 times
# as large and slow. More events than a reader can tell apart belong aggregated (by week and
# area), not as dots.
MAX_EVENTS = 25_000


def load_events(path: Path, categories: list[str]) -> pd.DataFrame:
    """Read the events table; every category must have a layer in map.toml; at most
    :data:`MAX_EVENTS` rows."""
    columns = _column(
        EVENT_COLUMNS,
        "category",
        categories,
        f"is not one of the categories in map.toml ({', '.join(categories)})",
    )
    events = read_table(path, columns, key=("date", "title"))
    if len(events) > MAX_EVENTS:
        line = int(events["line"].iloc[MAX_EVENTS])
        raise InputError(
            [
                Problem(
                    display_path(path),
                    line,
                    None,
                    f"row {MAX_EVENTS + 1:,} of {len(events):,}: a page holds at most "
                    f"{MAX_EVENTS:,} events (past that it grows to over 4 times the size, "
                    "load time or memory of the map with the story's events); aggregate them "
                    "first, e.g. by week and area",
                )
            ]
        )
    return events.sort_values(["date", "title"], kind="stable").reset_index(drop=True)


def input_paths(data_dir: Path, members: Path | None, events: Path | None) -> list[Path]:
    """Every file a build reads (none of them may ever be an output)."""
    tables = [
        config.SETTINGS_FILE,
        config.MEMBERS_FILE,
        config.AREAS_FILE,
        config.EVENTS_FILE,
        config.BUILDUP_FILE,
        config.POSTURE_FILE,
        config.NUCLEAR_FILE,
        config.ARTICLES_FILE,
    ]
    paths = [data_dir / name for name in tables] + [
        data_dir / config.GEO_DIR / name for name in SHAPE_FILES
    ]
    return paths + [p for p in (members, events) if p is not None]


def _checked(problems: list[Problem], read, *args, **kwargs):
    """``read(*args, **kwargs)``, or None with its problems added to ``problems``: a run
    reports the problems of every file it can read."""
    try:
        return read(*args, **kwargs)
    except InputError as err:
        problems += err.problems
        return None


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
    if not data_dir.is_dir():
        raise InputError([Problem(display_path(data_dir), None, None, "no such folder")])
    problems: list[Problem] = []
    settings = _checked(problems, config.load_settings, data_dir)
    shapes = _checked(problems, load_shapes, data_dir / config.GEO_DIR)
    members = areas = events = None
    if settings is not None and shapes is not None:
        problems += _unknown_codes(settings, shapes.index)
    if shapes is not None:  # the tables' country codes are checked against the shapes
        members_file = members_path or data_dir / config.MEMBERS_FILE
        members = _checked(problems, load_members, members_file, shapes.index)
        codes = set(members["iso3"]) if members is not None else set(shapes.index)
        areas = _checked(problems, load_areas, data_dir / config.AREAS_FILE, shapes.index, codes)
    if settings is not None:  # the events' categories are map.toml's
        categories = settings.layers["events"]["categories"]
        events_file = events_path or data_dir / config.EVENTS_FILE
        events = _checked(problems, load_events, events_file, categories)
    buildup_file = data_dir / config.BUILDUP_FILE
    buildup = _checked(problems, read_table, buildup_file, BUILDUP_COLUMNS, key=("name",))
    posture_file, nuclear_file = data_dir / config.POSTURE_FILE, data_dir / config.NUCLEAR_FILE
    posture = _checked(problems, read_table, posture_file, POSTURE_COLUMNS, key=("name",))
    nuclear = _checked(problems, read_table, nuclear_file, NUCLEAR_COLUMNS, key=("name",))
    articles = _checked(problems, load_articles, data_dir / config.ARTICLES_FILE)
    if problems:
        raise InputError(problems)
    return Sources(
        shapes=shapes,
        members=members,
        areas=areas,
        settings=settings,
        events=events,
        buildup=buildup,
        posture=posture,
        nuclear=nuclear,
        articles=articles,
    )
