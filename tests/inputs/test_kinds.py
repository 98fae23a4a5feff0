"""kinds: one vocabulary of values for the CSV tables and map.toml, one control-character rule."""

from __future__ import annotations

import re

import pytest

from mapgen.errors import InputError
from mapgen.inputs import kinds
from mapgen.inputs.schema import Key, check_value
from mapgen.inputs.tables import PARSERS, Column, read_table


@pytest.mark.parametrize("control", ["\x00", "\x07", "\r", "\x1b", "\x7f", "\x85"])
def test_a_control_character_is_refused_in_a_csv_cell_and_in_map_toml(control):
    message = f"contains the control character U+{ord(control):04X}"
    assert check_value(f"a{control}b", Key("text")) == message
    with pytest.raises(ValueError, match=re.escape(message)):
        kinds.parse_text(f"a{control}b")


def test_tab_and_line_breaks_are_text():
    for value in ("a\tb", "a\nb"):
        assert check_value(value, Key("text")) is None
        assert kinds.parse_text(value) == value
    # a value quoted over two lines of a file with CRLF line ends: the CR is the file's
    assert kinds.parse_text("a\r\nb") == "a\r\nb"


def test_a_quoted_value_over_crlf_lines_is_read_a_lone_cr_is_not(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b'name,note\r\nA,"two\r\nlines"\r\n')
    table = read_table(path, [Column("name"), Column("note")])
    assert table["note"].tolist() == ["two\r\nlines"]
    path.write_bytes(b'name,note\nA,"one\rline"\n')
    with pytest.raises(
        InputError, match=r"t.csv:2: note .* contains the control character U\+000D"
    ):
        read_table(path, [Column("name"), Column("note")])


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        ("iso3", "UKR", "ukr"),
        ("url", "https://www.nato.int/", "javascript:alert(1)"),
    ],
)
def test_a_pattern_says_the_same_of_a_cell_and_of_a_key(kind, good, bad):
    key = Key(kind if kind != "iso3" else "iso3s")
    assert PARSERS[kind](good) == good
    with pytest.raises(ValueError) as err:
        PARSERS[kind](bad)
    problem = check_value([bad] if kind == "iso3" else bad, key)
    assert problem.endswith(str(err.value))


def test_one_colour_parser():
    assert kinds.rgb("#0a80ff") == [10, 128, 255]
    assert kinds.hex_colour(kinds.rgb("#0a80ff")) == "#0a80ff"
    assert kinds.COLOUR.check("#0a80ff") is None and kinds.COLOUR.check("#0a80fg")
