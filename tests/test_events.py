"""Events: data/events.csv and the events layers."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from mapgen.errors import InputError
from mapgen.join import join
from mapgen.layers import LayerContext, events
from mapgen.layers.shapes import MarkerSet
from mapgen.load import load_events
from tests.conftest import DATA, TODAY

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
    table = sources.events
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
        load_events(path, ["Treaties and diplomacy", "Enlargement", "Conflict"])
    assert len(err.value.problems) == 1
    assert "category 'Enlargment' is not one of the categories in map.toml" in str(err.value)


def _layers(sources, as_of):
    context = LayerContext(
        shapes=sources.shapes,
        joined=join(sources, as_of),
        settings=sources.settings,
        events=sources.events,
        buildup=sources.buildup,
    )
    return events.build(context, sources.settings.layers["events"])


def _titles(layer):
    markers = next(c for c in layer.items if isinstance(c, MarkerSet))
    return [m["popup"]["title"] for m in markers.spec["markers"]]


def test_events_after_as_of_land_in_since_then(sources):
    layers = {layer.name: layer for layer in _layers(sources, date(2021, 12, 17))}
    since = layers["Events: since then"]
    assert since.show is False
    assert _titles(since) == [
        "Full-scale invasion of Ukraine",
        "Russia claims four more regions",
        "Finland joins NATO",
        "Sweden joins NATO",
    ]
    assert "Russia publishes its draft treaties" in _titles(
        layers["Events: Treaties and diplomacy"]
    )
    shown = sum(len(_titles(layer)) for name, layer in layers.items() if name != since.name)
    assert shown + 4 == len(sources.events)


def test_nothing_is_later_today(sources):
    layers = {layer.name: layer for layer in _layers(sources, TODAY)}
    assert _titles(layers["Events: since then"]) == []


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
    spec["colours"] = ["#000000"]
    settings = dataclasses.replace(
        sources.settings, layers={**sources.settings.layers, "events": spec}
    )
    context = LayerContext(
        shapes=sources.shapes,
        joined=join(sources, date(2021, 12, 17)),
        settings=settings,
        events=sources.events,
        buildup=sources.buildup,
    )
    names = [layer.name for layer in events.build(context, spec)]
    assert names == ["Events: Enlargement", "Events: since then"]
