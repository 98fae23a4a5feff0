"""Store each shape once, compactly, for the page: the shape tables' encoder.

The tables are a TopoJSON dialect (shared arcs on an integer pixel grid, delta-coded, rings
as lists of arcs, a coarse and a fine level), described once in ``docs/page-format.md``
("The shape tables"); ``templates/js/shapes.js`` decodes them and ``tests/pagecodec.py``
decodes them for the tests.
"""

from __future__ import annotations

import numpy as np

from mapgen.page.data import Detail, FineTable, ShapeTable
from mapgen.simplify import EARTH_RADIUS, TILE_PX

GRID_ZOOMS_IN = 2  # the grid: pixels at the default zoom + 2, i.e. 1/4 px at the default
GRID_ERROR_PX = 2**0.5 / 2 / 2**GRID_ZOOMS_IN  # the most a point moves onto the grid: 0.18 px


def line_tolerance_px(px: float) -> float:
    """How far simplification may move a line so that, moved onto the grid too, it stays
    within ``px`` of the source (for a bound finer than the grid, a quarter of it)."""
    return max(px - GRID_ERROR_PX, px / 4)


def world_size(zoom: float) -> float:
    """Pixels across the whole Web Mercator world at ``zoom`` (Leaflet's ``crs.scale``)."""
    return TILE_PX * 2**zoom


def _mercator_to_grid(xy: np.ndarray, zoom: float) -> np.ndarray:
    unit = xy / (2 * np.pi * EARTH_RADIUS)
    return np.column_stack([unit[:, 0] + 0.5, 0.5 - unit[:, 1]]) * world_size(zoom)


def _arc_code(points: np.ndarray, grid_zoom: float) -> list[int]:
    """An arc's points on the grid, repeats dropped, as [x0, y0, dx1, dy1, …]."""
    grid = np.round(_mercator_to_grid(points, grid_zoom)).astype(np.int64)
    keep = np.ones(len(grid), dtype=bool)
    keep[1:] = np.any(grid[1:] != grid[:-1], axis=1)
    grid = grid[keep]
    deltas = grid.copy()
    deltas[1:] -= grid[:-1]
    return deltas.ravel().tolist()


def encode_levels(levels, shape_ids, zoom: float, fine_zoom: float | None = None):
    """The page's shape tables: every shape a layer uses, its rings as lists of arcs.

    Parameters
    ----------
    levels : mapgen.simplify.Levels
        The shapes simplified to the coarse level (for ``zoom``) and, in a region, the fine.
    shape_ids : iterable of str
        The ids the layers use.
    zoom, fine_zoom : float
        The zooms the levels were simplified for.

    Returns
    -------
    (coarse, fine) : tuple of ShapeTable and FineTable or None
        The ``mapgen-shapes`` and ``mapgen-shapes-fine`` blocks (docs/page-format.md); no
        fine table without a fine level or when no shape used has one.
    """
    used = sorted(set(shape_ids))
    position = {sid: i for i, sid in enumerate(levels.shapes.index)}
    grid_zoom = zoom + GRID_ZOOMS_IN
    numbers: dict[tuple, int] = {}
    codes: list[list[int]] = []
    sources: list[tuple] = []

    def number(key: tuple, points: np.ndarray) -> int:
        if key not in numbers:
            numbers[key] = len(codes)
            codes.append(_arc_code(points, grid_zoom))
            sources.append(key)
        return numbers[key]

    by_shape: dict[int, list[int]] = {}
    for ring, shape in enumerate(levels.ring_shape):
        by_shape.setdefault(int(shape), []).append(ring)
    shapes: dict[str, list] = {}
    for sid in used:
        polygons: dict[int, list] = {}
        for ring in by_shape.get(position[sid], []):
            own = levels.own[ring]
            if own is not None:  # a tiny ring that keeps its own points: an arc of its own
                refs = [number(("own", ring), np.concatenate([own, own[:1]]))]
            else:
                refs = [
                    ~n if back else n
                    for arc, back in levels.pieces[ring]
                    for n in [number(("arc", arc), levels.arcs[arc])]
                ]
            polygons.setdefault(int(levels.ring_polygon[ring]), []).append(refs)
        shapes[sid] = list(polygons.values())
    coarse = ShapeTable(
        zoom=zoom,
        grid_zoom=grid_zoom,
        arcs=_chained(codes),
        shapes=shapes,
        bounds={sid: _ring_bounds(shapes[sid], codes) for sid in used},  # unchained codes
    )
    fine_arcs = {
        n: key[1] for n, key in enumerate(sources) if key[0] == "arc" and key[1] in levels.fine_arcs
    }
    if fine_zoom is None or not fine_arcs or levels.region is None:
        return coarse, None
    west, south, east, north = levels.region
    fine_grid = fine_zoom + GRID_ZOOMS_IN
    coarse.detail = Detail(region=[[south, west], [north, east]], zoom=fine_zoom)
    fine = FineTable(
        zoom=fine_zoom,
        grid_zoom=fine_grid,
        numbers=list(fine_arcs),
        arcs=_chained([_arc_code(levels.fine_arcs[a], fine_grid) for a in fine_arcs.values()]),
    )
    return coarse, fine


def _chained(codes: list[list[int]]) -> list[list[int]]:
    """Each arc's first point as a step from the previous arc's last (arcs are numbered in the
    order rings use them, so one mostly starts where the one before ended): small numbers."""
    out, last = [], (0, 0)
    for code in codes:
        end = arc_points(code)[-1]
        out.append([code[0] - last[0], code[1] - last[1], *code[2:]])
        last = (int(end[0]), int(end[1]))
    return out


def arc_points(code: list[int]) -> np.ndarray:
    """An arc's absolute grid points from its code."""
    return np.cumsum(np.asarray(code, dtype=np.int64).reshape(-1, 2), axis=0)


def _ring_bounds(polygons: list, codes: list[list[int]]) -> list[int]:
    points = [
        arc_points(codes[~ref if ref < 0 else ref]) for polygon in polygons for ring in polygon
        for ref in ring
    ]  # fmt: skip
    if not points:
        return []
    every = np.concatenate(points)
    return [*every.min(axis=0).tolist(), *every.max(axis=0).tolist()]
