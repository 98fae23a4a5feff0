"""The declared shape of data/map.toml, and the check that holds the file to it.

Every key has a kind (text, URL, colour, date, number …), texts list the placeholders they may
use, unknown keys are refused, and every problem is reported at once with its line:
``data/map.toml:12: key 'layers.seas.name' …``. The layer modules declare their own tables
(``SPEC`` in each module of :mod:`mapgen.layers`); the map, style and description tables are
declared here.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from mapgen import texts

TEXT_MAX = 5000  # characters: the longest text a popup or caption can honestly hold
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_ISO3 = re.compile(r"[A-Z]{3}", re.ASCII)
_URL = re.compile(r"https?://[^\s\"'<>\\]+", re.ASCII)
_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def word_count(value: str) -> int:
    """Words, not punctuation: French sets « », : and ; apart with spaces, and a number
    grouped with a space (14 000) is one word."""
    value = re.sub(r"(?<=\d)[\u00a0\u202f ](?=\d{3}\b)", "", value)
    return sum(any(c.isalnum() for c in token) for token in value.split())


def visible(value: str) -> bool:
    """Whether a text has a character a reader sees (not only spaces or zero-width marks)."""
    return any(unicodedata.category(c)[0] not in "CZ" for c in value)


@dataclass(frozen=True)
class Key:
    """One declared key: its kind, whether it must be there, the placeholders a text may
    use, and the range of a number."""

    kind: str = "text"
    required: bool = True
    placeholders: tuple[str, ...] = ()
    low: float = -math.inf
    high: float = math.inf
    words: int = 0  # a text of at most this many words (0: no limit)
    # Read by the reader, so each language file of data/i18n gives it in its language. Texts
    # and sources are; lists of texts only when they say so (others are ids: layers, seas).
    translated: bool | None = None
    # A text whose wording follows this number placeholder ("30 members", "30 членов"): a
    # language file may give it as a table of CLDR plural forms (one, few, many, other …).
    plural: str = ""

    @property
    def is_translated(self) -> bool:
        return self.kind in ("text", "sources") if self.translated is None else self.translated


def text(*placeholders: str, required: bool = True, plural: str = "") -> Key:
    """A text that may use these ``{placeholders}``; ``plural`` names the number its wording
    follows."""
    return Key("text", required, placeholders, plural=plural)


TEXTS = Key("texts", translated=True)  # a list of texts the reader sees (column headers …)


URL = Key("url")
COLOUR = Key("colour")
DATE = Key("date")
# Further sources of a popup, each [who and what, http(s) link]: one per claim it makes.
MORE_SOURCES = Key("sources", required=False)

MAP = {
    "title": text(),
    "subtitle": text(),
    "credit": text(),
    "source_line": text(),
    "default_as_of": DATE,
    "baseline_date": DATE,
    "center": Key("latlon"),
    "bounds": Key("bounds"),
    "detail_bounds": Key("bounds"),
    "zoom": Key("int", low=0, high=18),
    "min_zoom": Key("int", low=0, high=18),
    "max_zoom": Key("int", low=0, high=18),
    "attribution_prefix": Key("text", translated=False),  # a name (Leaflet)
    "popup_order": Key("texts"),
}

COLOURS = (
    "sea",
    "land",
    "border",
    "label",
    "baseline",
    "treaty_zone",
    "bucharest",
    "sea_fill",
    "sea_line",
    "oblast_line",
    "held",
    "occupied",
    "buildup",
    "posture",
    "nuclear",
)
STYLE = {
    "waves": Key("colours"),
    "later_wave_opacity": Key("number", low=0, high=1),
    "hatches": Key("hatches"),
    **dict.fromkeys(COLOURS, COLOUR),
}
HATCHES = ("baseline", "occupied")  # the hatch patterns the layers draw with

DESCRIPTION = {
    "summary": text(
        "as_of",
        "count",
        "founder_count",
        "first_year",
        "enlargement_count",
        "last_year",
        plural="count",
    ),
    "territory": text("event", "date", "area"),
    "demands": text("after_count", "after_names", "zone_names"),
    "later": text("later_names"),
}

ARTICLES = {
    "heading": text(),
    "caption": text(),
    "treaty": text(),
    "agreement": text(),
    "columns": TEXTS,
    "on_map": text("layers"),
    "not_mapped": text("why"),
    "partly": text("layers", "why"),
}

CAPTION_WORDS = 60  # a chapter's text: one thing, said briefly

CHAPTER = {
    "id": Key("id"),
    "title": text(),
    "text": Key("text", words=CAPTION_WORDS),
    "bounds": Key("bounds"),
    "as_of": DATE,
    "layers": Key("texts"),
    "sources": Key("sources"),
}

STORY = {
    "label": text(),
    "previous": text(),
    "next": text(),
    "explore": text(),
    "explore_title": text(),
    "explore_text": text(),
    "sources": text(),
    "embed_comment": text("number", "title"),
}

EMBED = {
    "wheel_hint": text(),
    "touch_hint": text(),
    "layers_button": text(),
    "close": text(),
    "key_button": text(),
    "about_button": text(),
}

TIMELINE = {
    "label": text("date", "count", plural="count"),
    "territory_label": text("date", "count", "event", plural="count"),
}

UI = {
    "versions": text(),
    "play": text(),
    "pause": text(),
    "step": text(),  # the Play button when the reader asks for reduced motion: one step a press
    "date_label": text(),
    "map_label": text(),  # the map's name for screen readers
    "source": text(),
    "sources": text(),
    "zoom_in": text(),
    "zoom_out": text(),
    "members_summary": text(),
    "members_caption": text("count", plural="count"),
    "members_caption_later": text("count", "later_count", "as_of", plural="count"),
    "members_columns": TEXTS,
    "yes": text(),
    "no": text(),
    "download": text(),
    "csv_columns": TEXTS,
}


def tables() -> dict[str, dict[str, Key]]:
    """Every table map.toml may have, by dotted name, with its keys."""
    from mapgen.layers import REGISTRY

    declared = {
        "map": MAP,
        "style": STYLE,
        "description": DESCRIPTION,
        "timeline": TIMELINE,
        "articles": ARTICLES,
        "story": STORY,
        "embed": EMBED,
        "ui": UI,
    }
    declared |= {f"layers.{name}": module.SPEC for name, module in REGISTRY.items()}
    return declared


_HEADER = re.compile(r"\[\[?\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?")
_KEY = re.compile(r"\s*([A-Za-z0-9_\-.]+|\"[^\"]*\")\s*=")


def key_lines(source: str) -> dict[str, int]:
    """The line of each table header and ``key =`` in a TOML text, by dotted name.

    A line scan, not a parser (tomllib keeps no positions): enough to point at a key in a
    file tomllib has already read.
    """
    lines: dict[str, int] = {}
    table = ""
    quote = None  # inside a multi-line string: its delimiter
    arrays: dict[str, int] = {}
    for number, line in enumerate(source.split("\n"), start=1):
        if quote:
            if line.count(quote) % 2:
                quote = None
            continue
        header = _HEADER.fullmatch(line.strip())
        if header:
            table = ".".join(part.strip().strip('"') for part in header.group(1).split("."))
            if line.strip().startswith("[["):  # an array of tables: chapters.0, chapters.1 …
                count = arrays[table] = arrays.get(table, -1) + 1
                table = f"{table}.{count}"
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1).strip('"')
            lines.setdefault(f"{table}.{name}" if table else name, number)
        for delimiter in ('"""', "'''"):
            if line.count(delimiter) % 2:  # a multi-line string opens here
                quote = delimiter
                break
    return lines


