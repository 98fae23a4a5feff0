"""What the occupied-area series (data/geo/occupied_ukraine.topojson) would cost the page, by
the accuracy it is drawn to: the question of issue 22, part 1 (at most 30 KB gzipped, within
0.75 px of the data at every zoom up to 8, every month a stop).

    python bench/occupied_cost.py [--months 54]

For each zoom the series is simplified for (within 0.75 px of the data at that zoom: lines to
0.57 px on the 1/4 px grid, as the page's tables are), the shared-arc tables' points and gzip -9
bytes, split into the arcs and the shapes' arc references, in the page's packed encoding
(docs/page-format.md). ``--months N`` takes the first N snapshots. Sizes are exact; nothing is
timed. Beside them, the English page as built today, without the series.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapgen import simplify  # noqa: E402
from mapgen.page import shape_table  # noqa: E402

SERIES = ROOT / "data" / "geo" / "occupied_ukraine.topojson"
ZOOMS = (8, 7.5, 7, 6.5, 6, 5)


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9))


def series_cost(frame: gpd.GeoDataFrame, zoom: float) -> dict:
    """The series' tables simplified within 0.75 px at ``zoom``, on the grid of zoom 8 + 2."""
    line = shape_table.line_tolerance_px(0.75)
    levels = simplify.simplify_levels(frame[["geometry"]], simplify.metres_per_pixel(zoom) * line)
    table, _ = shape_table.encode_levels(levels, list(frame.index), 8)
    points = sum(len(code) // 2 for code in shape_table.unpack(table.arcs))
    arcs, refs = _gz(table.arcs), _gz(json.dumps(table.shapes, separators=(",", ":")))
    return {"points": points, "arcs": arcs, "refs": refs, "total": arcs + refs}


def english_page() -> int:
    from mapgen.pipeline import BuildOptions, build

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "nato_map.html"
        build(BuildOptions(out=out, png=False))
        return len(gzip.compress(out.read_bytes(), 9))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=None)
    args = parser.parse_args(argv)
    frame = gpd.read_file(SERIES).set_index("shape_id")
    frame = frame.iloc[: args.months] if args.months else frame
    page = english_page()
    print(f"{len(frame)} snapshots; the English page without them: {page:,} bytes gzipped")
    print(f"{'within 0.75 px up to zoom':>26} {'points':>7} {'arcs':>7} {'refs':>7} "
          f"{'series':>7} {'page with it':>12}")  # fmt: skip
    for zoom in ZOOMS:
        cost = series_cost(frame, zoom)
        print(
            f"{zoom:>26} {cost['points']:>7,} {cost['arcs']:>7,} {cost['refs']:>7,} "
            f"{cost['total']:>7,} {page + cost['total']:>12,}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
