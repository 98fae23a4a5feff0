"""kinds: one vocabulary of values for the CSV tables and map.toml, one rule of the characters
a text may not hold (control characters, bidi overrides)."""

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


# Bidi: the "Trojan source" characters are refused wherever a text is read; the marks a
# right-to-left language writes stay text.
TROJAN = '"Trojan source"'


@pytest.mark.parametrize(
    ("text", "named", "why"),
    [
        ("a\u202ab", "U+202A LEFT-TO-RIGHT EMBEDDING", ""),
        ("a\u202bb", "U+202B RIGHT-TO-LEFT EMBEDDING", ""),
        ("a\u202cb", "U+202C POP DIRECTIONAL FORMATTING", ""),
        ("a\u202db", "U+202D LEFT-TO-RIGHT OVERRIDE", ""),
        ("price \u202e9.99$", "U+202E RIGHT-TO-LEFT OVERRIDE", ""),
        ("a\u2066b", "U+2066 LEFT-TO-RIGHT ISOLATE", " not closed by U+2069"),
        ("a\u2067b", "U+2067 RIGHT-TO-LEFT ISOLATE", " not closed by U+2069"),
        ("a\u2068b\u2069 \u2068c", "U+2068 FIRST STRONG ISOLATE", " not closed by U+2069"),
        ("a\u2069b", "U+2069 POP DIRECTIONAL ISOLATE", " with no isolate open before it"),
        ("\u2067a\u2069\u2069", "U+2069 POP DIRECTIONAL ISOLATE", " with no isolate open"),
    ],
)
def test_a_bidi_override_or_open_isolate_is_refused_in_a_cell_and_a_key(text, named, why):
    problem = check_value(text, Key("text"))
    assert problem.startswith(f"contains {named}{why}") and TROJAN in problem
    assert problem.endswith("remove it")
    assert check_value([text], Key("texts")) == f"item {text!r} {problem}"
    with pytest.raises(ValueError) as err:
        kinds.parse_text(text)
    assert str(err.value) == problem


@pytest.mark.parametrize(
    "text",
    [
        "\u0627\u0644\u0646\u0627\u062a\u0648 \u200e(NATO)\u200e",  # LRM around a Latin name
        "\u200f2021\u200f \u061c-5",  # RLM, ALM
        "\u2067\u0627\u0644\u0646\u0627\u062a\u0648\u2069 and \u2068x \u2066y\u2069\u2069",
    ],
)
def test_the_marks_of_a_right_to_left_text_stay_text(text):
    assert check_value(text, Key("text")) is None
    assert kinds.parse_text(text) == text