def _number(value, key: Key, integer: bool) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "is not a number"
    if integer and not isinstance(value, int):
        return "is not a whole number"
    if not math.isfinite(value) or not key.low <= value <= key.high:
        return f"is outside [{key.low:g}, {key.high:g}]"
    return None


def _text(value, key: Key) -> str | None:
    if not isinstance(value, str):
        return "is not a text (put it in double quotes)"
    if not visible(value):
        return "is empty (or only spaces and invisible marks)"
    if len(value) > TEXT_MAX:
        return f"is longer than {TEXT_MAX} characters"
    control = _CONTROL.search(value)
    if control:
        return f"contains the control character U+{ord(control.group()):04X}"
    try:
        used = texts.placeholders(value)
    except ValueError as err:
        return str(err)
    if key.words and word_count(value) > key.words:
        return f"has {word_count(value)} words; a caption holds at most {key.words}"
    unknown = [name for name in used if name not in key.placeholders]
    if unknown:
        allowed = ", ".join(f"{{{p}}}" for p in key.placeholders) or "none"
        return f"has the placeholder {{{unknown[0]}}}; this text may use: {allowed}"
    return None


def _latlon(value) -> str | None:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or any(isinstance(v, bool) or not isinstance(v, int | float) for v in value)
    ):
        return "is not [latitude, longitude]"
    lat, lon = value
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return "is outside [-90, 90] x [-180, 180]"
    return None


