"""``mapgen lang check`` and ``mapgen lang template``, and the older ``python -m mapgen.i18n``
and ``python -m mapgen.i18n_template`` that do the same."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest
from conftest import DATA, run_mapgen

from mapgen.inputs import translate as i18n


def _module(name: str, *args, cwd=DATA.parent):
    return subprocess.run(
        [sys.executable, "-m", name, *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def _broken_german(tmp_path):
    lines = i18n.language_file(DATA, "de").read_text(encoding="utf-8").split("\n")
    at = lines.index("[map]") + 1
    assert lines[at].startswith("title = ")
    lines[at] = lines[at].replace("title = ", "titel = ", 1)
    path = tmp_path / "de.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, at + 1


def test_check_a_good_file_and_a_broken_one(tmp_path):
    good = run_mapgen("lang", "check", "de", "--data-dir", DATA)
    assert good.returncode == 0, good.stderr
    assert good.stdout.endswith(" texts, every English key, nothing else\n")
    path, line = _broken_german(tmp_path)
    broken = run_mapgen("lang", "check", "de", path, "--data-dir", DATA, cwd=tmp_path)
    assert broken.returncode == 2
    lines = broken.stderr.splitlines()
    english = "NATO's enlargement and Russia's December 2021 demands"
    assert lines[:2] == [  # the missing key at its table's line, the unknown one at its own
        f"de.toml:{line - 1}: key 'map.title' is missing (English: \"{english}\")",
        f"de.toml:{line}: key 'map.titel' is not an English text (did you mean map.title?)",
    ]
    assert lines[-1] == "mapgen: 2 problem(s) in the input; the file is not ready"
    assert "Traceback" not in broken.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["lang", "check", "xx-1"],
            "mapgen lang check: argument LANG: 'xx-1' is not a language code (two or three "
            "letters: de, uk, ar) (see mapgen lang check --help)",
        ),
        (
            ["lang", "check", "es"],
            "data/i18n/es.toml: no such file: mapgen has no texts in 'es' (it has en, ar, de, "
            "fr, pl, ru, uk); mapgen lang template es > data/i18n/es.toml writes the keys to "
            "translate",
        ),
        (
            ["lang", "template", "xx"],
            "mapgen lang template: argument LANG: 'xx' is not a language CLDR knows (dates and "
            "plurals could not be written) (see mapgen lang template --help)",
        ),
        (
            ["lang"],
            "mapgen lang: the following arguments are required: COMMAND (see mapgen lang --help)",
        ),
        (["lang", "template", "de", "--keep", "nope.toml"], "nope.toml: no such file"),
    ],
    ids=["bad-code", "no-file", "unknown-to-cldr", "no-command", "no-keep-file"],
)
def test_a_mistake_is_one_located_line_and_exit_2(args, expected):
    result = run_mapgen(*args)  # in the project folder: its data/
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == expected
    assert "Traceback" not in result.stderr


def test_template_writes_every_key_with_the_english_text(tmp_path):
    result = run_mapgen("lang", "template", "es", "--data-dir", DATA)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# The map's texts in es: the same keys as the English")
    path = tmp_path / "es.toml"
    path.write_text(result.stdout, encoding="utf-8")
    checked = run_mapgen("lang", "check", "es", path, "--data-dir", DATA)
    assert checked.returncode == 0, checked.stderr


def test_the_old_module_entry_points_still_work(tmp_path):
    template = _module("mapgen.i18n_template", "de", "--keep", i18n.language_file(DATA, "de"))
    assert template.returncode == 0, template.stderr
    kept = tomllib.loads(template.stdout)
    german = tomllib.loads(i18n.language_file(DATA, "de").read_text(encoding="utf-8"))
    assert kept["map"]["title"] == german["map"]["title"]
    assert (
        template.stdout
        == run_mapgen("lang", "template", "de", "--keep", i18n.language_file(DATA, "de")).stdout
    )
    assert _module("mapgen.i18n", "uk").returncode == 0
    path, line = _broken_german(tmp_path)
    old = _module("mapgen.i18n", "de", path, cwd=tmp_path)
    assert old.returncode == 2
    assert old.stderr.splitlines()[1].startswith(f"de.toml:{line}: key 'map.titel'")
