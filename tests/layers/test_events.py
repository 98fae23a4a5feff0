"""Events: data/events.csv and the events layers."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from mapgen.errors import InputError
from mapgen.join import join
from mapgen.layers import LayerContext, events
from mapgen.layers.events import load_events
from mapgen.layers.model import MarkerSet
from tests.conftest import DATA, TODAY

CATEGORIES = ["Treaties and diplomacy", "Enlargement", "Conflict", "Military activity", "Reactions"]

REQUIRED = {
    date(1949, 4, 4),
    date(1997, 5, 27),
    date(1999, 3, 12),
    date(2004, 3, 29),
    date(2008, 4, 3),
    date(2014, 3, 18),
    date(2014, 4, 12),
    date(2015, 2, 12),
    date(2021, 12, 7),
    date(2021, 12, 17),
    date(2022, 2, 24),
    date(2023, 4, 4),
    date(2024, 3, 7),
}


def test_events_parse_with_their_types(sources):
    table = sources.tables["events"]
    assert len(table) >= 20
    assert all(isinstance(d, date) for d in table["date"])
    assert table["lat"].between(-90, 90).all() and table["lon"].between(-180, 180).all()
    assert table["source"].str.len().min() > 5
    assert table["source_url"].str.match(r"https://").all()
    assert set(table["date"]) >= REQUIRED
    assert table["date"].min() == date(1949, 4, 4)


def test_an_unknown_category_is_located(tmp_path):
    text = (
        (DATA / "events.csv")
        .read_text(encoding="utf-8")
        .replace(",Enlargement,", ",Enlargment,", 1)
    )
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_events(path, CATEGORIES)
    assert len(err.value.problems) == 1
    assert "category 'Enlargment' is not one of the categories in map.toml" in str(err.value)


def _layers(sources, as_of):
    context = LayerContext.from_sources(sources, join(sources, as_of))
    return events.build(context, sources.settings.layers["events"])


def _titles(layer):
    markers = next(c for c in layer.items if isinstance(c, MarkerSet))
    return [m["popup"]["title"] for m in markers.spec["markers"]]


def _later(layer, as_of: date):
    markers = next(c for c in layer.items if isinstance(c, MarkerSet)).spec["markers"]
    return [m["popup"]["title"] for m in markers if m["since"] > as_of.isoformat()]


def test_each_event_is_drawn_from_its_date(sources):
    """Every event sits in its category's layer with its date: the page, the image and the
    timeline draw it from that day on."""
    as_of = date(2021, 12, 17)
    layers = {layer.name: layer for layer in _layers(sources, as_of)}
    later = {title for layer in layers.values() for title in _later(layer, as_of)}
    events = sources.tables["events"]
    assert later == set(events.loc[events["date"] > as_of, "title"])
    assert {
        "Full-scale invasion of Ukraine",
        "Russia claims four more regions",
        "Finland joins NATO",
        "Sweden joins NATO",
        "Russia to station nuclear weapons in Belarus",
        "Kherson retaken",
    } <= later
    assert "Russia publishes its draft treaties" in _titles(
        layers["Events: Treaties and diplomacy"]
    )
    assert sum(len(_titles(layer)) for layer in layers.values()) == len(sources.tables["events"])


def test_nothing_is_later_today(sources):
    layers = _layers(sources, TODAY)
    assert [t for layer in layers for t in _later(layer, TODAY)] == []


def test_popup_carries_date_and_source(sources):
    layers = {layer.name: layer for layer in _layers(sources, date(2021, 12, 17))}
    markers = next(
        c for c in layers["Events: Treaties and diplomacy"].items if isinstance(c, MarkerSet)
    ).spec["markers"]
    act = next(m for m in markers if m["popup"]["title"] == "NATO-Russia Founding Act")
    assert act["popup"]["date"] == "27 May 1997"
    assert act["popup"]["url"].startswith("https://www.nato.int/")
    assert act["tip"] == "27 May 1997: NATO-Russia Founding Act"


def test_categories_follow_map_toml(sources):
    spec = dict(sources.settings.layers["events"])
    spec["categories"] = ["Enlargement"]
    spec["category_names"] = ["Beitritte"]  # as the reader sees it
    spec["colours"] = ["#000000"]
    settings = dataclasses.replace(
        sources.settings, layers={**sources.settings.layers, "events": spec}
    )
    context = dataclasses.replace(
        LayerContext.from_sources(sources, join(sources, date(2021, 12, 17))), settings=settings
    )
    built = events.build(context, spec)
    assert [layer.name for layer in built] == ["Events: Beitritte"]
    assert [layer.part for layer in built] == ["enlargement"]  # the id: from events.csv's name


# One rule for positions (the header of data/events.csv states it per category).


def _country_at(sources, lat, lon):
    """The country shape (id) containing a point, or within 5 km of it (a coast a few hundred
    metres off at Natural Earth's scale), else None."""
    import geopandas as gpd
    import shapely

    countries = sources.shapes[sources.shapes["kind"] == "country"]
    point = gpd.GeoSeries([shapely.Point(lon, lat)], crs=4326).to_crs(3857).iloc[0]
    distance = countries.geometry.to_crs(3857).distance(point)
    return distance.idxmin() if distance.min() < 5_000 else None


def _country_names(sources, shape_id) -> set[str]:
    shapes, members = sources.shapes, sources.members
    code = shapes.at[shape_id, "part_of"] if "-" in shape_id else shape_id
    names = {shapes.at[code, "name"]}
    names |= set(members.loc[members["iso3"] == code, "name"])
    return names


def test_every_event_lies_in_the_country_its_place_names(sources):
    for row in sources.tables["events"].itertuples():
        shape_id = _country_at(sources, row.lat, row.lon)
        assert shape_id is not None, (row.line, row.place)
        country = row.place.split(", ")[-1]
        assert country in _country_names(sources, shape_id), (row.line, row.place, shape_id)


def test_accessions_one_row_per_state_at_its_capital(sources):
    """Enlargement: the joining state's capital, one row a state (reunification: Berlin)."""
    capitals = {  # the capitals as GeoNames names them, for the joining states
        "GRC": "Athens", "TUR": "Ankara", "DEU": "Bonn", "ESP": "Madrid", "CZE": "Prague",
        "HUN": "Budapest", "POL": "Warsaw", "BGR": "Sofia", "EST": "Tallinn", "LVA": "Riga",
        "LTU": "Vilnius", "ROU": "Bucharest", "SVK": "Bratislava", "SVN": "Ljubljana",
        "ALB": "Tirana", "HRV": "Zagreb", "MNE": "Podgorica", "MKD": "Skopje",
        "FIN": "Helsinki", "SWE": "Stockholm",
    }  # fmt: skip
    members = sources.members
    founding = members["accession_date"].min()
    enlargement = sources.tables["events"][sources.tables["events"]["category"] == "Enlargement"]
    for day, joining in members[members["accession_date"] > founding].groupby("accession_date"):
        rows = enlargement[enlargement["date"] == day]
        assert len(rows) == len(joining), day
        placed = {_country_at(sources, r.lat, r.lon) for r in rows.itertuples()}
        assert placed == set(joining["iso3"]), day
        assert {r.place.split(", ")[0] for r in rows.itertuples()} == {
            capitals[c] for c in joining["iso3"]
        }
    reunification = enlargement[enlargement["date"] == date(1990, 10, 3)]
    assert [r.place for r in reunification.itertuples()] == ["Berlin, Germany"]
    assert _country_at(sources, *reunification[["lat", "lon"]].iloc[0]) == "DEU-GDR"


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("North Atlantic Treaty signed", "Washington, United States of America"),  # signed
        ("NATO-Russia Founding Act", "Paris, France"),  # signed
        ("Minsk II", "Minsk, Belarus"),  # signed
        ("Russia publishes its draft treaties", "Moscow, Russia"),  # issued
        ("Russia annexes Crimea", "Moscow, Russia"),  # declared
        ("Full-scale invasion of Ukraine", "Kyiv, Ukraine"),  # the capital attacked
        ("Zapad-2021 begins", "Mulino, Russia"),  # its main stage
        ("HMS Defender off Crimea", "Cape Fiolent, Crimea, Ukraine"),  # the nearest named place
        ("NATO: dialogue must address allies' concerns", "Brussels, Belgium"),  # the seat
    ],
)
def test_the_rule_of_each_category(sources, title, place):
    (row,) = sources.tables["events"][sources.tables["events"]["title"] == title].itertuples()
    assert row.place == place