def _bounds(value) -> str | None:
    if not isinstance(value, list) or len(value) != 2 or any(_latlon(v) for v in value):
        return "is not [[south, west], [north, east]] in degrees"
    (south, west), (north, east) = value
    if not (south < north and west < east):
        return "is not [[south, west], [north, east]]: south must be below north, west of east"
    return None


def _listed(value, each, what: str) -> str | None:
    if not isinstance(value, list) or not value:
        return f"is not a list of {what}"
    for item in value:
        problem = each(item)
        if problem:
            return f"item {item!r} {problem}"
    if len(set(map(str, value))) != len(value):
        return "repeats an item"
    return None


def _matches(pattern: re.Pattern, what: str):
    def check(value) -> str | None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            return f"is not {what}"
        return None

    return check


_colour = _matches(_COLOUR, "a colour written #rrggbb")
_iso3 = _matches(_ISO3, "a three-letter upper-case ISO 3166-1 alpha-3 code")


def _date(value) -> str | None:
    if isinstance(value, datetime):
        return "is a date and time; write the date alone, YYYY-MM-DD"
    if isinstance(value, date):
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return "is not a date written YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return "is not a real calendar date"
    return None


def _sources(value) -> str | None:
    if not isinstance(value, list) or not value:
        return "is not a list of [source, link] pairs"
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            return f"item {pair!r} is not a [source, link] pair"
        problem = _text(pair[0], Key()) or _matches(_URL, "an http(s) URL")(pair[1])
        if problem:
            return f"item {pair!r} {problem}"
    return None


def _hatches(value) -> str | None:
    if not isinstance(value, dict):
        return "is not a table of pattern names and colours"
    for name, colour in value.items():
        if not _NAME.fullmatch(name):
            return f"names a pattern {name!r}; use lower-case letters, digits, - and _"
        problem = _colour(colour)
        if problem:
            return f"pattern {name!r}: {colour!r} {problem}"
    missing = [name for name in HATCHES if name not in value]
    if missing:
        return f"lacks the pattern(s) {', '.join(missing)}, which the layers draw with"
    return None


def check_value(value, key: Key) -> str | None:
    """What is wrong with ``value`` for ``key``, or None."""
    checks = {
        "text": lambda v: _text(v, key),
        "url": _matches(_URL, "an http(s) URL"),
        "colour": _colour,
        "date": _date,
        "int": lambda v: _number(v, key, integer=True),
        "number": lambda v: _number(v, key, integer=False),
        "latlon": _latlon,
        "bounds": _bounds,
        "colours": lambda v: _listed(v, _colour, "colours"),
        "texts": lambda v: _listed(v, lambda t: _text(t, key), "texts"),
        "iso3s": lambda v: _listed(v, _iso3, "ISO 3166-1 alpha-3 codes"),
        "hatches": _hatches,
        "sources": _sources,
        "id": _matches(_NAME, "an id of lower-case letters, digits, - and _"),
    }
    return checks[key.kind](value)


