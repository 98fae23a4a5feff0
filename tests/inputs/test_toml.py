"""toml: located parse errors, and key_lines' line scan agreeing with tomllib."""

from __future__ import annotations

import tomllib

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen.errors import InputError
from mapgen.inputs.toml import key_lines, parse_toml

# Key names as map.toml and the language files have them: bare, and quoted (a dotted name, a
# date, a name with a space) as [events."1949-04-04"] and [names] "UKR-05" are.
bare = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
quoted = st.sampled_from(["a.b", "1949-04-04", "two words", "UKR-05", "x.y.z"])
name = st.one_of(bare, quoted)
# texts, and those that look like TOML: quotes, a key, a header, line breaks
tricky = st.sampled_from(["it's", "'''", '"""', 'x = "y"', "[t]", "# no", "a\nb = 1\n[c]"])
text = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20),
    tricky,
)
scalar = st.one_of(text, st.integers(-99, 99), st.booleans(), st.lists(st.integers(), max_size=3))
inline = st.dictionaries(bare, scalar, min_size=1, max_size=3)
table = st.dictionaries(name, st.one_of(scalar, inline), min_size=1, max_size=4)
document = st.fixed_dictionaries(
    {"top": st.dictionaries(name, table, min_size=1, max_size=3)},
    optional={"chapters": st.lists(table, min_size=1, max_size=3)},
)


def _toml(drawn: dict) -> str:
    """The document in TOML: tables, inline tables as values, multi-line texts, [[chapters]]."""

    def body_of(drawn_table: dict, item):
        for key, value in drawn_table.items():
            if isinstance(value, dict):
                inline_table = tomlkit.inline_table()
                inline_table.update(value)
                value = inline_table
            elif isinstance(value, str) and "\n" in value:
                value = tomlkit.string(value, multiline=True)  # a text over several lines
            item[key] = value
        return item

    out = tomlkit.document()
    for table_name, body in drawn["top"].items():
        out[table_name] = body_of(body, tomlkit.table())
    if "chapters" in drawn:
        chapters = tomlkit.aot()
        for body in drawn["chapters"]:
            chapters.append(body_of(body, tomlkit.table()))
        out["chapters"] = chapters
    return tomlkit.dumps(out)


def _expected(parsed: dict):
    """(dotted name, its last part) of each table and key key_lines should find: not the
    keys inside an inline table, which sit on their table's line."""
    for table_name, body in parsed.items():
        tables = (
            [(f"{table_name}.{i}", b) for i, b in enumerate(body)]
            if isinstance(body, list)
            else [(table_name, body)]
        )
        for path, table in tables:
            yield path, table_name
            for key in table:
                yield f"{path}.{key}", key


@settings(max_examples=150, deadline=None)
@given(drawn=document)
def test_key_lines_finds_every_key_tomllib_reads_on_its_line(drawn):
    source = _toml(drawn)
    parsed = tomllib.loads(source)
    lines, rows = key_lines(source), source.split("\n")
    for path, last in _expected(parsed):
        assert path in lines, (path, source)
        assert last in rows[lines[path] - 1], (path, source)


def test_a_toml_mistake_is_located_at_its_line_and_column():
    with pytest.raises(InputError) as err:
        parse_toml(b'[map]\ntitle = "x"\nmax zoom = 9\n', "m.toml")
    assert str(err.value) == (
        "m.toml:3: invalid TOML at column 5: Expected '=' after a key in a key/value pair"
    )
    with pytest.raises(InputError, match=r"m.toml:1: is not UTF-8 \(byte 0xe9\)"):
        parse_toml(b'title = "caf\xe9"\n', "m.toml")
