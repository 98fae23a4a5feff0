"""Levels of detail: what the page draws stays within 0.75 px of data/geo, at the opening zoom
everywhere (the coarse table) and at every zoom up to 8 inside the detail region (the fine
table), computed from the tables the page ships."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from tests import pagecodec
from tests.conftest import page_parts

BOUND_PX = 0.75


@pytest.fixture(scope="module")
def tables(built_map):
    parts = page_parts(built_map)
    return parts.json["mapgen-shapes"], parts.json.get("mapgen-shapes-fine")


def _arcs(coarse, fine, level):
    """The arcs of a level as absolute points in that level's grid."""
    points = pagecodec.unchained(coarse["arcs"])
    if level == 0:
        return points
    scale = 2 ** (fine["gridZoom"] - coarse["gridZoom"])
    out = [p * scale for p in points]
    for number, code in zip(fine["numbers"], pagecodec.unchained(fine["arcs"]), strict=True):
        out[number] = code
    return out


def _drawn(coarse, fine, sid, level, zoom):
    """The rings the page draws for a shape at a level, in pixels at ``zoom``."""
    arcs = _arcs(coarse, fine, level)
    grid = coarse["gridZoom"] if level == 0 else fine["gridZoom"]
    rings = []
    for polygon in pagecodec.shapes(coarse)[sid]:
        for refs in polygon:
            ring = pagecodec.ring_points(refs, arcs.__getitem__)
            if len(np.unique(ring, axis=0)) >= 3:
                rings.append(ring * 2.0 ** (zoom - grid))
    return rings


def _source(sources, sid, zoom):
    """The shape's rings in data/geo, in pixels at ``zoom``."""
    rings = shapely.get_rings(shapely.get_parts(sources.shapes.geometry[sid]))
    return [pagecodec.to_grid(shapely.get_coordinates(r), zoom) for r in rings]


def _farthest(points: np.ndarray, lines: list[np.ndarray]) -> float:
    """How far the farthest of ``points`` is from the nearest of ``lines`` (pixel rings)."""
    if len(points) == 0:
        return 0.0
    if not any(len(r) > 1 for r in lines):
        return float("inf")
    segments = shapely.linestrings(
        np.concatenate([np.stack([r[:-1], r[1:]], axis=1) for r in lines if len(r) > 1])
    )
    tree = shapely.STRtree(segments)
    _, distance = tree.query_nearest(
        shapely.points(points), return_distance=True, all_matches=False
    )
    return float(distance.max())


def _dense(rings: list[np.ndarray], step: float = 0.25) -> np.ndarray:
    """Points along the rings, at most ``step`` px apart (the lines, not only their vertices)."""
    out = []
    for ring in rings:
        line = shapely.segmentize(shapely.linestrings(ring), step)
        out.append(shapely.get_coordinates(line))
    return np.concatenate(out) if out else np.empty((0, 2))


def _inside(points: np.ndarray, box: tuple) -> np.ndarray:
    x0, y0, x1, y1 = box
    keep = (points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)
    return points[keep]


def _gap(sources, coarse, fine, sid, level, zoom, box=None):
    """The greatest distance, in pixels at ``zoom``, between the drawn lines of a shape and
    those of data/geo, both ways (inside ``box`` only, if given). A ring of data/geo smaller
    than a pixel may vanish from the drawing: it is left out."""
    drawn = _drawn(coarse, fine, sid, level, zoom)
    source = _source(sources, sid, zoom)
    kept = [r for r in source if np.ptp(r, axis=0).max() >= 1.0]
    drawn_points, source_points = _dense(drawn), _dense(kept)
    if box is not None:
        drawn_points, source_points = _inside(drawn_points, box), _inside(source_points, box)
    return max(_farthest(source_points, drawn), _farthest(drawn_points, source))


def _region_box(coarse, zoom):
    """The detail region in pixels at ``zoom`` (y downwards)."""
    (south, west), (north, east) = coarse["detail"]["region"]
    corners = pagecodec.to_grid(np.array([[west, north], [east, south]]), zoom)
    return (*corners[0], *corners[1])


STORY = ["UKR", "BLR", "MDA", "EST", "LVA", "LTU", "RUS", "DONBAS-HELD", "UKR-05", "UKR-11",
         "UKR-20", "SEA-BLACK", "SEA-AZOV", "SEA-BALTIC", "ROU", "GEO", "TUR", "POL"]  # fmt: skip