def test_corrected_sentences(sources):
    rows = {r.title: r for r in sources.tables["events"].itertuples()}
    assert rows["Warsaw Pact signed"].description.startswith(
        "Eight days after West Germany's accession (6 May 1955)"
    )
    assert (date(1955, 5, 14) - date(1955, 5, 6)).days == 8
    assert "Russia's draft agreement with NATO of 2021 takes this date as its baseline" in (
        rows["NATO-Russia Founding Act"].description
    )
    minsk = rows["Minsk II"].description
    assert (
        "Trilateral Contact Group (the OSCE, Russia and Ukraine) and the separatist leaders"
        in minsk
    )
    assert "endorse it in a declaration" in minsk
    assert rows["Russia publishes its draft treaties"].source_url.endswith("/1790803/?lang=en")


def test_new_rows_have_sources_https_links_and_lie_in_the_map_region(sources):
    new = sources.tables["events"][
        sources.tables["events"]["date"].between(date(2021, 6, 1), date(2021, 12, 31))
    ]
    assert len(new) >= 8
    for row in new.itertuples():
        assert row.source and row.source_url.startswith("https://"), row.line
        assert _country_at(sources, row.lat, row.lon) is not None, row.line


# Many events (issue 14): columns on the page, a canvas past a threshold, a stated limit.


