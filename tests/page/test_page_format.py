"""The page's format: docs/page-format.md, the dataclasses of mapgen/page/data.py and a built
page say the same, key by key and type by type."""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from pathlib import Path

import pytest
from folium.utilities import camelize

from mapgen.page import data, notebook
from tests.conftest import ROOT, page_parts

DOCUMENT = ROOT / "docs" / "page-format.md"
RECORDS = {
    name: value
    for name, value in vars(data).items()
    if dataclasses.is_dataclass(value) and value.__module__ == data.__name__
}


def _documented(path: Path = DOCUMENT) -> tuple[dict, dict]:
    """The document's blocks ({block id: record}) and records ({name: {key: type}}); a key
    left out where it has no value is written ``key?``."""
    text = path.read_text(encoding="utf-8")
    blocks = dict(re.findall(r"^\| `(mapgen-[a-z-]+)` \| \[`(\w+)`\]", text, re.M))
    records = {}
    for name, body in re.findall(r"^### `(\w+)`\n(.*?)(?=^#)", text + "\n#", re.M | re.S):
        rows = re.findall(r"^\| `([\w?]+)` \| (.+?) \| .+ \|$", body, re.M)
        records[name] = {key: kind.replace("\\|", "|") for key, kind in rows}
    return blocks, records


def _spelled(hint) -> str:
    """A type as the document writes it."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    named = {str: "string", int: "integer", float: "number", bool: "boolean", object: "any"}
    if hint in named:
        return named[hint]
    if hint is type(None):
        return "null"
    if dataclasses.is_dataclass(hint):
        return hint.__name__
    if hint is list or origin is list:
        return f"[{_spelled(args[0]) if args else 'any'}]"
    if origin is dict:
        return f"{{string: {_spelled(args[1])}}}"
    if origin is typing.Literal:
        return json.dumps(args[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_spelled(a) for a in args)
    raise AssertionError(f"no spelling for {hint!r}")


def _keys(record) -> dict[str, tuple[dataclasses.Field, object]]:
    """A record's JSON keys, each with its field and type."""
    hints = typing.get_type_hints(record)
    return {camelize(f.name): (f, hints[f.name]) for f in dataclasses.fields(record)}


def _problems(value, hint, at: str) -> list[str]:
    """Where ``value`` (decoded JSON) is not of the type ``hint``: missing, undocumented or
    mistyped keys, each with its path."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        found = [_problems(value, a, at) for a in args]
        return [] if any(not f for f in found) else min(found, key=len)
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            return [f"{at}: not a {hint.__name__}"]
        out = [f"{at}.{k}: not in {hint.__name__}" for k in value if k not in _keys(hint)]
        for key, (f, kind) in _keys(hint).items():
            omitted = f.metadata.get("omit_none")
            if key not in value:
                out += [] if omitted else [f"{at}.{key}: missing"]
            elif omitted and value[key] is None:
                out.append(f"{at}.{key}: null where the key should be left out")
            else:
                out += _problems(value[key], kind, f"{at}.{key}")
        return out
    if hint is list or origin is list:
        if not isinstance(value, list):
            return [f"{at}: not a list"]
        item = args[0] if args else object
        return [p for i, v in enumerate(value) for p in _problems(v, item, f"{at}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{at}: not a map"]
        return [p for k, v in value.items() for p in _problems(v, args[1], f"{at}[{k!r}]")]
    if origin is typing.Literal:
        return [] if value in args else [f"{at}: {value!r} is not {args[0]!r}"]
    if hint is object:
        return []
    if hint is type(None):
        return [] if value is None else [f"{at}: not null"]
    if hint is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, hint)
    return [] if ok else [f"{at}: {value!r} is not {_spelled(hint)}"]


def test_the_document_describes_every_record_of_the_contract():
    blocks, records = _documented()
    assert set(records) == set(RECORDS)
    for name, record in RECORDS.items():
        expected = {}
        for key, (f, kind) in _keys(record).items():
            if f.metadata.get("omit_none"):  # left out, never null
                (kind,) = [a for a in typing.get_args(kind) if a is not type(None)]
                key += "?"
            expected[key] = _spelled(kind)
        assert records[name] == expected, name
    assert blocks == {
        "mapgen-data": "PageData",
        "mapgen-shapes": "ShapeTable",
        "mapgen-later": "LaterItems",
        "mapgen-shapes-fine": "FineTable",
        "mapgen-icons": "MarkerIcons",
    }


@pytest.fixture(scope="module")
def blocks(built_map):
    return page_parts(built_map).json


def test_a_built_page_has_the_documented_blocks_and_keys(blocks):
    documented, _ = _documented()
    assert set(blocks) <= set(documented)
    for block, value in blocks.items():
        assert _problems(value, RECORDS[documented[block]], block) == [], block
    icons = json.loads(notebook.marker_icons())
    assert _problems(icons, data.MarkerIcons, "mapgen-icons") == []


def test_the_check_finds_a_missing_an_undocumented_and_a_mistyped_key(blocks):
    page = json.loads(json.dumps(blocks["mapgen-data"]))
    del page["view"]["asOf"]
    page["legend"][0]["layer_id"] = page["legend"][0].pop("layer")
    page["layers"][0]["items"][0]["features"][0]["since"] = None
    page["timeline"]["start"] = "10"
    assert _problems(page, data.PageData, "mapgen-data") == [
        "mapgen-data.view.asOf: missing",
        "mapgen-data.layers[0].items[0].features[0].since: null where the key should be left out",
        "mapgen-data.legend[0].layer_id: not in LegendItem",
        "mapgen-data.legend[0].layer: missing",
        "mapgen-data.timeline.start: '10' is not integer",
    ]


def test_every_record_key_is_camel_case(blocks):
    """Keys of records only: a map keeps its keys (shape ids, dates, field names)."""
    for name, record in RECORDS.items():
        for key in _keys(record):
            assert re.fullmatch(r"[a-z]+([A-Z][a-z]+)*", key), (name, key)
    assert "layersButton" in blocks["mapgen-data"]["embed"]
    assert "exploreTitle" in blocks["mapgen-data"]["story"]
    assert "zoomIn" in blocks["mapgen-data"]["ui"]
