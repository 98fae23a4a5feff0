"""simplify: Douglas-Peucker on shared arcs, in Web Mercator, with a distance bound."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from mapgen import simplify

ZOOM = 4
PX = simplify.metres_per_pixel(ZOOM)


def _simplified(shapes: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Every shape simplified to ``tolerance`` (Web Mercator metres): the coarse level."""
    return simplify.simplify_levels(shapes, tolerance).shapes


@pytest.fixture(scope="module")
def screen(sources):
    return _simplified(sources.shapes, 0.75 * PX)


def _mercator(geom):
    return shapely.transform(geom, simplify.to_mercator)


def test_mercator_round_trip():
    lonlat = np.array([[-10.0, 36.0], [48.0, 66.0], [179.9, -60.0]])
    assert np.allclose(simplify.from_mercator(simplify.to_mercator(lonlat)), lonlat, atol=1e-9)
    # the scale Leaflet draws at: 256 px for the whole world at zoom 0
    assert simplify.metres_per_pixel(0) * 256 == pytest.approx(2 * np.pi * 6378137.0)


def test_every_kept_line_stays_within_the_tolerance(sources, screen):
    """Each vertex of the data lies within 0.75 px (at zoom 4, on the map's plane) of the
    simplified outline: no coast, border or island is lost or moved further."""
    worst = 0.0
    for sid in sources.shapes.index:
        points = shapely.points(shapely.get_coordinates(_mercator(sources.shapes.geometry[sid])))
        simple = _mercator(screen.geometry[sid])
        worst = max(worst, shapely.distance(points, simple.boundary).max() / PX)
    assert worst <= 0.75 + 1e-6
    assert worst > 0.5  # the bound is used, not a no-op


def test_fewer_points(sources, screen):
    before = shapely.get_num_coordinates(sources.shapes.geometry.values).sum()
    after = shapely.get_num_coordinates(screen.geometry.values).sum()
    assert after < before / 2


def test_shared_border_is_one_line(sources, screen):
    """Every vertex two neighbours had in common before, that one of them keeps, the other
    keeps too: the simplified border is the same line on both sides."""
    for a, b in [("POL", "UKR"), ("EST", "RUS"), ("DEU", "DEU-GDR"), ("UKR", "UKR-14")]:
        shared = shapely.get_coordinates(
            sources.shapes.geometry[a].boundary.intersection(sources.shapes.geometry[b].boundary)
        )
        keep_a = {tuple(c) for c in shapely.get_coordinates(screen.geometry[a])}
        keep_b = {tuple(c) for c in shapely.get_coordinates(screen.geometry[b])}
        on_border = {tuple(c) for c in shared}
        assert len(on_border) > 10, (a, b)
        assert keep_a & on_border == keep_b & on_border, (a, b)
        assert keep_a & on_border, (a, b)


def test_sea_cut_from_land_keeps_the_coast(screen):
    """Shapes of different kinds that share vertices are simplified alike: the Black Sea's
    coast is Ukraine's coast, point for point. (Douglas-Peucker may let the two sides of a
    sub-pixel inlet cross, so the check repairs such spots first.)"""
    sea, land = (shapely.make_valid(screen.geometry[k]) for k in ("SEA-BLACK", "UKR"))
    shared = sea.boundary.intersection(land.boundary)
    assert shared.length > 5  # degrees of coastline in common
    assert sea.intersection(land).area < 1e-9


def test_microstate_is_kept():
    tiny = shapely.box(12.45, 41.90, 12.46, 41.91)  # about a pixel at zoom 4
    frame = gpd.GeoDataFrame({"kind": ["country"]}, geometry=[tiny], index=["VAT"], crs=4326)
    out = _simplified(frame, 5 * PX)
    assert not out.geometry["VAT"].is_empty