def _many(tmp_path, count: int, **kwargs):
    from bench.events import write_events

    return write_events(count, tmp_path / f"events-{count}.csv", **kwargs)


def test_markers_reach_the_page_as_columns(sources, built_map):
    from tests.conftest import page_markers, page_parts

    data = page_parts(built_map).data
    layers = {x["name"]: x for x in data["layers"]}
    item = layers["Events: Conflict"]["items"][0]
    assert "markers" not in item and '"popup":' not in json.dumps(item)  # no object per marker
    assert all(isinstance(v, int) for v in item["lat"] + item["lon"])
    on_page = page_markers(item)
    context = LayerContext.from_sources(sources, join(sources, TODAY))
    layer = next(x for x in events.build(context, sources.settings.layers["events"])
                 if x.name == "Events: Conflict")  # fmt: skip
    built = next(c for c in layer.items if isinstance(c, MarkerSet)).spec["markers"]
    assert len(on_page) == len(built) > 3
    for page_marker, marker in zip(on_page, built, strict=True):
        assert page_marker["lat"] == pytest.approx(marker["lat"], abs=6e-5)
        assert page_marker["lon"] == pytest.approx(marker["lon"], abs=6e-5)
        assert page_marker["tip"] == marker["tip"] and page_marker["since"] == marker["since"]
        assert page_marker["popup.title"] == marker["popup"]["title"]
        assert page_marker["popup.url"] == marker["popup"]["url"]


def test_more_events_than_a_page_holds_is_one_located_line(tmp_path):
    from mapgen.layers.events import MAX_EVENTS
    from tests.conftest import run_mapgen

    table = _many(tmp_path, MAX_EVENTS + 1, own_texts=False)
    out = tmp_path / "out" / "m.html"
    result = run_mapgen("build", "--events", table, "--data-dir", DATA, "--out", out)
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{table}:") and "row 25,001 of 25,001" in first
    assert "at most 25,000 events" in first and "Traceback" not in result.stderr
    assert not out.parent.exists()
    lines = [n for n, text in enumerate(table.read_text().splitlines(), 1)
             if not text.startswith("#")]  # fmt: skip
    assert first.split(":")[1] == str(lines[MAX_EVENTS + 1])  # the row past the limit


@pytest.mark.browser
def test_past_the_threshold_markers_are_dots_on_a_canvas(tmp_path, open_page):
    from mapgen.pipeline import BuildOptions, build

    out = tmp_path / "many" / "m.html"
    build(BuildOptions(out=out, data_dir=DATA, events=_many(tmp_path, 1500), png=False))
    page = open_page(out, fragment="#chapter=explore&as-of=2024-03-07")
    # every marker set of the page: five event categories, forces, nuclear sites, build-up
    assert page.locator("canvas.mg-dots").count() == 8
    assert page.evaluate("document.querySelectorAll('path.leaflet-interactive').length") < 200
    shown = """() => { let n = 0; mapgen.map.eachLayer(l => {
        if (l._shown && l._spec.key.startsWith('Events'))
          n += l._shown.reduce((a, b) => a + b, 0); }); return n; }"""
    everything = page.evaluate(shown)
    assert 1400 < everything <= 1500
    # a dot answers the pointer: its tooltip, and on a click its popup
    point = page.evaluate("""() => { let p = null; mapgen.map.eachLayer(l => {
        if (!p && l._shown && l._grid && l._spec.key.startsWith('Events')) {
          const cell = Object.values(l._grid)[0];
          if (cell) { const i = cell[cell.length - 1];
            p = [l._x[i] * l._scale - l._dx, l._y[i] * l._scale - l._dy]; } } });
        const r = mapgen.map.getContainer().getBoundingClientRect();
        return [r.left + p[0], r.top + p[1]]; }""")
    page.mouse.move(*point)
    page.locator(".leaflet-tooltip").wait_for()
    assert page.locator(".leaflet-tooltip").count() == 1  # one dot answers, where sets overlap
    tip = page.locator(".leaflet-tooltip").inner_text()
    assert ": " in tip
    page.mouse.click(*point)
    titles = page.locator(".leaflet-popup .mg-popup-title").all_inner_texts()
    assert titles == [tip.split(": ", 1)[1]]  # the dot's own popup, not the place's beneath
    # the date moves the dots: fewer at the start of 2015 than in 2024
    page.locator("#mg-date").focus()
    page.keyboard.press("Home")
    assert page.evaluate(shown) < everything / 2
    assert page.console_errors == []
