"""What the static image, the share card and the print files draw alike: how a key entry's
swatch is filled, which side a line of text starts on, how the data's texts are set, and the
shapes of a layer.

matplotlib is imported by the functions that draw, not here: the build's own process imports
this package (to start the drawing process, :mod:`mapgen.image.process`) and never draws.
"""

from __future__ import annotations

HATCH = "////"
# Texts from the data are drawn as they are: a "$" is a dollar sign, never mathtext.
TEXT = {"parse_math": False}


def swatch_style(entry: dict) -> dict:
    """How a key entry's swatch is filled: its pattern (hatch, dashed) or its colour."""
    colour = entry["color"]
    return {
        "hatch": {"facecolor": "white", "edgecolor": colour, "hatch": HATCH},
        "dashed": {"facecolor": "none", "edgecolor": colour, "linestyle": "--"},
    }.get(entry["pattern"], {"facecolor": colour, "edgecolor": "#0003"})


def text_side(rtl: bool, margin: float) -> tuple[float, dict]:
    """Where a line of text starts (figure fraction) and how it is aligned: at the left, or
    at the right for a right-to-left language."""
    if rtl:
        return 1 - margin, {"ha": "right", "multialignment": "right"}
    return margin, {"ha": "left"}


def _compound(rings):
    """One matplotlib Path of many closed rings, built in one go."""
    import numpy as np
    from matplotlib.path import Path

    vertices = np.concatenate(rings)
    codes = np.full(len(vertices), Path.LINETO, dtype=Path.code_type)
    starts = np.cumsum([0] + [len(r) for r in rings[:-1]])
    codes[starts] = Path.MOVETO
    codes[starts + [len(r) - 1 for r in rings]] = Path.CLOSEPOLY
    return Path(vertices, codes)


def add_shapes(ax, item: dict):
    """Add one item of a shapes plan (:func:`mapgen.image.plan.shapes_plan`) to ``ax``: its
    shapes as one collection, filled, edged, dashed or hatched as on the page; returns it."""
    from matplotlib.collections import PathCollection
    from matplotlib.colors import to_rgba

    return ax.add_collection(
        PathCollection(
            [_compound(rings) for rings in item["shapes"]],
            facecolors=[to_rgba(item["fill"], item["fill_opacity"])],
            edgecolors=[item["edge"]],
            linewidths=item["width"],
            linestyles=(0, (4, 3)) if item["dashed"] else "solid",
            hatch=HATCH if item["hatch"] else None,
            zorder=1,
        )
    )
