"""Decoders of the page's shape tables, for the tests: what ``templates/js/table.js`` does in
the browser (the format: docs/page-format.md, "The shape tables")."""

from __future__ import annotations

import numpy as np

from mapgen.page.shape_table import arc_points, unpack, unpack_shape, world_size
from mapgen.simplify import EARTH_RADIUS, from_mercator, to_mercator


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


def unchained(packed: str) -> list[np.ndarray]:
    """The arcs' absolute grid points, from the page's packed chained codes."""
    out, last = [], np.zeros(2, dtype=np.int64)
    for code in unpack(packed):
        points = arc_points(code) + last
        out.append(points)
        last = points[-1]
    return out


def shapes(table: dict) -> dict[str, list]:
    """The table's shapes by id, each a list of polygons of rings of arc references."""
    return {sid: unpack_shape(text) for sid, text in table["shapes"].items()}


def ring_points(refs: list[int], arcs) -> np.ndarray:
    """A ring's grid points, from its arcs (each junction once; closed, first point last).

    ``arcs`` maps an arc number to its points (the page's arcs of one level)."""
    out: list[np.ndarray] = []
    for ref in refs:
        points = arcs(~ref)[::-1] if ref < 0 else arcs(ref)
        out.append(points if not out else points[1:])
    ring = np.concatenate(out)
    return ring if (ring[0] == ring[-1]).all() else np.concatenate([ring, ring[:1]])
