"""Stage 1, load: read and check everything in data/, as the layers declare they need it.

The layers' declarations (:func:`mapgen.layers.inputs`: their map.toml tables, CSV tables,
shapes and colours) come in from the pipeline; nothing here imports the layers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from mapgen.errors import InputError, Problem, display_path
from mapgen.inputs import core
from mapgen.inputs.declared import LayerInputs
from mapgen.inputs.files import GEO_DIR, SETTINGS_FILE
from mapgen.inputs.settings import Settings, load_settings
from mapgen.inputs.shapes import load_shapes, shape_files
from mapgen.inputs.tables import Table

__all__ = ["LayerInputs", "Settings", "Sources", "input_paths", "load", "table_declarations"]


@dataclass
class Sources:
    """Everything the later stages need, read and checked.

    Parameters
    ----------
    shapes : geopandas.GeoDataFrame
        One row per shape, indexed by ``shape_id`` (ADM0_A3, or e.g. ``DEU-GDR``, ``UKR-05``).
    settings : Settings
        data/map.toml.
    tables : dict of str to pandas.DataFrame
        Every CSV table by name: ``members``, ``areas``, ``articles`` and those the layers
        read (``events``, ``posture`` …).
    declared : dict of str to Table
        How each table is declared: its file, columns and translated columns.
    """

    shapes: gpd.GeoDataFrame
    settings: Settings
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    declared: dict[str, Table] = field(default_factory=dict, repr=False)

    @property
    def members(self) -> pd.DataFrame:
        """data/nato_members.csv."""
        return self.tables["members"]

    @property
    def areas(self) -> pd.DataFrame:
        """data/nato_enlargement_areas.csv: parts of members that joined on their own date."""
        return self.tables["areas"]

    @property
    def articles(self) -> pd.DataFrame:
        """data/draft_articles.csv: every article of both drafts and where the map shows it."""
        return self.tables["articles"]


def table_declarations(declared: dict[str, LayerInputs]) -> dict[str, Table]:
    """Every table a build reads, by name: the core ones, then the layers'."""
    tables = {table.name: table for table in core.CORE_TABLES}
    return tables | {i.table.name: i.table for i in declared.values() if i.table is not None}


def _required_shapes(declared: dict[str, LayerInputs]) -> dict[str, tuple[str, ...]]:
    """The shapes the layers draw by id, by the file that must hold them."""
    required: dict[str, tuple[str, ...]] = {}
    for layer in declared.values():
        for name, ids in layer.shapes.items():
            required[name] = required.get(name, ()) + tuple(ids)
    return required


def input_paths(
    data_dir: Path,
    declared: dict[str, LayerInputs],
    members: Path | None = None,
    events: Path | None = None,
) -> list[Path]:
    """Every file a build reads (none of them may ever be an output)."""
    files = [SETTINGS_FILE, *(table.file for table in table_declarations(declared).values())]
    shapes = shape_files(_required_shapes(declared))
    paths = [data_dir / name for name in files] + [data_dir / GEO_DIR / s for s in shapes]
    return paths + [p for p in (members, events) if p is not None]


def _checked(problems: list[Problem], read, *args, **kwargs):
    """``read(*args, **kwargs)``, or None with its problems added to ``problems``: a run
    reports the problems of every file it can read."""
    try:
        return read(*args, **kwargs)
    except InputError as err:
        problems += err.problems
        return None


def _member_tables(data_dir, settings, shapes, members, problems) -> dict:
    """The members and the areas, their codes checked against the shapes."""
    tables = {}
    if shapes is not None:  # the tables' country codes are checked against the shapes
        if settings is not None:
            problems += core.unknown_codes(settings, shapes.index)
        members_file = members or data_dir / core.MEMBERS.file
        tables["members"] = _checked(problems, core.load_members, members_file, shapes.index)
        found = tables["members"]
        codes = set(found["iso3"]) if found is not None else set(shapes.index)
        areas_file = data_dir / core.AREAS.file
        tables["areas"] = _checked(problems, core.load_areas, areas_file, shapes.index, codes)
    return tables


def load(
    data_dir: Path,
    declared: dict[str, LayerInputs],
    members: Path | None = None,
    events: Path | None = None,
) -> Sources:
    """Read and check every input under ``data_dir``.

    Parameters
    ----------
    data_dir : Path
        A folder laid out like the project's data/.
    declared : dict of str to LayerInputs
        What each registered layer reads, by its name (:func:`mapgen.layers.inputs`).
    members : Path, optional
        Another members table, default ``data_dir / "nato_members.csv"``.
    events : Path, optional
        Another events table, default ``data_dir / "events.csv"``.

    Raises
    ------
    InputError
        With every problem found in the tables.
    """
    if not data_dir.is_dir():
        raise InputError([Problem(display_path(data_dir), None, None, "no such folder")])
    problems: list[Problem] = []
    settings = _checked(problems, load_settings, data_dir, declared)
    shapes = _checked(problems, load_shapes, data_dir / GEO_DIR, _required_shapes(declared))
    tables = _member_tables(data_dir, settings, shapes, members, problems)
    paths = {"events": events}  # the tables a build may be given another file of
    for name, layer in declared.items():
        table = layer.table
        if table is None or (table.choices and settings is None):
            continue  # a table whose values map.toml names waits for a readable map.toml
        spec = settings.layers.get(name, {}) if settings is not None else {}
        path = paths.get(table.name) or data_dir / table.file
        tables[table.name] = _checked(problems, table.read, path, spec)
    # the articles name the layers that show them: the registered ones
    articles_file = data_dir / core.ARTICLES.file
    tables["articles"] = _checked(problems, core.load_articles, articles_file, declared)
    if problems:
        raise InputError(problems)
    return Sources(shapes, settings, tables, table_declarations(declared))
