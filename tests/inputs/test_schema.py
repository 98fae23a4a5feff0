"""schema: map.toml is held to its declared keys, kinds and placeholders; every problem is
reported at once, on its line."""

from __future__ import annotations

import dataclasses
import json
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen.errors import InputError
from mapgen.inputs import schema
from mapgen.inputs.settings import load_settings
from mapgen.layers import build_layers
from mapgen.page.document import RenderOptions, page_data
from mapgen.page.scripts import json_block
from tests.conftest import DATA, DECLARED, dump_toml, run_mapgen, text_keys

BUNDLED = (DATA / "map.toml").read_text(encoding="utf-8")


def _problems(tmp_path, text: str) -> list[str]:
    (tmp_path / "map.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_settings(tmp_path, DECLARED)
    return [str(p) for p in err.value.problems]


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_every_problem_in_one_run_on_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        BUNDLED.replace("zoom = 4", 'zoom = "four"')
        .replace('sea = "#d6e4ec"', 'sea = "lightblue"')
        .replace('later_name = "{year} (later)"', 'later_name = "{yeer} (later)"')
        .replace(
            '[layers.base]\ntooltip = "{name}"', '[layers.base]\ntooltip = "{name}"\ntooltop = "x"'
        )
        .replace(
            'source_url = "https://www.nato.int/cps/en/natolive/',
            'source_url = "javascript://www.nato.int/cps/en/natolive/',
        )
        .replace('title = "NATO', 'title = "\\u0007NATO', 1)
    )
    title = "\u0007" + text.split('title = "\\u0007')[1].split('"')[0]
    assert _problems(tmp_path, text) == [
        f"map.toml:{_line(text, 'title = ')}: key 'map.title' {title!r} "
        "contains the control character U+0007",
        f"map.toml:{_line(text, 'zoom = ')}: key 'map.zoom' 'four' is not a number",
        f"map.toml:{_line(text, 'sea = ')}: key 'style.sea' 'lightblue' is not a colour "
        "written #rrggbb",
        f"map.toml:{_line(text, 'later_name = ')}: key 'layers.membership.later_name' "
        "'{yeer} (later)' has the placeholder {yeer}; this text may use: {year}",
        f"map.toml:{_line(text, 'javascript:')}: key 'layers.bucharest.source_url' "
        "'javascript://www.nato.int/cps/en/natolive/official_texts_...' is not an http(s) URL",
        f"map.toml:{_line(text, 'tooltop')}: key 'layers.base.tooltop' is not a setting of "
        "[layers.base] (did you mean tooltip?)",
    ]


def test_missing_keys_and_tables(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = BUNDLED.replace('credit = "', 'kredit = "').split("[layers.events]")[0]
    problems = _problems(tmp_path, text)
    assert (
        f"map.toml:{_line(text, 'kredit')}: key 'map.kredit' is not a setting of [map] "
        "(did you mean credit?)" in problems
    )
    assert f"map.toml:{_line(text, '[map]')}: key 'map.credit' is missing" in problems
    assert "map.toml:1: table [layers.events] is missing" in problems


def test_broken_toml_names_line_and_column(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = BUNDLED.replace("zoom = 4\n", "zoom = 4\nmax zoom = 9\n")
    assert _problems(tmp_path, text) == [
        f"map.toml:{_line(text, 'max zoom')}: invalid TOML at column 5: "
        "Expected '=' after a key in a key/value pair"
    ]


def test_colours_only_as_rrggbb_and_hatch_names_only_plain(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = BUNDLED.replace('label = "#3a3a3a"', 'label = "#333"').replace(
        'baseline = "#111111"\noccupied', '"x}{y" = "#111111"\noccupied'
    )
    problems = _problems(tmp_path, text)
    assert any("key 'style.label' '#333' is not a colour written #rrggbb" in p for p in problems)
    assert any("names a pattern 'x}{y'" in p for p in problems)


def test_unknown_iso3_is_located(data_copy):
    toml = data_copy / "map.toml"
    text = toml.read_text(encoding="utf-8").replace(
        'iso3 = ["UKR", "GEO"]', 'iso3 = ["UKR", "XXX"]'
    )
    toml.write_text(text, encoding="utf-8")
    result = run_mapgen("build", "--data-dir", data_copy, "--out", data_copy.parent / "m.html")
    assert result.returncode == 2
    line = _line(text, '"XXX"')
    assert result.stderr.splitlines()[0] == (
        f"{toml}:{line}: key 'layers.bucharest.iso3' names XXX, which have no shape in data/geo"
    )


def test_not_utf8(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.toml").write_bytes(b'[map]\ntitle = "caf\xe9"\n')
    with pytest.raises(InputError, match=r"map.toml:2: is not UTF-8 \(byte 0xe9\)"):
        load_settings(tmp_path, DECLARED)


# Property-based: any value in any text key, and any kind of value in any key, is accepted
# and reaches the page as JSON data, or is refused with a located problem; never anything else.

ALL_KEYS = [
    (*table.split("."), key) for table, keys in schema.tables(DECLARED).items() for key in keys
]
value = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "{name}",
            "{{x}}",
            "{",
            "}",
            "{year.__class__}",
            "{0}",
            "</script>",
            "$x$",
            "#12345g",
            "#123456",
            "2021-02-30",
            "https://example.org/",
            "\u2028",
            "",
        ]
    ),
    st.integers(-5, 30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.lists(st.text(max_size=8), max_size=3),
    st.lists(st.floats(-100, 100), min_size=2, max_size=2),
)


@pytest.fixture(scope="module")
def bundled():
    return tomllib.loads(BUNDLED)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(key=st.sampled_from(ALL_KEYS + text_keys() * 3), new=value)
def test_any_value_is_accepted_as_data_or_located(tmp_path, bundled, context_2021, key, new):
    document = json.loads(json.dumps(bundled))
    table = document
    for part in key[:-1]:
        table = table[part]
    table[key[-1]] = new
    try:
        text = dump_toml(document)
    except ValueError:  # NaN has no JSON form; TOML spells it nan
        text = dump_toml({**document}).replace("NaN", "nan")
    (tmp_path / "map.toml").write_text(text, encoding="utf-8")
    try:
        loaded = load_settings(tmp_path, DECLARED)
    except InputError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.path.endswith("map.toml") and problem.line >= 1
            assert "\n" not in str(problem)
        return
    context = dataclasses.replace(context_2021, settings=loaded)
    data = page_data(build_layers(context), context, RenderOptions())
    block = json_block(data)
    assert "<" not in block and json.loads(block) == json.loads(json.dumps(data))


def test_a_caption_counts_words_not_punctuation():
    from mapgen.inputs.kinds import word_count

    # French sets « », : and ; apart, and groups thousands with a space: still words only
    french = "Bilan\u00a0: plus de 14\u202f000 morts «\u00a0principalement\u00a0»\u202f; fin."
    assert word_count(french) == 7
    assert word_count("Twelve states founded NATO in 1949.") == 6
