"""Store each shape once, compactly, for the page.

Shapes simplified for the screen (:mod:`mapgen.render.simplify`) are stored in the plane the
map is drawn in: Web Mercator pixel coordinates of a zoom two levels in from the default
(a quarter of a pixel at the default zoom), rounded to integers and delta-encoded. The page
then draws a point at any zoom by scaling and rounding, as Leaflet would after projecting.
"""

from __future__ import annotations

import numpy as np
import shapely
from geopandas import GeoDataFrame

from mapgen.render.simplify import EARTH_RADIUS, TILE_PX, from_mercator, to_mercator

GRID_ZOOMS_IN = 2  # the grid: pixels at the default zoom + 2, i.e. 1/4 px at the default


def world_size(zoom: float) -> float:
    """Pixels across the whole Web Mercator world at ``zoom`` (Leaflet's ``crs.scale``)."""
    return TILE_PX * 2**zoom


def to_grid(lonlat: np.ndarray, zoom: float) -> np.ndarray:
    """Longitude/latitude to Leaflet's absolute pixel coordinates at ``zoom`` (y downwards)."""
    xy = to_mercator(lonlat) / (2 * np.pi * EARTH_RADIUS)
    return np.column_stack([xy[:, 0] + 0.5, 0.5 - xy[:, 1]]) * world_size(zoom)


def from_grid(xy: np.ndarray, zoom: float) -> np.ndarray:
    """The inverse of :func:`to_grid`."""
    unit = np.asarray(xy, dtype=float) / world_size(zoom)
    return from_mercator(
        np.column_stack([unit[:, 0] - 0.5, 0.5 - unit[:, 1]]) * 2 * np.pi * EARTH_RADIUS
    )


def _encode_rings(rings: np.ndarray, grid_zoom: float) -> list[list[int] | None]:
    """Quantize and delta-encode many rings at once; None for a ring that collapsed."""
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    grid = np.round(to_grid(coords, grid_zoom)).astype(np.int64)
    first = np.ones(len(grid), dtype=bool)
    first[1:] = ring_of[1:] != ring_of[:-1]
    keep = first.copy()
    keep[1:] |= np.any(grid[1:] != grid[:-1], axis=1)  # drop repeats within a ring
    grid, ring_of, first = grid[keep], ring_of[keep], first[keep]
    deltas = grid.copy()
    deltas[1:] -= grid[:-1]
    deltas[first] = grid[first]
    counts = np.bincount(ring_of, minlength=len(rings))
    pieces = np.split(deltas.ravel(), np.cumsum(counts * 2)[:-1])
    # fewer than four points: collapsed below one grid cell, invisible at this scale
    return [p.tolist() if n >= 4 else None for p, n in zip(pieces, counts, strict=True)]


def _encode_all(geoms: np.ndarray, grid_zoom: float) -> list[list]:
    """Each geometry as ``[[ring, hole, …], …]`` per polygon, each ring
    ``[x0, y0, dx1, dy1, …]`` in grid units; all rings quantized in one pass."""
    parts, geom_of = shapely.get_parts(geoms, return_index=True)
    polygonal = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    parts, geom_of = parts[polygonal], geom_of[polygonal]
    rings, part_of = shapely.get_rings(parts, return_index=True)  # exterior first, then holes
    if len(rings) == 0:
        return [[] for _ in geoms]
    encoded = _encode_rings(rings, grid_zoom)
    polygons: dict[int, list] = {}
    exterior = np.ones(len(rings), dtype=bool)
    exterior[1:] = part_of[1:] != part_of[:-1]
    for part, is_exterior, code in zip(part_of, exterior, encoded, strict=True):
        if code is not None and (
            is_exterior or part in polygons
        ):  # a hole only in a drawn exterior
            polygons.setdefault(part, []).append(code)
    out: list[list] = [[] for _ in geoms]
    for part, polygon in polygons.items():
        out[geom_of[part]].append(polygon)
    return out


def encode_shapes(shapes: GeoDataFrame, shape_ids, zoom: float) -> dict:
    """The page's shape table: every shape a layer uses, once.

    Parameters
    ----------
    shapes : geopandas.GeoDataFrame
        Shapes already simplified for the screen at ``zoom``
        (see :func:`mapgen.render.simplify.simplify`), indexed by id.
    shape_ids : iterable of str
        The ids the layers use.
    zoom : float
        The zoom they were simplified for.

    Returns
    -------
    dict
        ``{"zoom": zoom, "gridZoom": zoom + 2, "shapes": {id: encoded geometry},
        "bounds": {id: [x0, y0, x1, y1]}}``, ids sorted, in grid pixels.
    """
    used = sorted(set(shape_ids))
    grid_zoom = zoom + GRID_ZOOMS_IN
    encoded = dict(zip(used, _encode_all(shapes.geometry[used].values, grid_zoom), strict=True))
    return {
        "zoom": zoom,
        "gridZoom": grid_zoom,
        "shapes": encoded,
        "bounds": {sid: _bounds(code) for sid, code in encoded.items()},
    }


def _bounds(encoded: list) -> list[int]:
    if not encoded:  # every ring smaller than a grid cell: nothing to draw
        return []
    points = np.concatenate(
        [
            np.cumsum(np.asarray(ring).reshape(-1, 2), axis=0)
            for polygon in encoded
            for ring in polygon
        ]
    )
    return [*points.min(axis=0).tolist(), *points.max(axis=0).tolist()]
