"""The story shapes: the Donbas held area and the seas (scripts/prepare_story_geo.py)."""

from __future__ import annotations

import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from tests.conftest import DATA, ROOT

EQUAL_AREA = 6933


def km2(geom) -> float:
    return gpd.GeoSeries([geom], crs=4326).to_crs(EQUAL_AREA).area.iloc[0] / 1e6


@pytest.fixture(scope="module")
def towns():
    return pd.read_csv(DATA / "donbas_towns_2015_2022.csv", comment="#")


def test_towns_table_keeps_its_attribution():
    head = (DATA / "donbas_towns_2015_2022.csv").read_text(encoding="utf-8").splitlines()[:4]
    assert any("GeoNames (CC BY 4.0)" in line for line in head)
    assert any("OSCE Special Monitoring Mission" in line for line in head)


def test_every_town_lies_on_its_recorded_side(sources, towns):
    held = sources.shapes.geometry["DONBAS-HELD"]
    wrong = [
        (t.name, t.side_before_2022_02_24)
        for t in towns.itertuples()
        if held.contains(shapely.Point(t.lon, t.lat))
        != (t.side_before_2022_02_24 == "separatist-held")
    ]
    assert wrong == []
    assert len(towns) == 126


def test_held_area_is_about_a_third_of_the_two_oblasts(sources):
    held = km2(sources.shapes.geometry["DONBAS-HELD"])
    oblasts = km2(shapely.union_all(sources.shapes.geometry[["UKR-05", "UKR-14"]].values))
    assert 15_000 <= held <= 19_000
    assert 0.28 <= held / oblasts <= 0.38
    assert abs(sources.shapes.at["DONBAS-HELD", "area_km2"] - held) < 50  # the popup's figure


def test_held_area_stays_inside_ukraine(sources):
    held = sources.shapes.geometry["DONBAS-HELD"]
    assert km2(held.difference(sources.shapes.geometry["UKR"].buffer(0.01))) < 1
    assert km2(held.intersection(sources.shapes.geometry["RUS"])) < 1


@pytest.mark.parametrize(
    "sea_id, low, high",
    [
        ("SEA-BLACK", 420_000, 436_000),
        ("SEA-AZOV", 38_000, 39_000),
        # ~375,000 km² is the usual figure; the 1:10m coast and the lagoons it keeps give ~385,000
        ("SEA-BALTIC", 365_000, 395_000),
    ],
)
def test_sea_areas_are_in_range(sources, sea_id, low, high):
    assert low <= km2(sources.shapes.geometry[sea_id]) <= high


def test_seas_are_valid_apart_and_off_land(sources):
    shapes = sources.shapes
    seas = shapes[shapes["kind"] == "sea"].geometry
    assert len(seas) == 3 and seas.is_valid.all()
    for i, a in enumerate(seas.index):
        for b in seas.index[i + 1 :]:
            assert km2(seas[a].intersection(seas[b])) < 1, (a, b)
    land = shapely.union_all(shapes[shapes["kind"] == "country"].geometry.values)
    for sea_id, geom in seas.items():
        assert km2(geom.intersection(land)) < 0.001 * km2(geom), sea_id  # a sliver at most


def test_seas_stop_at_the_straits(sources):
    seas = sources.shapes.geometry
    assert not seas["SEA-BLACK"].contains(shapely.Point(28.95, 40.9))  # Sea of Marmara
    assert seas["SEA-AZOV"].contains(shapely.Point(36.55, 45.3))  # Kerch Strait, north of the limit
    assert not seas["SEA-BALTIC"].contains(shapely.Point(11.5, 56.5))  # Kattegat
    assert not seas["SEA-BALTIC"].contains(shapely.Point(10.95, 55.4))  # Great Belt
    assert seas["SEA-BALTIC"].contains(shapely.Point(29.0, 60.0))  # Gulf of Finland
    assert seas["SEA-BALTIC"].contains(shapely.Point(22.5, 65.0))  # Gulf of Bothnia


def test_story_geo_regenerates_byte_for_byte(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "prepare_story_geo.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("donbas_held.fgb", "seas.fgb"):
        assert (tmp_path / name).read_bytes() == (DATA / "geo" / name).read_bytes(), name
