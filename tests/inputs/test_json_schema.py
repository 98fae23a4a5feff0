"""map.toml's JSON Schema (for an editor's TOML extension): generated from the declarations,
shipped beside map.toml, and true of the bundled file."""

from __future__ import annotations

import json
import tomllib
from datetime import date

import jsonschema
import pytest

from mapgen.inputs import schema
from mapgen.inputs.files import SCHEMA_FILE
from mapgen.inputs.json_schema import json_schema, schema_text
from mapgen.project import data_files
from tests.conftest import DATA, DECLARED

SHIPPED = DATA / SCHEMA_FILE


def _as_taplo_reads(value):
    """A TOML document as a JSON Schema sees it: dates as YYYY-MM-DD texts."""
    if isinstance(value, dict):
        return {k: _as_taplo_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_taplo_reads(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


@pytest.fixture(scope="module")
def validator():
    found = json.loads(SHIPPED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(found)
    return jsonschema.Draft7Validator(found)


def test_the_shipped_schema_is_the_one_the_declarations_give():
    # after a change to a SPEC or to mapgen/inputs/schema.py: python scripts/map_schema.py
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(schema.tables(DECLARED))


def test_map_toml_names_it_on_its_first_line_and_init_copies_it():
    first = (DATA / "map.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"#:schema ./{SCHEMA_FILE}"  # relative: true of every copy of data/
    assert any(str(f) == SCHEMA_FILE for f in data_files(DATA))


def test_the_bundled_map_toml_is_valid(validator):
    raw = tomllib.loads((DATA / "map.toml").read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(_as_taplo_reads(raw))] == []


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [
        ("map", "zoom", 99),
        ("map", "kredit", "x"),
        ("style", "sea", "lightblue"),
        ("layers.seas", "source_url", "javascript:alert(1)"),
        ("map", "default_as_of", "17 December 2021"),
    ],
)
def test_what_mapgen_refuses_the_schema_refuses(validator, table, key, value):
    raw = _as_taplo_reads(tomllib.loads((DATA / "map.toml").read_text(encoding="utf-8")))
    target = schema.table_at(raw, table)
    target[key] = value
    assert list(validator.iter_errors(raw))


def test_every_declared_key_is_in_the_schema():
    found = json_schema(schema.tables(DECLARED))["properties"]
    for name, keys in schema.tables(DECLARED).items():
        head, _, rest = name.partition(".")
        table = found[head]["properties"][rest] if rest else found[head]
        assert set(table["properties"]) == set(keys), name
