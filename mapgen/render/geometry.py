"""Store each shape once, compactly, for the page.

Coordinates of the shapes simplified for the screen (:mod:`mapgen.render.simplify`) are
quantized to a grid of an eighth of a pixel and delta-encoded as integers.
"""

from __future__ import annotations

import numpy as np
import shapely
from geopandas import GeoDataFrame

from mapgen.render.simplify import TILE_PX


def degrees_per_pixel(zoom: float) -> float:
    """Longitude degrees one screen pixel spans at a Web Mercator zoom level."""
    return 360.0 / (TILE_PX * 2**zoom)


def grid_step(zoom: float) -> float:
    """The coordinate grid, in degrees: an eighth of a pixel (of longitude) at ``zoom``."""
    return degrees_per_pixel(zoom) / 8


def _encode_rings(rings: np.ndarray, step: float) -> list[list[int] | None]:
    """Quantize and delta-encode many rings at once; None for a ring that collapsed."""
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    grid = np.round(coords / step).astype(np.int64)
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


def encode_geometry(geom, step: float) -> list:
    """``[[ring, hole, …], …]`` per polygon; each ring ``[x0, y0, dx1, dy1, …]`` in grid units."""
    polygons = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    rings = [
        (i, k, ring)
        for i, p in enumerate(polygons)
        for k, ring in enumerate((p.exterior, *p.interiors))
    ]
    if not rings:
        return []
    encoded = _encode_rings(np.array([ring for _, _, ring in rings], dtype=object), step)
    out: list[list] = [[] for _ in polygons]
    for (i, k, _), code in zip(rings, encoded, strict=True):
        if code is not None and (k == 0 or out[i]):  # a hole only inside a drawn exterior
            out[i].append(code)
    return [p for p in out if p]


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
        The zoom they were simplified for; the grid is :func:`grid_step` of it.

    Returns
    -------
    dict
        ``{"zoom": zoom, "step": step, "shapes": {id: encoded geometry}}``, ids sorted.
    """
    used = sorted(set(shape_ids))
    step = grid_step(zoom)
    return {
        "zoom": zoom,
        "step": step,
        "shapes": {sid: encode_geometry(shapes.geometry[sid], step) for sid in used},
    }
