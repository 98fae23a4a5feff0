"""Where the data lives and what data/map.toml says."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MEMBERS_FILE = "nato_members.csv"
AREAS_FILE = "nato_enlargement_areas.csv"
EVENTS_FILE = "events.csv"
BUILDUP_FILE = "buildup_2021.csv"
SETTINGS_FILE = "map.toml"
GEO_DIR = "geo"


def bundled_data_dir() -> Path:
    """The data/ shipped with mapgen: ``mapgen/data`` in a wheel, the checkout's ``data/``
    in an editable install."""
    package = Path(__file__).resolve().parent
    installed = package / "data"
    return installed if (installed / MEMBERS_FILE).is_file() else package.parent / "data"


def default_data_dir(cwd: Path | None = None) -> Path:
    """``./data`` if the current folder has one (an editor's edits win), else the bundled copy."""
    local = (cwd or Path.cwd()) / "data"
    return local if (local / MEMBERS_FILE).is_file() else bundled_data_dir()


@dataclass
class Settings:
    """The map's texts, colours and dates, from data/map.toml.

    Parameters
    ----------
    map : dict
        Title, subtitle, credit, view and dates.
    style : dict
        Colours.
    layers : dict
        One table of texts per layer module.
    description : dict
        Templates of the text description.
    """

    map: dict
    style: dict
    layers: dict = field(default_factory=dict)
    description: dict = field(default_factory=dict)

    @property
    def baseline_date(self) -> date:
        return date.fromisoformat(self.map["baseline_date"])

    @property
    def default_as_of(self) -> date:
        return date.fromisoformat(self.map["default_as_of"])


def load_settings(data_dir: Path) -> Settings:
    """Read data/map.toml."""
    with open(data_dir / SETTINGS_FILE, "rb") as f:
        raw = tomllib.load(f)
    return Settings(
        map=raw["map"],
        style=raw["style"],
        layers=raw.get("layers", {}),
        description=raw.get("description", {}),
    )
