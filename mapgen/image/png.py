"""Draw the static image, 1200 × 900 px, from its plan (:func:`mapgen.image.plan.frame_plan`
and :func:`~mapgen.image.plan.shapes_plan`), with matplotlib: :func:`frame` draws the texts,
the legend, the markers and the names while the build is still simplifying the shapes,
:func:`finish` the shapes between them.

The plan is plain data (Web Mercator metres, colours, texts), so this module needs only
numpy, matplotlib and Pillow. It runs in the drawing process (:mod:`mapgen.image.process`),
so that the image is drawn on a second core while the page is rendered.
"""

from __future__ import annotations

import io
import textwrap

from mapgen.image.names import draw_names
from mapgen.image.style import TEXT, add_shapes, swatch_style, text_side

SIZE_IN = (12, 9)
DPI = 100
MARKER_SIZE = 40  # a marker's area, in points squared
LEGEND_PT = 7.5
LEGEND_COLUMNS = 3
LEGEND_WRAP = 58  # characters a legend line holds at this size in a third of the width
CREDIT_PT = 6.5
SUBTITLE_PT = 9.5
SUBTITLE_WRAP = 140
CREDIT_WRAP = 190


def _layout(plan: dict) -> dict:
    """Where things go, in pixels from the bottom: the credit, the legend above it (each
    entry on as many lines as its label needs, the columns filled one after the other to about
    equal height), and the map above both."""
    pt = DPI / 72
    line = 1.7 * LEGEND_PT * pt  # one legend line
    entries = [textwrap.wrap(e["label"], LEGEND_WRAP) or [""] for e in plan["legend"]]
    heights = [len(lines) * line * 0.62 + line * 0.38 for lines in entries]
    per_column = sum(heights) / LEGEND_COLUMNS
    columns, filled = [[]], 0.0
    for index, h in enumerate(heights):
        if filled + h / 2 > per_column and len(columns) < LEGEND_COLUMNS and columns[-1]:
            columns.append([])
            filled = 0.0
        columns[-1].append(index)
        filled += h
    legend_height = max((sum(heights[i] for i in column) for column in columns), default=0)
    credit_lines = textwrap.fill(plan["credit"], CREDIT_WRAP).count("\n") + 1
    credit_height = credit_lines * CREDIT_PT * pt * 1.3
    bottom = 0.012 * SIZE_IN[1] * DPI
    legend_top = bottom + credit_height + 0.4 * line + legend_height
    subtitle_lines = textwrap.fill(plan["subtitle"], SUBTITLE_WRAP).count("\n") + 1
    return {
        "map_top": 0.935 - (subtitle_lines * SUBTITLE_PT * pt * 1.3 + 8) / (SIZE_IN[1] * DPI),
        "lines": entries,
        "heights": heights,
        "columns": columns,
        "legend_top": legend_top,
        "map_bottom": (legend_top + 0.6 * line) / (SIZE_IN[1] * DPI),
    }


def _swatch(fig, entry: dict, x: float, middle: float, size: float, pixels) -> None:
    """A legend entry's swatch, its left edge at ``x`` (pixels): a dot, or a filled box."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    if entry["pattern"] == "dot":
        fig.add_artist(
            Line2D(
                [x + 1.6 * size / 2],
                [middle],
                marker="o",
                markersize=8,
                markerfacecolor=entry["color"],
                markeredgecolor="white",
                transform=pixels,
            )
        )
        return
    fig.add_artist(
        Rectangle(
            (x, middle - 0.35 * size),
            1.6 * size,
            0.7 * size,
            linewidth=1.5 if entry["pattern"] == "dashed" else 1,
            transform=pixels,
            **swatch_style(entry),
        )
    )


def _legend(fig, entries: list[dict], layout: dict, rtl: bool = False) -> None:
    """The legend below the map: swatch and label, the columns of :func:`_layout`, placed
    directly (matplotlib's legend layout would take a fifth of a second); ``rtl`` mirrors it
    (columns from the right, each label left of its swatch)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import IdentityTransform

    if not entries:
        return
    pt = fig.dpi / 72  # pixels per point
    size = LEGEND_PT * pt
    font = FontProperties(size=LEGEND_PT)
    handle, pad = 1.6 * size, 0.8 * size
    width = fig.bbox.width
    column_width = (0.98 * width - 0.4 * size) / LEGEND_COLUMNS
    pixels = IdentityTransform()
    for number, column in enumerate(layout["columns"]):
        x = 0.01 * width + 0.4 * size + number * column_width
        if rtl:  # the swatch's left edge, mirrored
            x = width - x - handle
        top = layout["legend_top"]
        for index in column:
            middle = top - 0.5 * layout["heights"][index]
            top -= layout["heights"][index]
            _swatch(fig, entries[index], x, middle, size, pixels)
            fig.text(
                x - pad if rtl else x + handle + pad,
                middle,
                "\n".join(layout["lines"][index]),
                fontproperties=font,
                va="center",
                ha="right" if rtl else "left",
                linespacing=1.15,
                transform=pixels,
                **TEXT,
            )


def _figure(transparent: bool = False):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=SIZE_IN, dpi=DPI, facecolor="none" if transparent else "white")
    FigureCanvasAgg(fig)
    return fig


