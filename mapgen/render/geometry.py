"""Simplify shapes for the screen and store each once, compactly, for the page.

Shapes are simplified as coverages (``shapely.coverage_simplify``), so the border two
neighbours share is simplified once and stays shared: no gaps, no slivers. Coordinates are
then quantized to a grid and delta-encoded as integers.
"""

from __future__ import annotations

import numpy as np
import shapely
from geopandas import GeoDataFrame

TILE_PX = 256


def degrees_per_pixel(zoom: float) -> float:
    """Longitude degrees one screen pixel spans at a Web Mercator zoom level."""
    return 360.0 / (TILE_PX * 2**zoom)


def simplify(shapes: GeoDataFrame, tolerance: float) -> GeoDataFrame:
    """Simplify each ``kind`` of shape (countries, admin-1 units …) as one coverage."""
    out = shapes.copy()
    for _, idx in shapes.groupby("kind", sort=True).groups.items():
        geoms = shapely.make_valid(shapes.geometry.loc[idx].values)
        out.loc[idx, "geometry"] = shapely.coverage_simplify(geoms, tolerance)
    return out


def _encode_ring(coords: np.ndarray, step: float) -> list[int] | None:
    grid = np.round(coords[:, :2] / step).astype(np.int64)
    keep = np.ones(len(grid), dtype=bool)
    keep[1:] = np.any(grid[1:] != grid[:-1], axis=1)
    grid = grid[keep]
    if len(grid) < 4:  # collapsed below one grid cell: invisible at this scale
        return None
    deltas = np.vstack([grid[:1], np.diff(grid, axis=0)])
    return deltas.ravel().tolist()


def encode_geometry(geom, step: float) -> list:
    """``[[ring, hole, …], …]`` per polygon; each ring ``[x0, y0, dx1, dy1, …]`` in grid units."""
    polygons = []
    for polygon in shapely.get_parts(geom):
        if polygon.geom_type != "Polygon":
            continue
        rings = [_encode_ring(np.asarray(polygon.exterior.coords), step)]
        if rings[0] is None:
            continue
        for hole in polygon.interiors:
            ring = _encode_ring(np.asarray(hole.coords), step)
            if ring is not None:
                rings.append(ring)
        polygons.append(rings)
    return polygons


def encode_shapes(shapes: GeoDataFrame, shape_ids, tolerance: float, step: float) -> dict:
    """The page's shape table: every shape a layer uses, once.

    Parameters
    ----------
    shapes : geopandas.GeoDataFrame
        All shapes, indexed by id, with a ``kind`` column.
    shape_ids : iterable of str
        The ids the layers use.
    tolerance : float
        Simplification tolerance in degrees.
    step : float
        Quantization grid in degrees.

    Returns
    -------
    dict
        ``{"step": step, "shapes": {id: encoded geometry}}``, ids sorted.
    """
    simplified = simplify(shapes, tolerance)
    used = sorted(set(shape_ids))
    return {
        "step": step,
        "shapes": {sid: encode_geometry(simplified.geometry[sid], step) for sid in used},
    }
