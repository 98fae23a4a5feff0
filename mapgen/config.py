"""Where the data lives and what data/map.toml says."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mapgen import schema
from mapgen.errors import InputError, Problem, display_path, read_input
from mapgen.texts import fill

MEMBERS_FILE = "nato_members.csv"
AREAS_FILE = "nato_enlargement_areas.csv"
EVENTS_FILE = "events.csv"
BUILDUP_FILE = "buildup_2021.csv"
POSTURE_FILE = "posture_1997.csv"
NUCLEAR_FILE = "nuclear_sites_reported.csv"
ARTICLES_FILE = "draft_articles.csv"
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
    """The map's texts, colours and dates, from data/map.toml, checked against
    :mod:`mapgen.schema`.

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
        data/i18n translates (:mod:`mapgen.i18n`).
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

    @property
    def baseline_date(self) -> date:
        return date.fromisoformat(self.map["baseline_date"])

    @property
    def default_as_of(self) -> date:
        return date.fromisoformat(self.map["default_as_of"])

    def problem(self, key: str, message: str) -> Problem:
        """A located problem with the value of ``key`` (dotted)."""
        return Problem(self.label, self.lines.get(key, 1), key, f"key '{key}' {message}")


_TOML_AT = re.compile(r"(.*) \(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"(.*) \(at end of document\)$")


def parse_toml(raw: bytes, label: str) -> tuple[dict, str]:
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = f"is not UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8"
        raise InputError([Problem(label, line, None, message)]) from None
    try:
        return tomllib.loads(source), source
    except RecursionError:
        message = "invalid TOML: arrays or tables nested too deeply"
        raise InputError([Problem(label, None, None, message)]) from None
    except tomllib.TOMLDecodeError as err:
        found = _TOML_AT.fullmatch(str(err))
        end = _TOML_END.fullmatch(str(err))
        if end:
            line = source.count("\n") + 1
            message = f"invalid TOML at the end of the file: {end.group(1)}"
            raise InputError([Problem(label, line, None, message)]) from None
        if not found:
            raise InputError([Problem(label, None, None, f"invalid TOML: {err}")]) from None
        what, line, column = found.groups()
        message = f"invalid TOML at column {column}: {what}"
        raise InputError([Problem(label, int(line), None, message)]) from None


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, date) else value


def _literal_texts(raw: dict) -> dict:
    """The texts that take no placeholder, as the reader will see them: in every text of
    map.toml ``{{`` and ``}}`` write a literal brace; texts with placeholders are filled in
    (:func:`mapgen.texts.fill`) where they are used."""
    out = {name: dict(table) if isinstance(table, dict) else table for name, table in raw.items()}
    out["layers"] = {name: dict(table) for name, table in raw.get("layers", {}).items()}
    out["chapters"] = [_literal(dict(c), schema.CHAPTER) for c in raw.get("chapters", [])]
    for name, keys in schema.tables().items():
        head, _, rest = name.partition(".")
        table = out[head][rest] if rest else out.get(head)
        if table is None:
            continue
        _literal(table, keys)
    return out


def _literal(table: dict, keys: dict) -> dict:
    for key, spec in keys.items():
        if key not in table or spec.placeholders:
            continue
        if spec.kind == "text":
            table[key] = fill(table[key])
        elif spec.kind == "texts":
            table[key] = [fill(item) for item in table[key]]
        elif spec.kind == "sources":
            table[key] = [[fill(who), link] for who, link in table[key]]
    return table


def load_settings(data_dir: Path) -> Settings:
    """Read data/map.toml and check it against :mod:`mapgen.schema`.

    Raises
    ------
    InputError
        Every problem, located: ``data/map.toml:12: key 'map.zoom' …``.
    """
    path = data_dir / SETTINGS_FILE
    label = display_path(path)
    raw, source = parse_toml(read_input(path, label), label)
    problems = schema.check(raw, source)
    if problems:
        raise InputError([Problem(label, line, None, message) for line, message in problems])
    return settings_from(raw, Settings({}, {}, label=label, lines=schema.key_lines(source)))


def settings_from(raw: dict, like: Settings) -> Settings:
    """Settings from a checked map.toml ``raw`` (or its translation), labelled as ``like``."""
    checked = raw
    raw = _literal_texts(raw)
    view = dict(raw["map"])
    for key in ("default_as_of", "baseline_date"):
        view[key] = _iso(view[key])
    return Settings(
        map=view,
        style=raw["style"],
        layers=raw.get("layers", {}),
        description=raw.get("description", {}),
        timeline=raw.get("timeline", {}),
        articles=raw.get("articles", {}),
        story=raw.get("story", {}),
        embed=raw.get("embed", {}),
        ui=raw.get("ui", {}),
        chapters=[
            {**chapter, "as_of": _iso(chapter["as_of"]), "index": index}
            for index, chapter in enumerate(raw.get("chapters", []))
        ],
        label=like.label,
        lines=like.lines,
        raw=checked,
    )
