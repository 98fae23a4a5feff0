"""layers: one module per layer, same shape, the right shapes in each."""

from __future__ import annotations

import inspect
import re

from mapgen.inputs import input_paths, table_declarations
from mapgen.inputs.tables import Table
from mapgen.layers import REGISTRY, inputs
from mapgen.layers.model import MarkerSet, ShapeSet
from tests.conftest import DATA


def _by_name(layers):
    return {layer.name: layer for layer in layers}


def _features(layer):
    sets = [c for c in layer.items if isinstance(c, ShapeSet)]
    return [f for s in sets for f in s.spec["features"]]


def test_every_registered_layer_has_the_same_builder():
    for name, module in REGISTRY.items():
        assert list(inspect.signature(module.build).parameters) == ["context", "spec"], name
        assert module.__doc__, name


def test_every_table_a_layer_declares_is_in_data_and_read_by_the_build(sources):
    declared = inputs()
    paths = input_paths(DATA, declared)
    tables = [module.TABLE for module in REGISTRY.values() if hasattr(module, "TABLE")]
    assert {t.name for t in tables} >= {"posture", "nuclear", "buildup", "events"}
    for table in tables:
        assert isinstance(table, Table)
        assert (DATA / table.file).is_file(), table.file
        assert DATA / table.file in paths, table.file  # a build never writes over it
        assert table.name in sources.tables and table_declarations(declared)[table.name] is table
        assert not table.translated or table.row_key, table.name  # a language file names rows


def test_every_layer_in_map_toml_has_a_builder(sources):
    assert set(sources.settings.layers) <= set(REGISTRY)


def test_one_overlay_per_wave_later_waves_off(layers_2021):
    names = _by_name(layers_2021)
    for year in (1949, 1952, 1955, 1982, 1999, 2004, 2009, 2017, 2020):
        assert names[str(year)].show is True
    assert names["1990: German reunification"].show is True
    for year in (2023, 2024):
        assert names[f"{year} (later)"].show is False
    assert {f["id"] for f in _features(names["1999"])} == {"CZE", "HUN", "POL"}
    assert {f["id"] for f in _features(names["1990: German reunification"])} == {"DEU-GDR"}


def test_wave_colours_are_ordered_and_distinct(layers_2021, sources):
    waves = [layer for layer in layers_2021 if re.fullmatch(r"\d{4}( \(later\)|: .+)?", layer.name)]
    colours = [next(iter(layer.items)).spec["style"]["fillColor"] for layer in waves]
    assert colours == sources.settings.style["waves"][: len(colours)]
    assert len(set(colours)) == len(colours) == 12
    # the key shows what the map draws: a later wave, faded over the land
    later = next(layer for layer in waves if layer.legend.off)
    assert later.legend.color != later.items[0].spec["style"]["fillColor"]


def test_tooltips_name_country_and_date(layers_2021):
    tips = {f["id"]: f["tip"] for f in _features(_by_name(layers_2021)["1999"])}
    assert tips["POL"] == "Poland: NATO member since 12 March 1999"
    later = {f["id"]: f["tip"] for f in _features(_by_name(layers_2021)["2023 (later)"])}
    assert later["FIN"] == "Finland: joined NATO on 4 April 2023, after 17 December 2021"


def test_baseline_marks_the_14_later_members(layers_2021):
    baseline = _by_name(layers_2021)["1997 baseline: where it would bite hardest (map's reading)"]
    drawn = {f["id"] for f in _features(baseline) if f["since"] <= "2021-12-17"}
    later = {f["id"]: f["since"] for f in _features(baseline) if f["since"] > "2021-12-17"}
    assert later == {"FIN": "2023-04-04", "ALD": "2023-04-04", "SWE": "2024-03-07"}
    assert drawn == {
        "CZE",
        "HUN",
        "POL",
        "BGR",
        "EST",
        "LVA",
        "LTU",
        "ROU",
        "SVK",
        "SVN",
        "ALB",
        "HRV",
        "MNE",
        "MKD",
    }
    spec = next(c for c in baseline.items if isinstance(c, ShapeSet)).spec
    popup = spec["popup"]
    assert spec["style"]["hatch"] == "baseline"
    # a reading, labelled as one: the clause with its exception, and "not all forces"
    assert (
        "in addition to the forces stationed on that territory as of 27 May 1997" in popup["text"]
    )
    assert "in exceptional cases to eliminate a threat to security" in popup["text"]
    assert "not all forces" in popup["text"] and "the map's reading" in popup["text"]
    assert "Article 4" in popup["source"] and popup["url"].endswith("/1790803/?lang=en")
    assert "map's reading" in baseline.legend.label and "no forces" not in baseline.legend.label


