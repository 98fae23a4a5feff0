"""Simplify shapes for the screen, with an error bound in screen pixels, keeping shared borders.

Douglas-Peucker on shared arcs, as TopoJSON does it: the rings of all shapes are cut into arcs
at the vertices where three or more lines meet (and wherever two shapes' borders part), each
distinct arc is simplified once, and every ring that runs along it gets the same points. So
neighbours keep one common border (no gaps, no slivers), and so do shapes of different kinds
that share vertices (a sea cut from the land, the held area cut from the oblasts). The work
is done in Web Mercator metres, the plane the map is drawn in: no simplified line lies farther
than the tolerance from the original anywhere on the map, at any latitude.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from geopandas import GeoDataFrame

EARTH_RADIUS = 6378137.0  # spherical (Web) Mercator, EPSG:3857
MAX_LATITUDE = 85.0511287798
TILE_PX = 256


def metres_per_pixel(zoom: float) -> float:
    """Web Mercator metres one screen pixel spans at ``zoom`` (at the equator of the plane)."""
    return 2 * np.pi * EARTH_RADIUS / (TILE_PX * 2**zoom)


def to_mercator(lonlat: np.ndarray) -> np.ndarray:
    lon = np.radians(lonlat[:, 0])
    lat = np.radians(np.clip(lonlat[:, 1], -MAX_LATITUDE, MAX_LATITUDE))
    return np.column_stack([EARTH_RADIUS * lon, EARTH_RADIUS * np.log(np.tan(np.pi / 4 + lat / 2))])


def from_mercator(xy: np.ndarray) -> np.ndarray:
    lon = np.degrees(xy[:, 0] / EARTH_RADIUS)
    lat = np.degrees(2 * np.arctan(np.exp(xy[:, 1] / EARTH_RADIUS)) - np.pi / 2)
    return np.column_stack([lon, lat])


class _Arcs:
    """The distinct arcs of all rings, each stored once in a canonical direction."""

    def __init__(self, points: np.ndarray):
        self.points = points  # vertex id -> Mercator x, y
        self.index: dict[tuple, int] = {}
        self.sequences: list[np.ndarray] = []
        self.loops: list[bool] = []

    def add(self, ids: np.ndarray, closed: bool) -> tuple[int, bool]:
        """Register an arc (vertex ids, both ends included); return (arc, reversed?)."""
        if closed:  # a loop with no junction: start at its smallest vertex, turn one way
            start = int(np.argmin(ids))
            if start:
                ids = np.concatenate([ids[start:], ids[:start]])
            flipped = len(ids) > 2 and ids[1] > ids[-1]
            if flipped:
                ids = np.concatenate([ids[:1], ids[:0:-1]])
            ids = np.append(ids, ids[0])
        else:  # the direction whose vertex ids come first in order
            back = ids[::-1]
            differ = np.flatnonzero(back != ids)
            flipped = bool(differ.size) and back[differ[0]] < ids[differ[0]]
            if flipped:
                ids = back
        key = (closed, ids.tobytes())
        if key not in self.index:
            self.index[key] = len(self.sequences)
            self.sequences.append(ids)
            self.loops.append(closed)
        return self.index[key], flipped

    def simplified(self, tolerance: float, only: np.ndarray | None = None) -> list[np.ndarray]:
        """Each arc simplified to ``tolerance``; with ``only`` (a mask), just those arcs (the
        others are returned empty)."""
        chosen = np.arange(len(self.sequences)) if only is None else np.flatnonzero(only)
        result = [np.empty((0, 2))] * len(self.sequences)  # a loop may collapse to nothing
        if len(chosen) == 0:
            return result
        lengths = [len(self.sequences[i]) for i in chosen]
        coords = self.points[np.concatenate([self.sequences[i] for i in chosen])]
        lines = shapely.linestrings(coords, indices=np.repeat(np.arange(len(lengths)), lengths))
        simple = shapely.simplify(lines, tolerance, preserve_topology=False)
        # an island or enclave (a loop) is simplified so that it cannot collapse: it stays a
        # dot on the map rather than vanish
        loops = np.array([self.loops[i] for i in chosen], dtype=bool)
        simple[loops] = shapely.simplify(lines[loops], tolerance, preserve_topology=True)
        out, arc_of = shapely.get_coordinates(simple, return_index=True)
        for arc, piece in zip(
            np.unique(arc_of), np.split(out, np.flatnonzero(np.diff(arc_of)) + 1), strict=True
        ):
            result[chosen[arc]] = piece
        return result

    def touching(self, box: tuple[float, float, float, float]) -> np.ndarray:
        """Which arcs run into a Mercator box (x0, y0, x1, y1)."""
        lengths = [len(s) for s in self.sequences]
        coords = self.points[np.concatenate(self.sequences)]
        lines = shapely.linestrings(coords, indices=np.repeat(np.arange(len(lengths)), lengths))
        return shapely.intersects(lines, shapely.box(*box))


def _ring_arcs(ids: np.ndarray, junction: np.ndarray, arcs: _Arcs) -> list[tuple[int, bool]]:
    """Cut one ring (vertex ids, not closed) at its junctions and register the pieces."""
    cuts = np.flatnonzero(junction[ids])
    if len(cuts) == 0:
        return [arcs.add(ids, closed=True)]
    ids = np.roll(ids, -cuts[0])
    cuts = np.append(cuts - cuts[0], len(ids))
    ring = np.append(ids, ids[0])
    pairs = zip(cuts[:-1], cuts[1:], strict=True)
    return [arcs.add(ring[a : b + 1], closed=False) for a, b in pairs]


def _join(pieces: list[tuple[int, bool]], simple: list[np.ndarray], original: np.ndarray):
    """A ring from its simplified arcs, and whether it had to keep its own points: a small
    ring whose arcs all simplified to one line (Melilla against Morocco) keeps them instead of
    vanishing."""
    parts = [simple[arc][::-1] if flipped else simple[arc] for arc, flipped in pieces]
    ring = np.concatenate([parts[0], *[p[1:] for p in parts[1:]]])
    x, y = ring[:, 0], ring[:, 1]
    if len(ring) < 4 or np.dot(x[:-1], y[1:]) == np.dot(x[1:], y[:-1]):  # no area
        return np.concatenate([original, original[:1]]), True
    return ring, False


@dataclass
class Levels:
    """The shapes at two levels of detail, from one arc graph (see :func:`simplify_levels`).

    ``shapes`` is every shape at the coarse level (what the static image draws). ``arcs`` are
    the coarse arcs and ``fine_arcs`` the finer versions of those that reach ``region``,
    in Web Mercator metres; ``pieces[r]`` lists ring r's arcs as (arc, reversed?);
    ``own[r]`` holds the ring's own points where its arcs collapsed (else None);
    ``ring_shape`` and ``ring_polygon`` say whose ring r is; a polygon's first ring is its
    exterior."""

    shapes: GeoDataFrame
    arcs: list[np.ndarray]
    fine_arcs: dict[int, np.ndarray]
    pieces: list[list[tuple[int, bool]]]
    own: list[np.ndarray | None]
    ring_shape: np.ndarray
    ring_polygon: np.ndarray
    region: tuple[float, float, float, float] | None = None  # west, south, east, north


def simplify_levels(
    shapes: GeoDataFrame,
    tolerance: float,
    fine: tuple[float, tuple[float, float, float, float]] | None = None,
) -> Levels:
    """Simplify every shape with Douglas-Peucker on shared arcs and, with ``fine =
    (tolerance, lon/lat box (west, south, east, north))``, simplify again, to the fine
    tolerance, every arc that runs within the coarse tolerance of the box. ``tolerance`` is the
    largest distance, in Web Mercator metres, between a line and its simplification (see
    :func:`metres_per_pixel`).

    No ring vanishes: islands and enclaves stay at least triangles, and a small ring whose
    arcs all collapse keeps its own points. One arc graph serves both levels: a shape drawn
    fine meets its neighbours, fine or not, along the very same points, and outside the box it
    is the coarse shape.
    """
    graph = _graph(shapes)
    arcs = graph["arcs"]
    simple = arcs.simplified(tolerance)
    joined = [
        _join(p, simple, original)
        for p, original in zip(graph["pieces"], graph["originals"], strict=True)
    ]
    coarse = _shapes_from(shapes, graph, [ring for ring, _ in joined])
    fine_arcs: dict[int, np.ndarray] = {}
    region = None
    if fine is not None:
        fine_tolerance, region = fine
        west, south, east, north = region
        corners = to_mercator(np.array([[west, south], [east, north]]))
        # every arc within the coarse tolerance of the box: no coarse line can cut into it
        near = arcs.touching((*(corners[0] - tolerance), *(corners[1] + tolerance)))
        finer = arcs.simplified(fine_tolerance, only=near)
        fine_arcs = {int(i): finer[i] for i in np.flatnonzero(near)}
    return Levels(
        shapes=coarse,
        arcs=simple,
        fine_arcs=fine_arcs,
        pieces=graph["pieces"],
        own=[ring if fell_back else None for ring, fell_back in joined],
        ring_shape=graph["shape_of_ring"],
        ring_polygon=graph["polygon_of_ring"],
        region=region,
    )


def _graph(shapes: GeoDataFrame) -> dict:
    """The shapes' rings as sequences of shared arcs (the vertices where three or more lines
    meet, or two borders part, cut them)."""
    polygons, shape_of = shapely.get_parts(shapes.geometry.values, return_index=True)
    polygonal = shapely.get_type_id(polygons) == shapely.GeometryType.POLYGON
    polygons, shape_of = polygons[polygonal], shape_of[polygonal]
    rings, polygon_of = shapely.get_rings(polygons, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    # one entry per vertex: drop each ring's closing point and repeated points
    keep = np.zeros(len(coords), dtype=bool)
    keep[:-1] = ring_of[1:] == ring_of[:-1]
    keep[1:] &= np.any(coords[1:] != coords[:-1], axis=1) | (ring_of[1:] != ring_of[:-1])
    coords, ring_of = coords[keep], ring_of[keep]
    # vertex ids: equal coordinates, equal id (a complex number holds both exactly)
    vertex, unique = pd.factorize(coords[:, 0] + 1j * coords[:, 1])
    unique = np.column_stack([unique.real, unique.imag])
    # a vertex is a junction unless exactly two lines meet there
    starts = np.flatnonzero(np.r_[True, ring_of[1:] != ring_of[:-1]])
    following = np.arange(1, len(vertex) + 1)
    following[np.r_[starts[1:], len(vertex)] - 1] = starts
    low = np.minimum(vertex, vertex[following]).astype(np.int64)
    high = np.maximum(vertex, vertex[following]).astype(np.int64)
    edges = np.unique(low * len(unique) + high)
    ends = np.concatenate([edges // len(unique), edges % len(unique)])
    junction = np.bincount(ends, minlength=len(unique)) != 2

    arcs = _Arcs(to_mercator(unique))
    bounds = np.r_[starts, len(vertex)]
    pairs = list(zip(bounds[:-1], bounds[1:], strict=True))
    return {
        "arcs": arcs,
        "pieces": [_ring_arcs(vertex[a:b], junction, arcs) for a, b in pairs],
        "originals": [arcs.points[vertex[a:b]] for a, b in pairs],
        "polygon_of_ring": polygon_of[ring_of[starts]],
        "shape_of_ring": shape_of[polygon_of[ring_of[starts]]],
        "shape_of": shape_of,
    }


def _shapes_from(shapes: GeoDataFrame, graph: dict, joined: list[np.ndarray]) -> GeoDataFrame:
    """The shapes again, from their rings joined from simplified arcs."""
    # back to longitude/latitude, and into polygons (exterior ring first, then holes) and
    # shapes, in one pass each
    lonlat = from_mercator(np.concatenate(joined))
    rings = shapely.linearrings(
        lonlat, indices=np.repeat(np.arange(len(joined)), [len(r) for r in joined])
    )
    kept, polygon_index = np.unique(graph["polygon_of_ring"], return_inverse=True)
    simple_polygons = shapely.polygons(rings, indices=polygon_index)
    owner = graph["shape_of"][kept]
    out = shapes.copy()
    geometry = list(shapes.geometry.values)  # a shape with nothing polygonal stays as it is
    for i in np.unique(owner):
        parts = simple_polygons[owner == i]
        geometry[i] = shapely.MultiPolygon(list(parts)) if len(parts) > 1 else parts[0]
    out["geometry"] = geometry
    return out
