"""The declared shape of data/map.toml, and the check that holds the file to it.

Every key has a kind (text, URL, colour, date, number …; the values are those of
:mod:`mapgen.inputs.kinds`), texts list the placeholders they may use, unknown keys are
refused, and every problem is reported at once with its line:
``data/map.toml:12: key 'layers.seas.name' …``. The layer modules declare their own tables
(``SPEC`` in each module of :mod:`mapgen.layers`) and the colours and hatches of ``[style]``
they draw with; they reach this module through the pipeline (``declared``), never imported.
The map, style and description tables are declared here.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from mapgen.errors import shorten
from mapgen.inputs import kinds


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
    needs: tuple[str, ...] = ()  # hatches: the patterns the layers draw with

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

# The colours of [style] every map draws with; the layers declare theirs (COLOURS).
COLOURS = ("sea", "land", "border", "label")
STYLE = {
    "waves": Key("colours"),
    "later_wave_opacity": Key("number", low=0, high=1),
    "hatches": Key("hatches"),
    **dict.fromkeys(COLOURS, COLOUR),
}

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
    "since": text(),  # the header of the column "Since then": what became of each article
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
    "map_keys": text(),  # how the focused map is used by keyboard (keys.js)
    "nothing_here": text(),  # said when Enter finds nothing at the map's centre
    "members_summary": text(),
    "members_caption": text("count", plural="count"),
    "members_caption_later": text("count", "later_count", "as_of", plural="count"),
    "members_columns": TEXTS,
    "yes": text(),
    "no": text(),
    "download": text(),
    "csv_columns": TEXTS,
}


def tables(declared: dict) -> dict[str, dict[str, Key]]:
    """Every table map.toml may have, by dotted name, with its keys.

    Parameters
    ----------
    declared : dict of str to LayerInputs
        What each layer reads (:func:`mapgen.layers.inputs`): its table's keys, the
        colours and hatch patterns of ``[style]`` it draws with.
    """
    colours = [c for layer in declared.values() for c in layer.colours]
    hatches = tuple(h for layer in declared.values() for h in layer.hatches)
    style = STYLE | {"hatches": replace(STYLE["hatches"], needs=hatches)}
    style |= dict.fromkeys(colours, COLOUR)
    found = {
        "map": MAP,
        "style": style,
        "description": DESCRIPTION,
        "timeline": TIMELINE,
        "articles": ARTICLES,
        "story": STORY,
        "embed": EMBED,
        "ui": UI,
    }
    found |= {f"layers.{name}": layer.spec for name, layer in declared.items()}
    return found


def table_at(raw: dict, name: str):
    """The table of dotted ``name`` (``map``, ``layers.seas``) in a map.toml document, or
    None."""
    head, _, rest = name.partition(".")
    table = raw.get(head)
    if rest:
        table = table.get(rest) if isinstance(table, dict) else None
    return table


def each_table(raw: dict, declared: dict[str, dict[str, Key]]) -> Iterator[tuple]:
    """(name, keys, table or None) for each declared table of a map.toml document."""
    for name, keys in declared.items():
        yield name, keys, table_at(raw, name)


def check_literal(value: str, key: Key | None = None) -> str | None:
    """What is wrong with a text that is not a template (a title given as an option, a
    translated table cell): its braces are literal, so they are doubled for the check."""
    return check_value(value.replace("{", "{{").replace("}", "}}"), key or text())


def check_value(value, key: Key) -> str | None:
    """What is wrong with ``value`` for ``key``, or None."""
    checks = {
        "text": lambda v: kinds.check_text(v, key.placeholders, key.words),
        "url": kinds.URL.check,
        "colour": kinds.COLOUR.check,
        "date": kinds.check_date,
        "int": lambda v: kinds.check_number(v, key.low, key.high, integer=True),
        "number": lambda v: kinds.check_number(v, key.low, key.high, integer=False),
        "latlon": kinds.check_latlon,
        "bounds": kinds.check_bounds,
        "colours": lambda v: kinds.check_list(v, kinds.COLOUR.check, "colours"),
        "texts": lambda v: kinds.check_list(
            v, lambda t: kinds.check_text(t, key.placeholders, key.words), "texts"
        ),
        "iso3s": lambda v: kinds.check_list(v, kinds.ISO3.check, "ISO 3166-1 alpha-3 codes"),
        "hatches": lambda v: kinds.check_hatches(v, key.needs),
        "sources": kinds.check_sources,
        "id": kinds.ID.check,
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
            shown = shorten(value if isinstance(value, str | int | float) else str(value))
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
    for key, values, what in (("category_names", names, "names"), ("colours", colours, "colours")):
        if (
            isinstance(categories, list)
            and isinstance(values, list)
            and len(values) != len(categories)
        ):
            message = (
                f"key 'layers.events.{key}' has {len(values)} {what} for "
                f"{len(categories)} categories"
            )
            found.append((lines.get(f"layers.events.{key}", 1), message))
    return found


def _top_problems(name: str, value, declared, lines) -> list[tuple[int, str]]:
    """The problems of one top-level key of map.toml."""
    if name == "chapters":
        return _chapter_problems(value, lines)
    if name == "layers" and isinstance(value, dict):
        found = []
        for layer, table in value.items():
            path = f"layers.{layer}"
            if path in declared:
                found += _table_problems(path, table, declared[path], lines)
            else:
                known = ", ".join(n.split(".")[1] for n in declared if n.startswith("layers."))
                found.append((lines.get(path, 1), f"table [{path}] is not a layer ({known})"))
        return found
    if name in declared:
        return _table_problems(name, value, declared[name], lines)
    known = ", ".join(n for n in declared if "." not in n)
    return [(lines.get(name, 1), f"key '{name}' is not a table of map.toml ({known}, layers)")]


def check(raw: dict, lines: dict[str, int], declared: dict) -> list[tuple[int, str]]:
    """Every problem of a parsed map.toml, as (line, message), in line order.

    Parameters
    ----------
    raw : dict
        The document, as tomllib read it.
    lines : dict
        The line of each key (:func:`mapgen.inputs.toml.key_lines`).
    declared : dict
        Its tables (:func:`tables`).
    """
    found: list[tuple[int, str]] = []
    for name, value in raw.items():
        found += _top_problems(name, value, declared, lines)
    for name, keys, table in each_table(raw, declared):
        if table is None and any(k.required for k in keys.values()):
            found.append((1, f"table [{name}] is missing"))
    if not found:
        found = _cross_problems(raw, lines)
    return sorted(found, key=lambda f: f[0])
