"""The names on the static image, the share card and the print sheets: the page's placement
(templates/js/labels.js) in its plain form. Names go in the data's priority order (the story's
countries, then the others by rank); each is drawn only if its box overlaps no name drawn
before it and no marker, so two names never touch ("FraSwitzerland") and a name of the story
is never dropped for a lesser one. A place's name stands beside its dot; a sea's is italic.

matplotlib is imported by the functions that draw (see :mod:`mapgen.image.style`).
"""

from __future__ import annotations

import re

from mapgen.image.style import TEXT

PLACES = ("capital", "city")
SEA_COLOUR = "#3d6e8f"  # as mapgen.css draws a sea's name
PAD_PX = 1.5  # room kept round each name, in pixels of the figure
# DejaVu Sans Oblique has no Arabic letters: an Arabic sea's name stays upright
NO_ITALIC = re.compile("[\u0600-\u06ff]")


def _hit(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _marker_boxes(ax, markers: list[dict], size_pt2: float) -> list:
    """The display boxes of the markers (scatter sizes are areas in points squared)."""
    from matplotlib.transforms import Bbox

    radius = (size_pt2**0.5) / 2 * ax.figure.dpi / 72
    boxes = []
    for item in markers:
        for x, y in ax.transData.transform(list(zip(item["x"], item["y"], strict=True))):
            boxes.append(Bbox([[x - radius, y - radius], [x + radius, y + radius]]))
    return boxes


def draw_names(
    ax, labels: list[dict], markers: list[dict], *, pt: float, color: str, stroke: float,
    marker_size: float, clip: bool = False,
) -> list[tuple[str, object]]:  # fmt: skip
    """Draw the names that fit, in order; return each drawn name with its display box."""
    from matplotlib.patheffects import withStroke

    ax.apply_aspect()  # where the axes will be drawn (an equal aspect moves them at draw)
    renderer = ax.figure.canvas.get_renderer()
    taken = _marker_boxes(ax, markers, marker_size)
    drawn = []
    effects = [withStroke(linewidth=stroke, foreground="white")]
    for label in labels:
        place = label.get("kind") in PLACES
        sea = label.get("kind") == "sea"
        style = {
            "fontsize": pt * (0.95 if place else 1),
            "color": SEA_COLOUR if sea else color,
            "fontstyle": "italic" if sea and not NO_ITALIC.search(label["name"]) else "normal",
            "va": "center",
            "zorder": 4,
            "clip_on": clip,
            "path_effects": effects,
            **TEXT,
        }
        if place:
            text = ax.annotate(
                label["name"], (label["x"], label["y"]), xytext=(pt * 0.55, 0),
                textcoords="offset points", ha="left", **style,
            )  # fmt: skip
        else:
            text = ax.text(label["x"], label["y"], label["name"], ha="center", **style)
        box = text.get_window_extent(renderer).padded(PAD_PX)
        dot = None
        if place:
            (x, y) = ax.transData.transform((label["x"], label["y"]))
            r = pt * 0.3 * ax.figure.dpi / 72
            dot = type(box)([[x - r, y - r], [x + r, y + r]])
        if any(_hit(box, other) for other in taken) or (
            dot is not None and any(_hit(dot, other) for other in taken)
        ):
            text.remove()
            continue
        taken.append(box)
        if dot is not None:
            taken.append(dot)
            ax.plot([label["x"]], [label["y"]], "o", ms=pt * 0.5, color=color,
                    mec="white", mew=0.6, zorder=4, clip_on=clip)  # fmt: skip
        drawn.append((label["name"], box))
    return drawn
