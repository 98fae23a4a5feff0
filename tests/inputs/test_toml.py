"""toml: located parse errors, and key_lines' line scan agreeing with tomllib."""

from __future__ import annotations

import tomllib

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen.errors import InputError
from mapgen.inputs.toml import key_lines, parse_toml
from tests.conftest import ROOT

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


# A construct left open is reported where tomllib noticed it, often lines below: the message
# names the line where it opened, and where the parser noticed.
MAP_TOML = (ROOT / "data" / "map.toml").read_text(encoding="utf-8")
WAVES = MAP_TOML.index("waves = [")
NO_WAVES_END = MAP_TOML[:WAVES] + MAP_TOML[WAVES:].replace("]", "", 1)  # its ] removed
WAVES_LINE = MAP_TOML[:WAVES].count("\n") + 1


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        (
            NO_WAVES_END,
            WAVES_LINE,
            "the array opened here is not closed, or a comma is missing in it (the parser "
            f"noticed at line {WAVES_LINE + 2}, column 1: Unclosed array)",
        ),
        (
            "a = 1\nb = [\n  1,\n  2\n# a comment\n\nc = 3\n",
            2,
            "the array opened here is not closed, or a comma is missing in it (the parser "
            "noticed at line 7, column 1: Unclosed array)",
        ),
        (
            'a = [ "[", # ]\n  [1, 2],\n  { b = [3] }\n',
            1,
            "the array opened here is not closed, or a comma is missing in it (the parser "
            "noticed at the end of the file: Unclosed array)",
        ),
        (
            'a = 1\nb = """\nline\nc = 3\n',
            2,
            'the multi-line text """ opened here is not closed (the parser noticed at the end '
            "of the file: Unterminated string)",
        ),
        (
            "a = 1\r\nb = '''\r\nline\r\nc = 3\r\n",
            2,
            "the multi-line text ''' opened here is not closed (the parser noticed at the end "
            "of the file: Expected \"'''\")",
        ),
        (
            "a = 'it\nc = 3\n",
            1,
            "the text opened here is not closed (the parser noticed at the end of the file: "
            'Expected "\'")',
        ),
    ],
)
def test_a_construct_left_open_is_located_where_it_opened(source, line, message):
    with pytest.raises(InputError) as err:
        parse_toml(source.encode(), "data/map.toml")
    assert str(err.value) == f"data/map.toml:{line}: invalid TOML: {message}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [  # the construct opened on the line tomllib points at, or another mistake: as before
        ("b = [1 2]\n", "m.toml:1: invalid TOML at column 8: Unclosed array"),
        ("a = [\n 1,\n foo\n]\n", "m.toml:3: invalid TOML at column 2: Invalid value"),
        ('a = 1\nb = "it\nc = 3\n', "m.toml:2: invalid TOML at column 8: Illegal character '\\n'"),
        ("b = { x = 1", "m.toml:1: invalid TOML at the end of the file: Unclosed inline table"),
    ],
)
def test_other_toml_mistakes_keep_their_messages(source, expected):
    with pytest.raises(InputError) as err:
        parse_toml(source.encode(), "m.toml")
    assert str(err.value) == expected
