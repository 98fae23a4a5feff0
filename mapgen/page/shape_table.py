"""Store each shape once, compactly, for the page: the shape tables' encoder.

The tables are a TopoJSON dialect (shared arcs on an integer pixel grid, delta-coded, rings
as lists of arcs, a coarse and a fine level), described once in ``docs/page-format.md``
("The shape tables"); ``templates/js/table.js`` decodes them and ``tests/pagecodec.py``
decodes them for the tests.
"""

from __future__ import annotations

import numpy as np

from mapgen.page.data import Detail, FineTable, ShapeTable
from mapgen.simplify import EARTH_RADIUS, TILE_PX

GRID_ZOOMS_IN = 2  # the grid: pixels at the default zoom + 2, i.e. 1/4 px at the default
GRID_ERROR_PX = 2**0.5 / 2 / 2**GRID_ZOOMS_IN  # the most a point moves onto the grid: 0.18 px
# The digits of the packed arcs (docs/page-format.md, "Packed arcs"): base64url's, safe in JSON
# and HTML unescaped. A digit carries 5 bits of a number; the digits 32-63 say another follows.
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
ARC_END = "."  # between two arcs, and between two rings of a shape
POLYGON_END = ","  # between two polygons of a shape


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
        arcs=pack(_chained(codes)),
        shapes={sid: pack_shape(polygons) for sid, polygons in shapes.items()},
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
        arcs=pack(
            _chained([_arc_code(levels.fine_arcs[a], fine_grid) for a in fine_arcs.values()])
        ),
    )
    return coarse, fine


def pack(codes: list[list[int]]) -> str:
    """Chained codes as one string: each number zigzag-coded (0, -1, 1, -2 … as 0, 1, 2, 3 …),
    then written 5 bits a digit, lowest first; the arcs separated by ``ARC_END``. About 13 %
    fewer bytes gzipped than the same numbers as JSON arrays."""
    return ARC_END.join("".join(_digits(v) for v in code) for code in codes)


def unpack(text: str) -> list[list[int]]:
    """The inverse of :func:`pack`."""
    return [_numbers(arc) for arc in text.split(ARC_END)] if text else []


def pack_shape(polygons: list[list[list[int]]]) -> str:
    """A shape's arc references as one string: each reference a step from the one before (the
    shape's first from 0), in the digits of :func:`pack`; rings separated by ``ARC_END``,
    polygons by ``POLYGON_END``. Rings mostly run through arcs numbered one after another, so
    the steps are small: a third of the bytes of the JSON arrays, gzipped."""
    last, out = 0, []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            steps = []
            for ref in ring:
                steps.append(_digits(ref - last))
                last = ref
            rings.append("".join(steps))
        out.append(ARC_END.join(rings))
    return POLYGON_END.join(out)


def unpack_shape(text: str) -> list[list[list[int]]]:
    """The inverse of :func:`pack_shape`."""
    last, polygons = 0, []
    for polygon in text.split(POLYGON_END) if text else []:
        rings = []
        for ring in polygon.split(ARC_END):
            refs = []
            for step in _numbers(ring):
                last += step
                refs.append(last)
            rings.append(refs)
        polygons.append(rings)
    return polygons


def _numbers(digits: str) -> list[int]:
    value = {d: i for i, d in enumerate(DIGITS)}
    numbers, number, shift = [], 0, 0
    for digit in digits:
        v = value[digit]
        number |= (v & 31) << shift
        shift += 5
        if v < 32:
            numbers.append(number >> 1 if number % 2 == 0 else -(number + 1) // 2)
            number, shift = 0, 0
    return numbers


def _digits(v: int) -> str:
    n = 2 * v if v >= 0 else -2 * v - 1
    out = []
    while n >= 32:
        out.append(DIGITS[32 | (n & 31)])
        n >>= 5
    out.append(DIGITS[n])
    return "".join(out)


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
