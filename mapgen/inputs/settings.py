"""What data/map.toml says: the map's texts, colours and dates, read and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mapgen.errors import InputError, Problem, display_path, read_input
from mapgen.inputs import schema
from mapgen.inputs.files import SETTINGS_FILE
from mapgen.inputs.kinds import iso_date
from mapgen.inputs.toml import key_lines, parse_toml
from mapgen.texts import fill


@dataclass
class Settings:
    """The map's texts, colours and dates, from data/map.toml, checked against
    :mod:`mapgen.inputs.schema`. Every date is a YYYY-MM-DD text.

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
    timeline : dict
        Templates of the timeline's labels.
    articles : dict
        Texts of the index of the drafts' articles.
    story : dict
        Texts of the chapter stepper.
    embed : dict
        Texts of the page in an article: the hints on scrolling and moving the map.
    ui : dict
        The page's own words: controls, the members table, the download.
    chapters : list of dict
        The story's steps, in order: id, title, text, bounds, as_of, layers, sources.
    label : str
        How the file is named in messages.
    lines : dict
        The line of each key, by dotted name (``layers.seas.name``), for located messages.
    raw : dict
        map.toml as read and checked, before its texts are filled: what a language file of
        data/i18n translates (:mod:`mapgen.inputs.translate`).
    tables : dict
        The tables map.toml may have, with their keys (:func:`mapgen.inputs.schema.tables`).
    """

    map: dict
    style: dict
    layers: dict = field(default_factory=dict)
    description: dict = field(default_factory=dict)
    timeline: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)
    story: dict = field(default_factory=dict)
    embed: dict = field(default_factory=dict)
    ui: dict = field(default_factory=dict)
    chapters: list = field(default_factory=list)
    label: str = SETTINGS_FILE
    lines: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict, repr=False)  # map.toml as read, for data/i18n
    tables: dict = field(default_factory=dict, repr=False)

    @property
    def baseline_date(self) -> date:
        return date.fromisoformat(self.map["baseline_date"])

    @property
    def default_as_of(self) -> date:
        return date.fromisoformat(self.map["default_as_of"])

    def problem(self, key: str, message: str) -> Problem:
        """A located problem with the value of ``key`` (dotted)."""
        return Problem(self.label, self.lines.get(key, 1), key, f"key '{key}' {message}")


def _as_read(raw: dict) -> dict:
    """The texts that take no placeholder, as the reader will see them, and every date as
    YYYY-MM-DD. In every text of map.toml ``{{`` and ``}}`` write a literal brace; texts with
    placeholders are filled in (:func:`mapgen.texts.fill`) where they are used."""
    out = {name: dict(table) if isinstance(table, dict) else table for name, table in raw.items()}
    out["layers"] = {name: dict(table) for name, table in raw.get("layers", {}).items()}
    out["chapters"] = [_normalised(dict(c), schema.CHAPTER) for c in raw.get("chapters", [])]
    return out


def _normalised(table: dict, keys: dict) -> dict:
    for key, spec in keys.items():
        if key not in table:
            continue
        if spec.kind == "date":
            table[key] = iso_date(table[key])
        if spec.placeholders:
            continue
        if spec.kind == "text":
            table[key] = fill(table[key])
        elif spec.kind == "texts":
            table[key] = [fill(item) for item in table[key]]
        elif spec.kind == "sources":
            table[key] = [[fill(who), link] for who, link in table[key]]
    return table


def load_settings(data_dir: Path, declared: dict) -> Settings:
    """Read data/map.toml and check it against :mod:`mapgen.inputs.schema`.

    Parameters
    ----------
    data_dir : Path
    declared : dict of str to LayerInputs
        What the layers read (:func:`mapgen.layers.inputs`): their tables of map.toml.

    Raises
    ------
    InputError
        Every problem, located: ``data/map.toml:12: key 'map.zoom' …``.
    """
    path = data_dir / SETTINGS_FILE
    label = display_path(path)
    raw, source = parse_toml(read_input(path, label), label)
    lines, tables = key_lines(source), schema.tables(declared)
    problems = schema.check(raw, lines, tables)
    if problems:
        raise InputError([Problem(label, line, None, message) for line, message in problems])
    return settings_from(raw, Settings({}, {}, label=label, lines=lines, tables=tables))


def settings_from(raw: dict, like: Settings) -> Settings:
    """Settings from a checked map.toml ``raw`` (or its translation), labelled as ``like``
    and with its tables."""
    checked = raw
    raw = _as_read(raw)
    for _name, keys, table in schema.each_table(raw, like.tables):
        if table is not None:
            _normalised(table, keys)
    return Settings(
        map=dict(raw["map"]),
        style=raw["style"],
        layers=raw.get("layers", {}),
        description=raw.get("description", {}),
        timeline=raw.get("timeline", {}),
        articles=raw.get("articles", {}),
        story=raw.get("story", {}),
        embed=raw.get("embed", {}),
        ui=raw.get("ui", {}),
        chapters=[{**chapter, "index": index} for index, chapter in enumerate(raw["chapters"])],
        label=like.label,
        lines=like.lines,
        raw=checked,
        tables=like.tables,
    )
