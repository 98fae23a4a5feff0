"""Where the data lives: the core files of a data folder (laid out like the project's data/).

The tables a layer reads are named by the layer (``TABLE`` in its module of
:mod:`mapgen.layers`); these are the files the map needs whatever its layers.
"""

from __future__ import annotations

from pathlib import Path

SETTINGS_FILE = "map.toml"
SCHEMA_FILE = "map.schema.json"  # map.toml's JSON Schema, for an editor (mapgen.inputs.json_schema)
MEMBERS_FILE = "nato_members.csv"
AREAS_FILE = "nato_enlargement_areas.csv"
ARTICLES_FILE = "draft_articles.csv"
GEO_DIR = "geo"
I18N_DIR = "i18n"
# The shape files of data/geo (scripts/ writes them), in the order they are read.
SHAPE_FILES = (
    "countries.fgb",
    "ukraine_admin1.fgb",
    "donbas_held.fgb",
    "seas.fgb",
)


def bundled_data_dir() -> Path:
    """The data/ shipped with mapgen: ``mapgen/data`` in a wheel, the checkout's ``data/``
    in an editable install."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "data"
    return installed if (installed / MEMBERS_FILE).is_file() else package.parent / "data"


def default_data_dir(cwd: Path | None = None) -> Path:
    """``./data`` if the current folder has one (an editor's edits win), else the bundled copy."""
    local = (cwd or Path.cwd()) / "data"
    return local if (local / MEMBERS_FILE).is_file() else bundled_data_dir()
