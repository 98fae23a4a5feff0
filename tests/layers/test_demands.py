"""The demands the map used to leave out: the forces the 1997 demand would remove, the reported
nuclear sites, and the index of every article of both drafts."""

from __future__ import annotations

import re
from datetime import date

import pytest

from mapgen.errors import InputError
from mapgen.inputs.core import load_articles
from mapgen.layers import REGISTRY
from mapgen.layers.model import MarkerSet

AGREEMENT = "https://mid.ru/ru/foreign_policy/rso/nato/1790803/?lang=en"
TREATY = "https://mid.ru/ru/foreign_policy/rso/nato/1790818/?lang=en"


HEADER = (
    "document,article,summary,on_map,not_mapped,source,source_url,"
    "since,since_date,since_source,since_url"
)


def _by_name(layers):
    return {layer.name: layer for layer in layers}


def _markers(layer):
    return next(c for c in layer.items if isinstance(c, MarkerSet)).spec["markers"]


def _in_view(sources, lat, lon) -> bool:
    (south, west), (north, east) = sources.settings.map["bounds"]
    return south <= lat <= north and west <= lon <= east


@pytest.mark.parametrize("table", ["posture", "nuclear"])
def test_every_row_has_a_source_an_https_link_and_lies_in_the_map_region(sources, table):
    rows = sources.tables[table]
    assert len(rows) >= 6
    for row in rows.itertuples():
        assert row.source and row.source_url.startswith("https://"), (table, row.line)
        assert _in_view(sources, row.lat, row.lon), (table, row.name)
        # inside, or within 5 km of, the state it is in
        import geopandas as gpd
        import shapely

        point = gpd.GeoSeries([shapely.Point(row.lon, row.lat)], crs=4326).to_crs(3857).iloc[0]
        shape = sources.shapes.loc[[row.iso3]].geometry.to_crs(3857).iloc[0]
        assert shape.distance(point) < 5_000, (table, row.name)


def test_posture_follows_the_date(layers_2021, sources):
    layer = next(x for x in layers_2021 if x.name.startswith("Allied forces since 1997"))
    markers = _markers(layer)
    cut = date(2021, 12, 17).isoformat()
    now = {m["popup"]["title"] for m in markers if m["since"] <= cut}
    later = {m["popup"]["title"] for m in markers if m["since"] > cut}
    assert len(now) == 7 and len(later) == 5  # the 2022 battlegroups and Redzikowo are later
    assert any(t.startswith("Tapa") for t in now) and any(t.startswith("Redzikowo") for t in later)
    assert len(markers) == len(sources.tables["posture"])
    assert all(AGREEMENT in [url for _, url in m["popup"]["more"]] for m in markers)


def test_posture_is_a_labelled_reading(layers_2021):
    layer = next(x for x in layers_2021 if x.name.startswith("Allied forces since 1997"))
    assert "map's reading" in layer.name
    popup = _markers(layer)[0]["popup"]
    assert "in the map's reading" in popup["text"] and "Position:" in popup["text"]


def test_nuclear_sites_are_reported_not_confirmed(layers_2021, sources):
    layer = _by_name(layers_2021)["US nuclear bombs, reported (not officially confirmed)"]
    markers = _markers(layer)
    assert len(markers) == len(sources.tables["nuclear"]) == 6
    assert {m["popup"]["title"] for m in markers} >= {"Büchel Air Base", "Incirlik Air Base"}
    for m in markers:
        assert m["popup"]["date"] == "Reported, not officially confirmed"
        assert "not officially confirmed" in m["tip"]
        assert [url for _, url in m["popup"]["more"]] == [TREATY]  # Article 7 of the treaty
        assert "NATO Parliamentary Assembly" in m["popup"]["source"]