def test_treaty_zone_and_bucharest(layers_2021):
    names = _by_name(layers_2021)
    treaty_zone = names["No NATO military activity (map's reading)"]
    zone = {f["id"] for f in _features(treaty_zone)}
    assert zone == {"UKR", "BLR", "MDA", "ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB"}
    popup = next(c for c in treaty_zone.items if isinstance(c, ShapeSet)).spec["popup"]
    assert "does not say which states" in popup["text"] and "Article 4" in popup["text"]
    assert popup["url"].endswith("/1790803/?lang=en")  # Articles 6 and 7 of the agreement
    assert [url for _, url in popup["more"]] == [
        "https://mid.ru/ru/foreign_policy/rso/nato/1790818/?lang=en"
    ]
    bucharest = names["Bucharest 2008 promise"]
    assert {f["id"] for f in _features(bucharest)} == {"UKR", "GEO"}
    text = next(c for c in bucharest.items if isinstance(c, ShapeSet)).spec["popup"]["text"]
    assert "rescind" not in text and "do not name Bucharest" in text
    assert "10 December 2021" in text and "formally disavow" in text


def test_base_is_not_in_the_control_and_covers_every_country(layers_2021, sources):
    base = layers_2021[0]
    assert base.control is False
    countries = sources.shapes[sources.shapes["kind"] == "country"].index
    assert set(base.shape_ids) == set(countries)


def test_donbas_layers(layers_2021, sources):
    names = _by_name(layers_2021)
    oblasts = names["Donbas: Donetsk and Luhansk oblasts"]
    assert {f["id"] for f in _features(oblasts)} == {"UKR-05", "UKR-14"}
    held = names["Donbas: held by Russia-backed forces, 2015-2022 (approx.)"]
    popup = next(c for c in held.items if isinstance(c, ShapeSet)).spec["popup"]
    assert "Approximate: about 16,993 km²" in popup["text"]
    assert "over 14,000" in popup["text"] and "126 places" in popup["text"]
    assert "Studenok, just outside them in Kharkiv oblast" in popup["text"]
    crimea = names["Crimea: occupied by Russia since 2014"]
    assert {f["id"] for f in _features(crimea)} == {"UKR-11", "UKR-20"}
    tips = {f["tip"] for f in _features(crimea)}
    assert "Sevastopol: Ukrainian territory occupied by Russia since 2014" in tips
    buildup = names["Russian build-up, 2021"]
    markers = next(c for c in buildup.items if isinstance(c, MarkerSet))
    assert len(markers.spec["markers"]) == len(sources.tables["buildup"]) >= 3
    dates = [m["popup"]["date"] for m in markers.spec["markers"]]
    assert all(d.startswith(("Reported April 2021:", "Reported November 2021:")) for d in dates)
    assert "70,000" in markers.spec["markers"][0]["popup"]["text"]


def test_sea_layers(layers_2021):
    names = _by_name(layers_2021)
    for name, sea_id in [
        ("Sea: Black Sea", "SEA-BLACK"),
        ("Sea: Sea of Azov", "SEA-AZOV"),
        ("Sea: Baltic Sea", "SEA-BALTIC"),
    ]:
        spec = next(c for c in names[name].items if isinstance(c, ShapeSet)).spec
        assert [f["id"] for f in spec["features"]] == [sea_id]
        assert spec["style"]["pane"] == "mgSeas"
        text = spec["popup"]["text"]
        assert "Article 5 of the draft treaty with the United States names no sea" in text
        assert spec["popup"]["url"].endswith("/1790818/?lang=en")
        if sea_id == "SEA-AZOV":
            assert "Neither draft names the Sea of Azov" in text
        else:
            assert "(primarily in the Baltics and the Black Sea region)" in text


def test_base_names_members_as_the_members_table_does(layers_2021):
    from mapgen.layers.model import Labels

    base = layers_2021[0]
    labels = next(c for c in base.items if isinstance(c, Labels)).labels
    names = {label["name"] for label in labels}
    assert {"Czechia", "Türkiye", "Russia", "Ukraine"} <= names
    assert "Czech Republic" not in names and "Turkey" not in names
    tips = {f["id"]: f["tip"] for f in _features(base)}
    assert tips["CZE"] == "Czechia" and tips["BLR"] == "Belarus"


def test_a_sea_is_named_in_the_part_a_chapter_shows(layers_2021, sources):
    """The Black Sea's pole lies south of the Donbas chapter's view: its name has an anchor in
    the water that view shows (Label.also); a sea whose pole every view holds has none."""
    from shapely.geometry import Point, box

    from mapgen.layers.countries import _sea_anchors
    from mapgen.layers.model import Labels

    labels = next(c for c in layers_2021[0].items if isinstance(c, Labels)).labels
    seas = {label["name"]: label for label in labels if label.get("kind") == "sea"}
    donbas = next(c for c in sources.settings.chapters if c["id"] == "donbas")["bounds"]
    (south, west), (north, east) = donbas
    black = seas["Black Sea"]
    assert not box(west, south, east, north).contains(Point(black["lon"], black["lat"]))
    water = sources.shapes.loc["SEA-BLACK"].geometry
    inside = [a for a in black["also"] if box(west, south, east, north).contains(Point(a[::-1]))]
    assert inside and all(water.contains(Point(a[::-1])) for a in inside)
    assert "also" not in seas["Sea of Azov"]
    square, middle = box(0, 0, 10, 10), Point(5, 5)
    assert _sea_anchors(square, middle, [[[0, 0], [10, 10]]]) == []  # the pole is in the view
    assert _sea_anchors(square, middle, [[[6, 6], [11, 11]]]) == [[8.0, 8.0]]  # pole of [6, 10]²