def _table_problems(name: str, table, keys: dict[str, Key], lines) -> list[tuple[int, str]]:
    at = lines.get(name, 1)
    if not isinstance(table, dict):
        return [(at, f"key '{name}' is not a table")]
    found = []
    for key_name, value in table.items():
        path = f"{name}.{key_name}"
        key = keys.get(key_name)
        if key is None:
            close = difflib.get_close_matches(key_name, list(keys), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            found.append((lines.get(path, at), f"key '{path}' is not a setting of [{name}]{hint}"))
            continue
        problem = check_value(value, key)
        if problem:
            shown = value if isinstance(value, str | int | float) else str(value)
            shown = shown if len(str(shown)) <= 60 else str(shown)[:57] + "..."
            found.append((lines.get(path, at), f"key '{path}' {shown!r} {problem}"))
    for key_name, key in keys.items():
        if key.required and key_name not in table:
            found.append((at, f"key '{name}.{key_name}' is missing"))
    return found


def _chapter_problems(chapters, lines) -> list[tuple[int, str]]:
    """The story's chapters: an array of tables ([[chapters]]), each with the CHAPTER keys and
    an id of its own."""
    if not isinstance(chapters, list) or not all(isinstance(c, dict) for c in chapters):
        return [(lines.get("chapters", 1), "key 'chapters' is not a list of [[chapters]] tables")]
    found, seen = [], {}
    for index, chapter in enumerate(chapters):
        found += _table_problems(f"chapters.{index}", chapter, CHAPTER, lines)
        chapter_id = chapter.get("id")
        if isinstance(chapter_id, str) and chapter_id in seen:
            at = lines.get(f"chapters.{index}.id", 1)
            found.append(
                (at, f"key 'chapters.{index}.id' {chapter_id!r} repeats chapter {seen[chapter_id]}")
            )
        seen.setdefault(chapter_id, index)
    return found


def _cross_problems(raw: dict, lines) -> list[tuple[int, str]]:
    """Checks between keys: zoom range, events colours per category."""
    found = []
    view = raw.get("map", {})
    zooms = [view.get(k) for k in ("min_zoom", "zoom", "max_zoom")]
    if all(isinstance(z, int) and not isinstance(z, bool) for z in zooms) and not (
        zooms[0] <= zooms[1] <= zooms[2]
    ):
        found.append(
            (lines.get("map.zoom", 1), "key 'map.zoom' must lie between min_zoom and max_zoom")
        )
    events = raw.get("layers", {}).get("events", {})
    categories, colours = events.get("categories"), events.get("colours")
    names = events.get("category_names")
    if isinstance(categories, list) and isinstance(names, list) and len(names) != len(categories):
        found.append(
            (
                lines.get("layers.events.category_names", 1),
                f"key 'layers.events.category_names' has {len(names)} names for "
                f"{len(categories)} categories",
            )
        )
    if (
        isinstance(categories, list)
        and isinstance(colours, list)
        and len(categories) != len(colours)
    ):
        found.append(
            (
                lines.get("layers.events.colours", 1),
                f"key 'layers.events.colours' has {len(colours)} colours for "
                f"{len(categories)} categories",
            )
        )
    return found


def check(raw: dict, source: str) -> list[tuple[int, str]]:
    """Every problem of a parsed map.toml, as (line, message), in line order."""
    lines = key_lines(source)
    declared = tables()
    found: list[tuple[int, str]] = []
    for name, value in raw.items():
        if name == "chapters":
            found += _chapter_problems(value, lines)
        elif name == "layers" and isinstance(value, dict):
            for layer, table in value.items():
                path = f"layers.{layer}"
                if path in declared:
                    found += _table_problems(path, table, declared[path], lines)
                else:
                    known = ", ".join(n.split(".")[1] for n in declared if n.startswith("layers."))
                    found.append((lines.get(path, 1), f"table [{path}] is not a layer ({known})"))
        elif name in declared:
            found += _table_problems(name, value, declared[name], lines)
        else:
            known = ", ".join(n for n in declared if "." not in n)
            found.append(
                (lines.get(name, 1), f"key '{name}' is not a table of map.toml ({known}, layers)")
            )
    for name in declared:
        head, _, rest = name.partition(".")
        present = raw.get(head)
        if rest:
            present = present.get(rest) if isinstance(present, dict) else None
        if present is None and any(k.required for k in declared[name].values()):
            found.append((1, f"table [{name}] is missing"))
    if not found:
        found = _cross_problems(raw, lines)
    return sorted(found, key=lambda f: f[0])