def test_every_article_of_both_drafts_is_indexed(sources):
    articles = sources.articles
    assert sorted(articles[articles["document"] == "treaty"]["article"]) == list(range(1, 9))
    assert sorted(articles[articles["document"] == "agreement"]["article"]) == list(range(1, 10))
    links = dict(zip(articles["document"], articles["source_url"], strict=False))
    assert links == {"treaty": TREATY, "agreement": AGREEMENT}
    shown = {(r.document, r.article): r.layers for r in articles.itertuples() if r.layers}
    assert shown[("agreement", 4)] == ["baseline", "posture"]
    assert shown[("treaty", 7)] == ["nuclear"]
    assert shown[("agreement", 7)] == ["treaty_zone"]
    missiles = articles[articles["summary"].str.contains("intermediate")]
    assert len(missiles) == 2 and not any(missiles["layers"].map(len))  # said, not mapped
    assert all("range" in why for why in missiles["not_mapped"])


def test_an_unknown_layer_or_a_silent_row_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.csv").write_text(
        f"{HEADER}\n"
        "treaty,1,Text,seaz,,MFA,https://mid.ru/,No outcome to report.,,,\n"
        "treaty,2,Text,,,MFA,https://mid.ru/,No outcome to report.,,,\n"
        "pact,3,Text,seas,,MFA,https://mid.ru/,No outcome to report.,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_articles(tmp_path / "a.csv", REGISTRY)
    messages = [str(p) for p in err.value.problems]
    assert messages[0] == "a.csv:4: document 'pact' is not one of treaty, agreement"


def test_every_article_says_what_became_of_it(sources):
    """The clause index's "Since then": a sentence for every article; where it names a fact
    since 17 December 2021, the latest one's date (a year the sentence names), source and
    https link; where it names none, it says there is no outcome."""
    for row in sources.articles.itertuples():
        assert isinstance(row.since, str) and len(row.since) > 20, row.line
        if re.search(r"\b20[2-9][0-9]\b", row.since):
            assert isinstance(row.since_date, date), row.line
            assert date(2021, 12, 17) < row.since_date <= date.today(), row.line
            assert str(row.since_date.year) in row.since, row.line
            assert isinstance(row.since_source, str) and row.since_source, row.line
            assert row.since_url.startswith("https://"), row.line
        else:
            assert row.since_date is None and not isinstance(row.since_url, str), row.line
            assert "no outcome" in row.since.lower(), row.line
    named = sources.articles.set_index(["document", "article"])["since"]
    assert "Finland joined NATO on 4 April 2023" in named[("agreement", 6)]
    assert "Belarus" in named[("treaty", 7)]


def test_a_bad_since_value_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = "treaty,{n},Text,seas,,MFA,https://mid.ru/"
    (tmp_path / "a.csv").write_text(
        f"{HEADER}\n"
        f"{good.format(n=1)},,,,\n"
        f"{good.format(n=2)},Finland joined.,2023-04-31,NATO,https://www.nato.int/\n"
        f"{good.format(n=3)},Finland joined.,2023-04-04,NATO,ftp://nato.int/\n"
        f"{good.format(n=4)},Finland joined.,2023-04-04,NATO,https://www.nato.int/\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_articles(tmp_path / "a.csv", REGISTRY)
    messages = [str(p) for p in err.value.problems]
    assert messages[0] == "a.csv:2: since is empty"
    assert messages[1].startswith("a.csv:3: since_date '2023-04-31' ")
    assert messages[2] == "a.csv:4: since_url 'ftp://nato.int/' is not an http(s) URL"
    assert len(messages) == 3
    # a dated fact without its source (or a source without its date)
    (tmp_path / "b.csv").write_text(
        f"{HEADER}\n"
        f"{good.format(n=1)},Finland joined.,2023-04-04,,\n"
        f"{good.format(n=2)},Finland joined.,,NATO,https://www.nato.int/\n"
        f"{good.format(n=3)},Finland joined.,2023-04-04,NATO,https://www.nato.int/\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_articles(tmp_path / "b.csv", REGISTRY)
    assert [str(p) for p in err.value.problems] == [
        "b.csv:2: since_source is empty, but since_date '2023-04-04' is given: a fact since "
        "2021 has its date, source and link (or none of them)",
        "b.csv:3: since_date is empty, but since_source 'NATO' is given: a fact since "
        "2021 has its date, source and link (or none of them)",
    ]
