"""The share card and the print files: the static image's plan drawn whole in one figure, at
another size.

- the card: 1200 × 630 px PNG, the opening chapter's map under the title, the short credit
  below (Open Graph and Twitter show it beside a link);
- print: PDF and SVG at A4 or a newspaper column's width, with the key and the full credit;
  vector shapes, and text as text (SVG ``<text>``, PDF fonts embedded), so that a desk can set
  and correct it.
"""

from __future__ import annotations

import io
import textwrap

from mapgen.image.names import draw_names
from mapgen.image.style import TEXT, add_shapes, swatch_style, text_side

CARD_PX = (1200, 630)
CARD_DPI = 100
A4_MM = (210.0, 297.0)
MM = 1 / 25.4  # inches
PRINT_MIN_MM, PRINT_MAX_MM = 40.0, 420.0  # a narrow column up to A3's width
ROW = 1.45  # a key entry's height, in lines of its text (room for a second line)
# Text as text; and the same inputs give the same bytes: ids hashed with a fixed salt (not a
# random one per id), no date of drawing (matplotlib's metadata to None drops it).
PRINT_RC = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "mapgen"}
UNDATED = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}


def _wrap(text: str, width_in: float, pt: float) -> str:
    """Lines of about the width of the figure at this size (a character ~ half the size)."""
    return textwrap.fill(text, max(12, int(width_in * 72 * 0.96 / (pt * 0.57))))


def _view(plan: dict, aspect: float) -> tuple[float, float, float, float]:
    """The plan's view widened (or heightened) to ``aspect`` (width / height)."""
    x0, y0, x1, y1 = plan["box"]
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:
        grow = (height * aspect - width) / 2
        return x0 - grow, y0, x1 + grow, y1
    grow = (width / aspect - height) / 2
    return x0, y0 - grow, x1, y1 + grow


def _inside(shapes: list[dict], box) -> list[dict]:
    """The shapes with only their rings that reach into ``box`` (a print file holds no
    Canada the view does not show)."""
    x0, y0, x1, y1 = box
    out = []
    for item in shapes:
        kept = []
        for rings in item["shapes"]:
            near = [r for r in rings if r[:, 0].max() >= x0 and r[:, 0].min() <= x1
                    and r[:, 1].max() >= y0 and r[:, 1].min() <= y1]  # fmt: skip
            if near:
                kept.append(near)
        if kept:
            out.append({**item, "shapes": kept})
    return out


def _map(fig, plan: dict, shapes: list[dict], rect, label_pt: float) -> None:
    """The map in ``rect`` (figure fractions): the plan's view, widened to the rectangle's
    shape; sea, shapes, markers, names, a thin border."""

    width_in, height_in = fig.get_size_inches()
    x0, y0, x1, y1 = box = _view(plan, rect[2] * width_in / (rect[3] * height_in))
    ax = fig.add_axes(rect)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_facecolor(plan["sea"])
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#999")
        spine.set_linewidth(0.6)
    for item in _inside(shapes, box):
        add_shapes(ax, item)
    for markers in plan["markers"]:
        ax.scatter(markers["x"], markers["y"], s=label_pt * 4, c=markers["color"],
                   edgecolors="white", linewidths=0.6, zorder=3)  # fmt: skip
    draw_names(
        ax, plan["labels"], plan["markers"], pt=label_pt, color=plan["label_color"],
        stroke=1.8, marker_size=label_pt * 4, clip=True,
    )  # fmt: skip


