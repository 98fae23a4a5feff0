"""The template of a language file: every key with its English text."""

from __future__ import annotations

import tomllib

from conftest import ROOT

from mapgen import i18n, i18n_template
from mapgen.inputs import translate

DATA = ROOT / "data"


def test_the_template_starts_a_new_language(tmp_path):
    # Georgian: Natural Earth has no name_ka, so the file names the countries too
    path = tmp_path / "ka.toml"
    path.write_text(i18n_template.template(DATA, "ka"), encoding="utf-8")
    found = i18n.check_file(DATA, "ka", path)  # every key, each with its English text
    english = tomllib.loads((DATA / "map.toml").read_text(encoding="utf-8"))
    assert found.texts["map.title"] == english["map"]["title"]
    assert found.texts["names.UKR"] == "Ukraine"
    # Spanish: Natural Earth's name_es names the countries
    spanish = i18n_template.template(DATA, "es")
    assert "UKR = " not in spanish and 'UKR-05 = "Donetsk"' in spanish
    # --keep: a file's translations survive, so after a change to the English texts only the
    # new keys need translating
    kept = tomllib.loads(translate.language_file(DATA, "de").read_text(encoding="utf-8"))
    again = tmp_path / "de.toml"
    again.write_text(i18n_template.template(DATA, "de", kept), encoding="utf-8")
    assert i18n.check_file(DATA, "de", again).texts == i18n.check_file(DATA, "de").texts
    # and a country the file names its own way
    kept = tomllib.loads(translate.language_file(DATA, "ru").read_text(encoding="utf-8"))
    again.write_text(i18n_template.template(DATA, "ru", kept), encoding="utf-8")
    assert i18n.check_file(DATA, "ru", again).texts == i18n.check_file(DATA, "ru").texts


def test_the_template_keeps_its_comments_and_quotes_what_toml_needs():
    text = i18n_template.template(DATA, "ru")
    lines = text.splitlines()
    assert lines[0].startswith("# The map's texts in ru: the same keys as the English texts")
    assert lines[3] == "# language's plural forms (few, many, one, other)."
    plural = lines.index("# plural: may be { few = …, many = …, one = …, other = … }")
    assert lines[plural + 1].startswith("summary = ")  # the comment sits on its key
    parsed = tomllib.loads(text)  # dotted tables, quoted keys and plural tables parse back
    assert parsed["layers"]["seas"]["name"] == "Sea: {name}"
    assert lines[plural - 2 : plural] == ["", "[description]"]
