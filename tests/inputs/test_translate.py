"""The language files of data/i18n: exactly the English keys, checked with located errors; and
the formats of the languages (Babel)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, run_mapgen

from mapgen.inputs import translate as i18n

DATA = ROOT / "data"
LANGS = [lang for lang in i18n.available(DATA) if lang != "en"]


def test_the_six_languages_are_there():
    assert LANGS == ["ar", "de", "fr", "pl", "ru", "uk"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_file_has_exactly_the_english_keys(sources, lang):
    entries = i18n.english(sources.settings.raw, sources, sources.shapes, lang)
    raw = tomllib.loads(i18n.language_file(DATA, lang).read_text(encoding="utf-8"))
    keys = {key for key, _value in i18n.flatten(raw, entries)}
    # the English keys, and perhaps a country named otherwise than by Natural Earth
    assert set(entries) <= keys
    assert keys - set(entries) <= set(i18n.optional_names(sources.shapes))
    assert len(entries) > 400  # map.toml's texts, the tables' rows, the oblasts and seas
    # and every value holds to its English text (placeholders, lists, plural forms)
    optional = i18n.optional_names(sources.shapes)
    assert len(i18n.read(DATA, lang, entries, optional=optional).texts) == len(keys)


def test_english_keys_cover_every_reader_text(sources):
    entries = i18n.english(sources.settings.raw, sources, sources.shapes, "de")
    assert entries["map.title"].value == sources.settings.map["title"]
    sources_of_donbas = entries["chapters.donbas.sources"].value  # titles only: links stay
    assert sources_of_donbas[0] == "United Nations General Assembly, resolution 68/262"
    assert "events.2021-12-17-3.title" in entries  # the third event of that day
    assert "draft_articles.agreement-7.summary" in entries
    assert entries["names.UKR-05"].value == "Donetsk"  # oblasts: Natural Earth has no German
    assert "names.UKR" not in entries  # countries: Natural Earth's name_de
    assert "map.attribution_prefix" not in entries and "map.popup_order" not in entries


def _data_with(tmp_path: Path, lang: str, change) -> Path:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "i18n" / f"{lang}.toml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return data


def _build(tmp_path: Path, data: Path, lang: str):
    out = tmp_path / "out" / "map.html"
    result = run_mapgen("build", "--data-dir", data, "--out", out, "--lang", lang, "--no-png")
    return result, out


def test_a_missing_and_an_extra_key_are_located(tmp_path):
    def change(text: str) -> str:
        lines = text.split("\n")
        at = lines.index("[map]")
        assert lines[at + 1].startswith("title = ")
        lines[at + 1] = 'titel = "Die NATO"'  # a typo: title missing, titel unknown
        return "\n".join(lines)

    data = _data_with(tmp_path, "de", change)
    result, out = _build(tmp_path, data, "de")
    assert result.returncode == 2, result.stderr
    line = next(n for n, t in enumerate((data / "i18n/de.toml").read_text().split("\n"), 1)
                if t.startswith("titel"))  # fmt: skip
    assert f"data/i18n/de.toml:{line}: key 'map.titel' is not an English text" in result.stderr
    assert "(did you mean map.title?)" in result.stderr
    assert "key 'map.title' is missing (English: " in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.parent.exists()  # nothing written


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('"{date}: {count} Mitglieder {name}"', "has the placeholder {name}"),
        ('"{date}: Mitglieder"', "lacks {count}, which the English text has"),
        ('{ one = "{date}: {count}", few = "{date}: {count}" }', "de has one, other"),
        ('{ one = "{date}: {count}" }', "has the plural forms ['one']"),
        ("42", "is not a text or a table of plural forms"),
    ],
)
def test_placeholders_and_plural_forms_are_checked(tmp_path, new, message):
    def change(text: str) -> str:
        lines = text.split("\n")
        at = lines.index("[timeline]") + 1
        while not lines[at].startswith("label = "):
            at += 1
        lines[at] = f"label = {new}"
        return "\n".join(lines)

    data = _data_with(tmp_path, "de", change)
    result, _out = _build(tmp_path, data, "de")
    assert result.returncode == 2
    assert "data/i18n/de.toml:" in result.stderr and "'timeline.label'" in result.stderr
    assert message in result.stderr


def test_a_language_without_a_file_and_a_bad_code(tmp_path):
    result, out = _build(tmp_path, DATA, "es")
    assert result.returncode == 2
    assert (
        "data/i18n/es.toml: no such file: mapgen has no texts in 'es' (it has en, ar, de"
        in result.stderr
    )
    result, out = _build(tmp_path, DATA, "de,xx-1")
    assert result.returncode == 2 and "'xx-1' is not a language code" in result.stderr
    result, out = _build(tmp_path, DATA, "de,de")
    assert result.returncode == 2 and "names a language twice" in result.stderr
    assert not out.parent.exists()


def test_the_translated_texts_reach_the_layers(sources):
    translated = i18n.translate(sources, DATA, "uk")
    assert translated.shapes.at["UKR-05", "name"] != "Donetsk"
    assert translated.shapes.at["UKR", "name"] == "Україна"  # Natural Earth's name_uk
    assert translated.settings.ui["play"] != sources.settings.ui["play"]
    assert translated.settings.map["title"] != sources.settings.map["title"]
    members = dict(zip(translated.members["iso3"], translated.members["name"], strict=True))
    assert members["POL"] == "Польща"
    # the ids of the layers stay those of the English files
    assert (
        translated.tables["events"]["category"].tolist()
        == sources.tables["events"]["category"].tolist()
    )
    assert (
        translated.settings.layers["events"]["categories"]
        == (sources.settings.layers["events"]["categories"])
    )


# Numbers a translation writes in words, as its language prefers (they are checked by eye).
NUMBERS_IN_WORDS = {
    ("ru", "chapters.enlargement.text"),  # "Twelve states" → "12 государств"
    ("ar", "events.1955-05-06.description"),  # ordinals: "the 15th member" → "الخامس عشر"
    ("ar", "events.1982-05-30.description"),
    ("ar", "events.2017-06-05.description"),
    ("ar", "events.2020-03-27.description"),
    ("ar", "events.2023-04-04.description"),
    ("ar", "events.2023-04-04.source"),
    ("ar", "events.2024-03-07.description"),
}


def _numbers(value) -> list[str]:
    """The numbers in a text: 14,000 = 14.000 = 14 000 = 14 ألف; Minsk II = Минск-2."""
    if isinstance(value, dict):
        value = value["other"]
    if isinstance(value, list):
        value = " ".join(value)
    value = re.sub(r"\bII\b", "2", value)  # Minsk II = Минск-2
    value = re.sub(r"(\d+)\s*(ألفًا|ألف)", r"\g<1>000", value)
    value = re.sub(r"(?<=\d)[\s.,](?=\d{3}\b)", "", value)
    return sorted(re.findall(r"\d+", value))


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_every_number(sources, lang):
    """Every date, count and figure of an English text is in its translation, and no other."""
    entries = i18n.english(sources.settings.raw, sources, sources.shapes, lang)
    texts = i18n.read(DATA, lang, entries, optional=i18n.optional_names(sources.shapes)).texts
    changed = {
        key: (_numbers(entry.value), _numbers(texts[key]))
        for key, entry in entries.items()
        if _numbers(entry.value) != _numbers(texts[key]) and (lang, key) not in NUMBERS_IN_WORDS
    }
    assert not changed


def test_a_file_may_name_a_country_its_own_way(sources, tmp_path):
    translated = i18n.translate(sources, DATA, "ru")
    assert translated.shapes.at["BLR", "name"] == "Беларусь"  # Natural Earth: Белоруссия
    members = dict(zip(translated.members["iso3"], translated.members["name"], strict=True))
    assert members["POL"] == "Польша"  # the others stay Natural Earth's

    def change(text: str) -> str:
        return text.rstrip("\n") + '\nXYZ = "Нигде"\n'  # [names] is the last table

    data = _data_with(tmp_path, "ru", change)
    result, _out = _build(tmp_path, data, "ru")
    assert result.returncode == 2
    assert "key 'names.XYZ' is not an English text" in result.stderr


def test_an_array_left_open_is_located_where_it_opened(tmp_path):
    def change(text: str) -> str:  # the articles' column names over two lines, unclosed
        old = 'columns = ["Entwurf", "Artikel", "Was er verlangt (sinngemäß)", "Auf der Karte"]'
        return text.replace(old, 'columns = ["Entwurf", "Artikel",\n  "Auf der Karte"\n')

    data = _data_with(tmp_path, "de", change)
    text = (data / "i18n/de.toml").read_text(encoding="utf-8")
    line = text[: text.index("columns = [")].count("\n") + 1
    result, out = _build(tmp_path, data, "de")
    assert result.returncode == 2, result.stderr
    assert (
        f"{data / 'i18n/de.toml'}:{line}: invalid TOML: the array opened here is not closed, "
        f"or a comma is missing in it (the parser noticed at line {line + 3}, column 1: "
        "Unclosed array)"
    ) in result.stderr.splitlines()
    assert not out.parent.exists()


def test_a_table_cell_with_a_brace_is_plain_text_in_english_and_translated(tmp_path):
    import shutil

    from tests.conftest import page_parts, rewrite_csv

    data = tmp_path / "data"
    shutil.copytree(DATA, data)

    def change(row):
        if row["date"] == "1949-04-04":
            row["title"] = "Treaty { signed"  # a stray brace: text, not a template

    rewrite_csv(data / "events.csv", change)
    path = data / "i18n" / "de.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'title = "Nordatlantikvertrag', 'title = "{Vertrag} Nordatlantikvertrag', 1
        ),
        encoding="utf-8",
    )
    result, out = _build(tmp_path, data, "de")
    assert result.returncode == 0, result.stderr
    [page] = [p for p in out.parent.glob("*.html") if not p.name.endswith(".embed.html")]
    assert "{Vertrag} Nordatlantikvertrag unterzeichnet" in str(page_parts(page).data)
