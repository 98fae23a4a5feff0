"""The static image's plan: the same layers, colours and legend as the page.

For print, social cards and readers whose browser runs no scripts. The image is planned from
the layers the page is built from (the ShapeSets, MarkerSets and Labels in each MapLayer's
``items``), so the two cannot drift apart; layers switched off on the page are left out here
too. The plan is plain data in Web Mercator metres, in two parts: :func:`frame_plan`, known
once the layers are built, and :func:`shapes_plan`, once the shapes are simplified.
:mod:`mapgen.image.png` and :mod:`mapgen.image.sheets` draw it, in a second process
(:class:`~mapgen.image.process.Drawing`) while this one renders the page.
"""

from __future__ import annotations

import numpy as np
import shapely
from geopandas import GeoDataFrame

from mapgen import locale, story
from mapgen.layers import LayerContext, MapLayer
from mapgen.layers.model import Labels, MarkerSet, ShapeSet
from mapgen.simplify import to_mercator


def _rings(geoms, ids) -> dict[str, list[np.ndarray]]:
    """Every ring (exteriors and holes) of each shape, in Web Mercator metres, in one pass."""
    ids = sorted(set(ids))
    parts, shape_of = shapely.get_parts(geoms[ids].values, return_index=True)
    polygonal = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    parts, shape_of = parts[polygonal], shape_of[polygonal]
    rings, part_of = shapely.get_rings(parts, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    pieces = np.split(to_mercator(coords), np.flatnonzero(np.diff(ring_of)) + 1)
    out: dict[str, list[np.ndarray]] = {sid: [] for sid in ids}
    for shape, piece in zip(shape_of[part_of], pieces, strict=True):
        out[ids[shape]].append(piece)
    return out


def current(item: dict, as_of: str) -> bool:
    """Whether a feature or marker is drawn on ``as_of`` (:func:`mapgen.story.visible_on`)."""
    return story.visible_on(item.get("since"), item.get("until"), as_of)


def _shown(spec: dict, as_of: str) -> list[str]:
    return [f["id"] for f in spec["features"] if current(f, as_of)]


def _shape_item(spec: dict, rings: dict, as_of: str) -> dict | None:
    style = spec["style"]
    ids = _shown(spec, as_of)
    if not ids:
        return None
    hatch = bool(style.get("hatch"))
    opacity = 0 if hatch or not style.get("fill", True) else style.get("fillOpacity", 0.2)
    return {
        "shapes": [rings[i] for i in ids],
        "fill": style.get("fillColor", style.get("color", "#3388ff")),
        "fill_opacity": opacity,
        "edge": style.get("color", "#3388ff"),
        "width": style.get("weight", 1) * 0.7,
        "dashed": bool(style.get("dashArray")),
        "hatch": hatch,
    }


def _marker_item(spec: dict, as_of: str) -> dict | None:
    markers = [m for m in spec["markers"] if current(m, as_of)]
    if not markers:  # a category with no event yet (an early --as-of, an empty table)
        return None
    xy = to_mercator(np.array([[m["lon"], m["lat"]] for m in markers], dtype=float))
    return {"x": xy[:, 0], "y": xy[:, 1], "color": spec["style"]["fillColor"]}


def _draws(layer: MapLayer, as_of: str) -> bool:
    """Whether a layer has anything to draw on ``as_of`` (the image lists only what it shows)."""
    for child in layer.items:
        if isinstance(child, ShapeSet) and _shown(child.spec, as_of):
            return True
        if isinstance(child, MarkerSet) and any(current(m, as_of) for m in child.spec["markers"]):
            return True
    return False


def _names(labels: Labels, box) -> list[dict]:
    """The names the image shows: those of rank 4 or less, inside ``box`` (Mercator metres)."""
    x0, y0, x1, y1 = box
    out = []
    for label in labels.labels:
        if label["rank"] > 4:
            continue
        ((x, y),) = to_mercator(np.array([[label["lon"], label["lat"]]], dtype=float))
        if x0 < x < x1 and y0 < y < y1:
            out.append({"x": x, "y": y, "name": label["name"], "kind": label.get("kind")})
    return out


def frame_plan(
    layers: list[MapLayer],
    context: LayerContext,
    title: str,
    subtitle: str,
    credit: str,
    view: dict | None = None,
) -> dict:
    """Everything the image shows but the shapes (texts, legend, markers, names), as plain
    data for :mod:`mapgen.image.png`; known before the shapes are simplified.

    Parameters
    ----------
    layers : list of MapLayer
        The page's layers, as built by the layers stage.
    context : LayerContext
    title, subtitle, credit : str
    view : dict, optional
        A chapter of the story: its bounds, date and layers (default: the map's bounds, the
        build's date and the layers shown by default).
    """
    settings = context.settings
    as_of = view["as_of"] if view else context.joined.as_of.isoformat()
    (south, west), (north, east) = view["bounds"] if view else settings.map["bounds"]
    (x0, y0), (x1, y1) = to_mercator(np.array([[west, south], [east, north]], dtype=float))
    markers: list[dict] = []
    labels: list[dict] = []
    for layer in layers:
        if not story.shown(layer, view, as_of):
            continue
        for child in layer.items:
            if isinstance(child, MarkerSet) and (item := _marker_item(child.spec, as_of)):
                markers.append(item)
            elif isinstance(child, Labels):
                labels += _names(child, (x0, y0, x1, y1))
    legend = [
        {"pattern": layer.legend.pattern, "color": layer.legend.color, "label": layer.legend.label}
        for layer in layers
        if layer.legend is not None and story.shown(layer, view, as_of) and _draws(layer, as_of)
    ]
    return {
        "box": (x0, y0, x1, y1),
        "sea": settings.style["sea"],
        "label_color": settings.style["label"],
        "markers": markers,
        "labels": labels,
        "legend": legend,
        "title": title,
        "subtitle": subtitle,
        "credit": credit,
        "rtl": locale.direction() == "rtl",  # texts and legend from the right (Arabic)
    }


def shapes_plan(
    layers: list[MapLayer],
    context: LayerContext,
    screen_shapes: GeoDataFrame,
    view: dict | None = None,
) -> list[dict]:
    """The shapes of every layer shown (in a chapter's view, if given), in drawing order, as
    simplified for the page."""
    as_of = view["as_of"] if view else context.joined.as_of.isoformat()
    sets = [
        child.spec
        for layer in layers
        if story.shown(layer, view, as_of)
        for child in layer.items
        if isinstance(child, ShapeSet)
    ]
    rings = _rings(screen_shapes.geometry, [i for spec in sets for i in _shown(spec, as_of)])
    return [item for spec in sets if (item := _shape_item(spec, rings, as_of))]
