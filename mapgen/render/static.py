"""The static image: the same layers, colours and legend as the page, drawn by matplotlib.

For print, social cards and readers whose browser runs no scripts. It reads the layer
definitions the page is built from (the ShapeSets and MarkerSets in each FeatureGroup), so the
two cannot drift apart; layers switched off on the page are left out here too.
"""

from __future__ import annotations

import io
import textwrap

import geopandas as gpd
import numpy as np
import shapely

from mapgen.layers import LayerContext, MapLayer
from mapgen.layers.base import Labels
from mapgen.layers.shapes import MarkerSet, ShapeSet

WEB_MERCATOR = 3857
SIZE_IN = (12, 9)
DPI = 100


def _dash(style: dict):
    return (0, (4, 3)) if style.get("dashArray") else "solid"


def _path(geom):
    """A matplotlib Path of a (multi)polygon, holes included."""
    from matplotlib.path import Path

    rings = [
        ring
        for polygon in shapely.get_parts(geom)
        if polygon.geom_type == "Polygon"
        for ring in (polygon.exterior, *polygon.interiors)
    ]
    return Path.make_compound_path(*[Path(np.asarray(r.coords)[:, :2], closed=True) for r in rings])


def _draw_shapes(ax, spec: dict, geoms: gpd.GeoSeries, as_of: str) -> None:
    from matplotlib.collections import PathCollection
    from matplotlib.colors import to_rgba

    style = spec["style"]
    ids = [f["id"] for f in spec["features"] if not f.get("since") or f["since"] <= as_of]
    if not ids:
        return
    hatch = style.get("className", "").startswith("mapgen-hatch")
    opacity = 0 if hatch or not style.get("fill", True) else style.get("fillOpacity", 0.2)
    ax.add_collection(
        PathCollection(
            [_path(geoms[i]) for i in ids],
            facecolors=[to_rgba(style.get("fillColor", style.get("color", "#3388ff")), opacity)],
            edgecolors=[style.get("color", "#3388ff")],
            linewidths=style.get("weight", 1) * 0.7,
            linestyles=_dash(style),
            hatch="////" if hatch else None,
            zorder=1,
        )
    )


def _legend_handles(layers: list[MapLayer]):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for layer in layers:
        entry = layer.legend
        if entry is None or entry.off or not layer.group.show:
            continue
        if entry.pattern == "dot":
            handle = Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markersize=8,
                markerfacecolor=entry.color,
                markeredgecolor="white",
            )
        elif entry.pattern == "hatch":
            handle = Patch(facecolor="white", edgecolor=entry.color, hatch="////")
        elif entry.pattern == "dashed":
            handle = Patch(facecolor="none", edgecolor=entry.color, linestyle="--", linewidth=1.5)
        else:
            handle = Patch(facecolor=entry.color, edgecolor="#0003")
        handles.append((handle, entry.label))
    return handles


def render_png(
    layers: list[MapLayer],
    context: LayerContext,
    screen_shapes: gpd.GeoDataFrame,
    title: str,
    subtitle: str,
    credit: str,
) -> bytes:
    """Draw the map as a 1200 x 900 PNG and return its bytes (deterministic for equal input).

    Parameters
    ----------
    layers : list of MapLayer
        The page's layers, as built by the layers stage.
    context : LayerContext
    screen_shapes : geopandas.GeoDataFrame
        The shapes as simplified for the page.
    title, subtitle, credit : str
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patheffects import withStroke

    settings = context.settings
    as_of = context.joined.as_of.isoformat()
    geoms = screen_shapes.geometry.to_crs(WEB_MERCATOR)
    (south, west), (north, east) = settings.map["bounds"]
    box = gpd.GeoSeries([shapely.box(west, south, east, north)], crs=4326).to_crs(WEB_MERCATOR)
    x0, y0, x1, y1 = box.total_bounds

    fig = plt.figure(figsize=SIZE_IN, dpi=DPI)
    ax = fig.add_axes((0.01, 0.2, 0.98, 0.7))
    ax.add_patch(
        plt.Rectangle(
            (x0, y0), x1 - x0, y1 - y0, facecolor=settings.style["sea"], edgecolor="none", zorder=0
        )
    )
    for layer in layers:
        if not layer.group.show:
            continue
        for child in layer.group._children.values():
            if isinstance(child, ShapeSet):
                _draw_shapes(ax, child.spec, geoms, as_of)
            elif isinstance(child, MarkerSet):
                points = gpd.GeoSeries(
                    gpd.points_from_xy(
                        [m["lon"] for m in child.spec["markers"]],
                        [m["lat"] for m in child.spec["markers"]],
                    ),
                    crs=4326,
                ).to_crs(WEB_MERCATOR)
                ax.scatter(
                    points.x,
                    points.y,
                    s=40,
                    c=child.spec["style"]["fillColor"],
                    edgecolors="white",
                    linewidths=1,
                    zorder=3,
                )
            elif isinstance(child, Labels):
                for label in child.labels:
                    if label["rank"] > 4:
                        continue
                    point = (
                        gpd.GeoSeries(gpd.points_from_xy([label["lon"]], [label["lat"]]), crs=4326)
                        .to_crs(WEB_MERCATOR)
                        .iloc[0]
                    )
                    if x0 < point.x < x1 and y0 < point.y < y1:
                        ax.text(
                            point.x,
                            point.y,
                            label["name"],
                            fontsize=7,
                            ha="center",
                            va="center",
                            color=settings.style["label"],
                            zorder=4,
                            path_effects=[withStroke(linewidth=2.2, foreground="white")],
                        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.add_patch(
        plt.Rectangle(
            (x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#999", linewidth=0.8, zorder=5
        )
    )
    fig.text(0.01, 0.975, title, fontsize=17, fontweight="bold", va="top")
    fig.text(0.01, 0.935, textwrap.fill(subtitle, 140), fontsize=9.5, va="top", color="#444")
    handles = _legend_handles(layers)
    fig.legend(
        [h for h, _ in handles],
        [t for _, t in handles],
        loc="lower left",
        bbox_to_anchor=(0.01, 0.05),
        ncol=4,
        fontsize=7.5,
        frameon=False,
        handlelength=1.6,
        columnspacing=1.2,
    )
    fig.text(0.01, 0.012, textwrap.fill(credit, 190), fontsize=6.5, color="#555", va="bottom")
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()