def _legend_rows(fig, entries: list[dict], top: float, width_in: float, pt: float, rtl: bool):
    """The key in columns below the map, from ``top`` (a figure fraction) down; returns where
    it ends."""
    from matplotlib.patches import Rectangle

    if not entries:
        return top
    height_in = fig.get_size_inches()[1]
    columns = max(1, int(width_in // 2.6))
    line = pt * 1.55 / 72 / height_in  # one row, as a fraction of the figure's height
    column_width = 0.96 / columns
    swatch_w, swatch_h = 0.16 / width_in * pt / 7, line * 0.55
    wrap = max(10, int(column_width * width_in * 72 / (pt * 0.52)) - 4)
    rows = 0
    for index, entry in enumerate(entries):
        column, row = index % columns, index // columns
        label = textwrap.shorten(entry["label"], wrap * 2, placeholder="…")
        lines = textwrap.wrap(label, wrap) or [""]
        y = top - (row + 0.5) * line * ROW
        x = 0.02 + column * column_width
        if rtl:
            x = 0.98 - column * column_width - swatch_w
        style = swatch_style(entry)
        fig.add_artist(
            Rectangle(
                (x, y - swatch_h / 2),
                swatch_w,
                swatch_h,
                transform=fig.transFigure,
                linewidth=0.6,
                **style,
            )  # fmt: skip
        )
        text_x = x - 0.008 if rtl else x + swatch_w + 0.008
        fig.text(text_x, y, "\n".join(lines[:2]), fontsize=pt, va="center",
                 ha="right" if rtl else "left", linespacing=1.05, **TEXT)  # fmt: skip
        rows = max(rows, row + 1)
    return top - rows * line * ROW


def card(plan: dict, shapes: list[dict]) -> bytes:
    """The share card: 1200 × 630 px, the map under the title, the short credit below."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width_in, height_in = CARD_PX[0] / CARD_DPI, CARD_PX[1] / CARD_DPI
    fig = Figure(figsize=(width_in, height_in), dpi=CARD_DPI, facecolor="white")
    FigureCanvasAgg(fig)
    x, side = text_side(plan.get("rtl", False), 0.02)
    title = _wrap(plan["title"], width_in, 24)
    lines = title.count("\n") + 1
    fig.text(x, 0.965, title, fontsize=24, fontweight="bold", va="top", **side, **TEXT)
    top = 0.965 - lines * 24 * 1.3 / 72 / height_in - 0.02
    credit = plan.get("short_credit") or plan["credit"]
    fig.text(x, 0.02, _wrap(credit, width_in, 10), fontsize=10, color="#555", va="bottom",
             **side, **TEXT)  # fmt: skip
    _map(fig, plan, shapes, (0.02, 0.08, 0.96, top - 0.08), label_pt=9)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=CARD_DPI, metadata={"Title": plan["title"]})
    return out.getvalue()


def sheet(plan: dict, shapes: list[dict], width_mm: float | None, fmt: str) -> bytes:
    """The print file (``fmt`` "pdf" or "svg"): title, subtitle, map, key, full credit, at A4
    (210 × 297 mm) or a column ``width_mm`` wide and as tall as its map and texts need;
    shapes as vectors, text as text."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width = (width_mm or A4_MM[0]) * MM
    pt = max(5.5, min(9.0, width * 1.1))  # body text: 9 pt on A4, 5.5-6 pt in a column
    rtl = plan.get("rtl", False)
    blocks = [  # text, size, weight, colour: above the map
        (_wrap(plan["title"], width, pt * 1.8), pt * 1.8, "bold", "#111"),
        (_wrap(plan["subtitle"], width, pt), pt, "normal", "#444"),
    ]
    above = sum((t.count("\n") + 1) * size * 1.3 / 72 + 0.06 for t, size, _w, _c in blocks)
    credit = _wrap(plan["credit"], width, pt * 0.8)
    below = (credit.count("\n") + 1) * pt * 0.8 * 1.3 / 72 + 0.1
    columns = max(1, int(width // 2.6))
    below += -(-len(plan["legend"]) // columns) * pt * 0.85 * 1.55 * ROW / 72 + 0.1
    x0, y0, x1, y1 = plan["box"]
    if width_mm is None:  # A4: the map takes what the texts leave
        height = A4_MM[1] * MM
    else:  # a column: the map as wide as the column, the page as tall as it all
        height = above + below + width * 0.96 * (y1 - y0) / (x1 - x0)
    fig = Figure(figsize=(width, height), facecolor="white")
    FigureCanvasAgg(fig)
    x, side = text_side(rtl, 0.02)
    top = 1 - 0.04 / height
    for text, size, weight, colour in blocks:
        fig.text(x, top, text, fontsize=size, fontweight=weight, color=colour, va="top",
                 **side, **TEXT)  # fmt: skip
        top -= ((text.count("\n") + 1) * size * 1.3 / 72 + 0.06) / height
    fig.text(x, 0.04 / height, credit, fontsize=pt * 0.8, color="#555", va="bottom", **side,
             **TEXT)  # fmt: skip
    bottom = below / height
    _map(fig, plan, shapes, (0.02, bottom, 0.96, top - bottom), label_pt=pt * 0.8)
    _legend_rows(fig, plan["legend"], bottom - 0.05 / height, width, pt * 0.85, rtl)
    out = io.BytesIO()
    with matplotlib.rc_context(PRINT_RC):
        fig.savefig(out, format=fmt, metadata={"Title": plan["title"], **UNDATED[fmt]})
    return out.getvalue()


def extras(plan: dict, shapes: list[dict]) -> dict[str, bytes]:
    """The files the plan asks for beside the static image: ``card`` (PNG) and, for print,
    ``pdf`` and ``svg`` (``plan["extras"]["print"]``: "A4" or a column's width in mm)."""
    wanted = plan.get("extras", {})
    out = {}
    if wanted.get("card"):
        out["card"] = card(plan, shapes)
    if wanted.get("print"):
        width = None if wanted["print"] == "A4" else float(wanted["print"])
        out |= {fmt: sheet(plan, shapes, width, fmt) for fmt in ("pdf", "svg")}
    return out