def _map_axes(fig, plan: dict, layout: dict):
    x0, y0, x1, y1 = plan["box"]
    bottom = layout["map_bottom"]
    ax = fig.add_axes((0.01, bottom, 0.98, layout["map_top"] - bottom))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def _rgba(fig):
    import numpy as np

    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _below(plan: dict, layout: dict):
    """What lies beneath the shapes: background, sea, texts and legend, drawn; returns the
    map's axes, whose canvas the shapes are drawn on."""
    from matplotlib.patches import Rectangle

    x0, y0, x1, y1 = plan["box"]
    below = _figure()
    ax = _map_axes(below, plan, layout)
    ax.add_patch(
        Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=plan["sea"], edgecolor="none", zorder=0)
    )
    rtl = plan.get("rtl", False)
    # a right-to-left language starts its lines at the right
    x, side = text_side(rtl, 0.01)
    title = plan["title"]
    below.text(x, 0.975, title, fontsize=17, fontweight="bold", va="top", **side, **TEXT)
    subtitle = textwrap.fill(plan["subtitle"], SUBTITLE_WRAP)
    below.text(x, 0.935, subtitle, fontsize=SUBTITLE_PT, va="top", color="#444", **side, **TEXT)
    _legend(below, plan["legend"], layout, rtl)
    credit = textwrap.fill(plan["credit"], CREDIT_WRAP)
    below.text(x, 0.012, credit, fontsize=CREDIT_PT, color="#555", va="bottom", **side, **TEXT)
    below.canvas.draw()
    return ax


def _above(plan: dict, layout: dict):
    """What lies above the shapes: markers, names and the map's border, as an RGBA array."""
    from matplotlib.patches import Rectangle

    x0, y0, x1, y1 = plan["box"]
    above = _figure(transparent=True)
    top = _map_axes(above, plan, layout)
    for markers in plan["markers"]:
        top.scatter(
            markers["x"],
            markers["y"],
            s=MARKER_SIZE,
            c=markers["color"],
            edgecolors="white",
            linewidths=1,
            zorder=3,
        )
    draw_names(
        top, plan["labels"], plan["markers"], pt=7, color=plan["label_color"], stroke=2.2,
        marker_size=MARKER_SIZE,
    )  # fmt: skip
    top.add_patch(
        Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#999", linewidth=0.8, zorder=5)
    )
    return _rgba(above)


def frame(plan: dict) -> dict:
    """Draw all but the shapes, ahead of them: what lies beneath (background, sea, texts,
    legend), drawn on the canvas the shapes will be drawn on, and what lies above (markers,
    names, the map's border), kept as an RGBA array to lay over them."""
    layout = _layout(plan)
    ax = _below(plan, layout)
    return {"axes": ax, "above": _above(plan, layout), "title": plan["title"]}


def finish(drawn: dict, shapes: list[dict]) -> bytes:
    """The PNG: the shapes drawn onto the frame's canvas, its upper layer laid over them."""
    import numpy as np
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    ax = drawn["axes"]
    for item in shapes:
        ax.draw_artist(add_shapes(ax, item))
    rgb = np.asarray(ax.figure.canvas.buffer_rgba())[..., :3].copy()
    above = drawn["above"]
    on = above[..., 3] > 0  # names, markers, border: a few per cent of the pixels
    alpha = above[on][:, 3:].astype(np.uint32)
    rgb[on] = (above[on][:, :3] * alpha + rgb[on] * (255 - alpha) + 127) // 255
    out = io.BytesIO()
    info = PngInfo()
    info.add_itxt("Title", drawn["title"])  # which build drew it, for readers and checks
    Image.fromarray(rgb, "RGB").save(out, format="png", compress_level=3, pnginfo=info)
    return out.getvalue()