def test_the_coarse_table_is_within_the_bound_at_the_opening_zoom(sources, tables):
    coarse, fine = tables
    zoom = coarse["zoom"]
    worst = {sid: _gap(sources, coarse, fine, sid, 0, zoom) for sid in sorted(coarse["shapes"])}
    assert max(worst.values()) <= BOUND_PX, sorted(worst.items(), key=lambda kv: -kv[1])[:5]
    assert max(worst.values()) > 0.3  # a real simplification, not every point kept


@pytest.mark.parametrize("zoom", [5, 6, 7, 8])
def test_the_fine_table_is_within_the_bound_up_to_the_greatest_zoom(sources, tables, zoom):
    coarse, fine = tables
    assert fine is not None and fine["zoom"] == 8
    box = _region_box(coarse, zoom)
    worst = {sid: _gap(sources, coarse, fine, sid, 1, zoom, box) for sid in STORY}
    assert max(worst.values()) <= BOUND_PX, sorted(worst.items(), key=lambda kv: -kv[1])[:5]
    if zoom == 8:
        assert max(worst.values()) > 0.3  # simplified at 8 too


def test_at_zoom_8_the_coarse_table_alone_would_be_crude(sources, tables):
    """The check can fail: the opening zoom's table, drawn at zoom 8 in the region, is far
    outside the bound (why the fine table exists)."""
    coarse, fine = tables
    box = _region_box(coarse, 8)
    assert _gap(sources, coarse, fine, "UKR", 0, 8, box) > 4


def test_the_levels_share_their_borders(tables):
    """Ukraine and Russia, both fine, meet along the same points; Ukraine fine and Poland
    (fine near the region, coarse beyond) too: no gap or overlap where the levels meet."""
    coarse, fine = tables
    zoom = fine["gridZoom"]
    shapes = {}
    for sid in ("UKR", "RUS", "POL", "BLR"):
        rings = _drawn(coarse, fine, sid, 1, zoom)
        valid = shapely.get_parts([shapely.make_valid(shapely.Polygon(r)) for r in rings])
        shapes[sid] = shapely.union_all([p for p in valid if "Polygon" in p.geom_type])
    for a, b in [("UKR", "RUS"), ("UKR", "POL"), ("UKR", "BLR"), ("BLR", "RUS")]:
        shared = shapes[a].boundary.intersection(shapes[b].boundary)
        assert shared.length > 1000, (a, b)
        assert shapes[a].intersection(shapes[b]).area < 1.0, (a, b)


RING_POINTS = """(id) => { let n = 0; mapgen.map.eachLayer(l => {
  if (l.feature && l.feature.properties.id === id && l._rings && !n) {
    n = l._rings.reduce((a, r) => a + r.length, 0); } }); return n; }"""


@pytest.mark.browser
def test_the_page_draws_the_fine_table_over_the_donbas_at_zoom_7_and_not_before(
    built_map, open_page
):
    page = open_page(built_map, fragment="#chapter=explore")
    assert page.evaluate("mapgen.forTests().detail") == {"level": 0, "decoded": False}
    coarse = page.evaluate(RING_POINTS, "UKR")
    page.evaluate("mapgen.map.setView([40.4, -3.7], 7, {animate: false})")  # Madrid
    page.wait_for_timeout(200)
    assert page.evaluate("mapgen.forTests().detail") == {"level": 0, "decoded": False}  # not there
    page.evaluate("mapgen.map.setView([48.0, 38.0], 7, {animate: false})")  # the Donbas
    page.wait_for_timeout(200)
    assert page.evaluate("mapgen.forTests().detail") == {"level": 1, "decoded": True}
    fine = page.evaluate(RING_POINTS, "UKR")
    assert fine > 1.5 * coarse
    page.evaluate("mapgen.map.setView([48.0, 38.0], 4, {animate: false})")  # back out
    page.wait_for_timeout(200)
    assert page.evaluate("mapgen.forTests().detail")["level"] == 0
    assert page.evaluate(RING_POINTS, "UKR") == coarse
    page.evaluate("mapgen.map.setView([48.0, 10.0], 7, {animate: false})")  # Bavaria
    page.evaluate("mapgen.map.panTo([48.0, 37.0], {animate: false})")  # a pan into the region
    page.wait_for_timeout(200)
    assert page.evaluate("mapgen.forTests().detail")["level"] == 1
    assert page.evaluate(RING_POINTS, "UKR") == fine
    assert page.console_errors == []
