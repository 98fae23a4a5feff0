"""Texts that read backwards (issue 25, point 4): a bidi override, an embedding or an isolate
left open is refused wherever a text is read, in one located line; Arabic's own file, and the
marks a right-to-left text needs, pass."""

from __future__ import annotations

import shutil
import tomllib

import pytest

from mapgen.errors import InputError, shorten
from mapgen.inputs import translate as i18n
from tests.conftest import DATA, rewrite_csv, run_mapgen

RLO = "\u202e"
REFUSED = (
    "contains U+202E RIGHT-TO-LEFT OVERRIDE, which makes the text read differently from its "
    'characters ("Trojan source"); remove it'
)
MARKS = {"LRM": "\u200e", "RLM": "\u200f", "ALM": "\u061c", "isolate": "\u2067"}
AR_TITLE = 'title = "توسع الناتو'


def _line(path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def _in_ar_toml(data, old: str, new: str) -> None:
    path = data / "i18n" / "ar.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_arabic_own_file_passes_with_the_marks_it_may_use(sources, tmp_path):
    entries = i18n.english(sources.settings.raw, sources, sources.shapes, "ar")
    optional = i18n.optional_names(sources.shapes)
    # the bundled file passes (it writes none of the marks: Arabic and Latin runs sit apart)
    assert len(i18n.read(DATA, "ar", entries, optional=optional).texts) > 400
    # a copy that writes each of them, its isolate closed, passes as it is
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    _in_ar_toml(data, AR_TITLE, 'title = "\u200eNATO\u200e \u2067توسع\u2069 \u061c\u200fالناتو')
    marked = i18n.read(data, "ar", entries, optional=optional).texts["map.title"]
    assert all(mark in marked for mark in MARKS.values())
    # one override injected into the copy: refused at its line
    _in_ar_toml(data, "\u2067توسع\u2069", f"{RLO}توسع")
    with pytest.raises(InputError) as err:
        i18n.read(data, "ar", entries, optional=optional)
    [problem] = err.value.problems
    assert problem.line == _line(data / "i18n/ar.toml", AR_TITLE[:9]) and problem.message.endswith(
        REFUSED
    )


def _csv_cell(data):
    def change(row):
        if row["date"] == "1949-04-04":
            row["title"] = f"{RLO}{row['title']}"

    rewrite_csv(data / "events.csv", change)
    value = next(line for line in (data / "events.csv").open(encoding="utf-8") if RLO in line)
    title = value.split(",")[1]
    return f"data/events.csv:{_line(data / 'events.csv', RLO)}: title {title!r} {REFUSED}", []


def _map_toml(data):
    path = data / "map.toml"
    text = path.read_text(encoding="utf-8")
    old = "title = \"NATO's enlargement"
    path.write_text(text.replace(old, f"title = \"{RLO}NATO's enlargement", 1), encoding="utf-8")
    title = tomllib.loads(path.read_text(encoding="utf-8"))["map"]["title"]
    line = _line(path, RLO)
    return f"data/map.toml:{line}: key 'map.title' {shorten(title)!r} {REFUSED}", []


def _language_file(data):
    _in_ar_toml(data, AR_TITLE, f'title = "{RLO}توسع الناتو')
    path = data / "i18n" / "ar.toml"
    title = tomllib.loads(path.read_text(encoding="utf-8"))["map"]["title"]
    line = _line(path, RLO)
    return f"data/i18n/ar.toml:{line}: key 'map.title' {shorten(title)!r} {REFUSED}", [
        "--lang",
        "ar",
    ]


def _title(_data):
    title = f"NATO {RLO}yadot"
    expected = f"mapgen build: argument --title: {title!r} {REFUSED} (see mapgen build --help)"
    return expected, ["--title", title]


@pytest.mark.parametrize("where", [_csv_cell, _map_toml, _language_file, _title])
def test_an_override_is_one_located_line_and_nothing_written(tmp_path, where):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    expected, args = where(data)
    result = run_mapgen(
        "build", "--quiet", "--no-png", "--out", tmp_path / "out" / "m.html", *args, cwd=tmp_path
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == expected  # the one problem; then, for an input file, the count of them
    assert lines[1:] in ([], ["mapgen: 1 problem(s) in the input; nothing was written"])
    assert not (tmp_path / "out").exists()
