"""map.toml's JSON Schema, generated from the declarations of :mod:`mapgen.inputs.schema`, so
that an editor's TOML extension (Taplo: the ``#:schema`` line at the top of map.toml)
completes the keys and checks the values as they are typed.

The schema is the editor's help, not the check: mapgen holds the file to
:func:`mapgen.inputs.schema.check`, which also knows what a schema cannot say (placeholders,
the words of a caption, the events' colours per category). Regenerate the shipped file after
a change to the declarations (a test holds it to them)::

    python scripts/map_schema.py            # rewrites data/map.schema.json
"""

from __future__ import annotations

import json

from mapgen.inputs import kinds
from mapgen.inputs.schema import CHAPTER, Key

DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # a TOML date, or a text written so


def _pattern(pattern: kinds.Pattern) -> str:
    return f"^(?:{pattern.regex.pattern})$"


def _latlon() -> dict:
    return {
        "type": "array",
        "items": [
            {"type": "number", "minimum": -90, "maximum": 90},
            {"type": "number", "minimum": -180, "maximum": 180},
        ],
        "minItems": 2,
        "maxItems": 2,
    }


def _list(item: dict) -> dict:
    return {"type": "array", "items": item, "minItems": 1, "uniqueItems": True}


def _text(key: Key) -> dict:
    found = {"type": "string", "minLength": 1, "maxLength": kinds.TEXT_MAX}
    if key.placeholders:
        found["description"] = "May use " + ", ".join(f"{{{p}}}" for p in key.placeholders)
    elif key.kind == "text":
        found["description"] = "A text without placeholders ({{ and }} write a brace)"
    return found


def value_schema(key: Key) -> dict:
    """The JSON Schema of one key's value."""
    colour = {"type": "string", "pattern": _pattern(kinds.COLOUR)}
    url = {"type": "string", "pattern": _pattern(kinds.URL)}
    kind = key.kind
    if kind == "text":
        return _text(key)
    if kind in ("int", "number"):
        found = {"type": "integer" if kind == "int" else "number"}
        found |= {"minimum": key.low} if key.low > -float("inf") else {}
        return found | ({"maximum": key.high} if key.high < float("inf") else {})
    simple = {
        "url": url,
        "colour": colour,
        "date": {"type": "string", "format": "date", "pattern": DATE_PATTERN},
        "id": {"type": "string", "pattern": _pattern(kinds.ID)},
        "latlon": _latlon(),
        "bounds": {"type": "array", "items": _latlon(), "minItems": 2, "maxItems": 2},
        "colours": _list(colour),
        "texts": _list(_text(key)),
        "iso3s": _list({"type": "string", "pattern": _pattern(kinds.ISO3)}),
        "sources": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "array", "items": [_text(Key()), url], "minItems": 2, "maxItems": 2},
        },
        "hatches": {
            "type": "object",
            "propertyNames": {"pattern": _pattern(kinds.ID)},
            "additionalProperties": colour,
            "required": list(key.needs),
        },
    }
    return simple[kind]


def table_schema(keys: dict[str, Key]) -> dict:
    """The JSON Schema of a table of map.toml: its keys, those it must have, no others."""
    return {
        "type": "object",
        "properties": {name: value_schema(key) for name, key in keys.items()},
        "required": [name for name, key in keys.items() if key.required],
        "additionalProperties": False,
    }


def json_schema(tables: dict[str, dict[str, Key]]) -> dict:
    """map.toml's JSON Schema (draft 7) from its declared tables
    (:func:`mapgen.inputs.schema.tables`)."""
    top = {name: table_schema(keys) for name, keys in tables.items() if "." not in name}
    layers = {
        name.removeprefix("layers."): table_schema(keys)
        for name, keys in tables.items()
        if name.startswith("layers.")
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "mapgen map.toml",
        "description": "The texts, colours and settings of a mapgen map (data/map.toml).",
        "type": "object",
        "properties": {
            **top,
            "layers": {
                "type": "object",
                "properties": layers,
                "required": list(layers),
                "additionalProperties": False,
            },
            "chapters": {"type": "array", "items": table_schema(CHAPTER)},
        },
        "required": [*top, "layers"],
        "additionalProperties": False,
    }


def schema_text(tables: dict[str, dict[str, Key]]) -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(json_schema(tables), indent=2, ensure_ascii=False) + "\n"
