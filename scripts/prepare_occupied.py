"""Prepare data/geo/occupied_ukraine.topojson: DeepStateMap.Live's assessment of the area of
Ukraine occupied by Russia, one shape a month from April 2022, as the newsroom's shared data
delivers it, made to fit the map's other shapes.

Inputs: the shared folder ``occupied_ukraine/`` (``occupied_ukraine_monthly.fgb``, 54
snapshots, 3 April 2022 - 22 August 2026; its README says how it was made from two public
archives of DeepStateMap.Live's data) and, from data/geo/, Ukraine's outline
(``countries.fgb``, ``UKR``), Crimea and Sevastopol (``ukraine_admin1.fgb``, ``UKR-11``,
``UKR-20``) and the area held before 2022 (``donbas_held.fgb``). Run from the project root::

    python scripts/prepare_occupied.py ../shared/data/occupied_ukraine            # data/geo/
    python scripts/prepare_occupied.py ../shared/data/occupied_ukraine /tmp/geo   # elsewhere

Each month's shape is DeepState's occupied area joined with the areas held before 2022 (so
that the pre-2022 area and Crimea, which DeepState's outline misses by slivers along its own
line and coast, continue into it without a gap), cut to Ukraine's outline of data/geo (so
that its border and coast are the map's), and put on a grid of 0.0001 degrees (at most 8 m
from the source, a fiftieth of a pixel at the map's greatest zoom).
The months share most of their lines, so the file stores them as TopoJSON: every line once
(GDAL reads it as any other vector file). Deterministic: two runs write identical bytes. The
map build never reads the shared folder. Method, figures and licence: data/geo/SOURCES.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from mapgen.simplify import _graph, from_mercator  # noqa: E402  (the map's own arc graph)

GEO = ROOT / "data" / "geo"
SOURCE_FILE = "occupied_ukraine_monthly.fgb"
OUT_NAME = "occupied_ukraine.topojson"
GRID = 1e-4  # degrees: the file's grid (TopoJSON's quantisation), about 11 m
HELD_BEFORE_2022 = ("DONBAS-HELD", "UKR-11", "UKR-20")  # held area, Crimea, Sevastopol


def _geo(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(GEO / name).set_index("shape_id")


def monthly(source_dir: Path) -> gpd.GeoDataFrame:
    """The months' shapes: DeepState's area, with the areas held before 2022, in Ukraine."""
    months = gpd.read_file(source_dir / SOURCE_FILE).sort_values("date").reset_index(drop=True)
    ukraine = _geo("countries.fgb").geometry["UKR"]
    held = pd.concat([_geo("donbas_held.fgb"), _geo("ukraine_admin1.fgb")]).geometry
    before = shapely.union_all(held[list(HELD_BEFORE_2022)].values)
    shapes = []
    for geometry in months.geometry:
        area = shapely.intersection(shapely.union_all([geometry, before]), ukraine)
        area = shapely.set_precision(shapely.make_valid(area), GRID)
        parts = [p for p in shapely.get_parts(area) if p.geom_type == "Polygon"]
        shapes.append(shapely.MultiPolygon(parts))
    day = months["date"].astype(str)
    return gpd.GeoDataFrame(
        {
            "shape_id": "OCC-" + day,
            "name": "Russian-occupied area (DeepStateMap.Live), " + day,
            "kind": "occupied",
            "date": day,  # of DeepState's snapshot
            "month": months["month"],  # the month it stands for (its first snapshot)
            "snapshot": months["kind"],  # "assessed" for a month, "latest" for the last one
            "source": months["source"],
            "source_file": months["source_file"],
        },
        geometry=shapes,
        crs=4326,
    )


def topology(frame: gpd.GeoDataFrame) -> dict:
    """The shapes as a TopoJSON topology: the arc graph of mapgen.simplify (every line that
    two months share stored once), on the grid, delta-coded."""
    graph = _graph(frame[["geometry"]])
    arcs = graph["arcs"]
    lonlat = np.rint(from_mercator(arcs.points) / GRID).astype(np.int64)
    origin = lonlat.min(axis=0)
    coded = []
    for ids in arcs.sequences:
        points = lonlat[ids] - origin
        points[1:] -= points[:-1].copy()
        coded.append(points.tolist())
    geometries = []
    for i, row in enumerate(frame.drop(columns="geometry").itertuples(index=False)):
        polygons: dict[int, list] = {}
        for ring in np.flatnonzero(graph["shape_of_ring"] == i):
            refs = [~arc if back else arc for arc, back in graph["pieces"][ring]]
            polygons.setdefault(int(graph["polygon_of_ring"][ring]), []).append(refs)
        geometries.append(
            {"type": "MultiPolygon", "arcs": list(polygons.values()), "properties": row._asdict()}
        )
    return {
        "type": "Topology",
        "transform": {"scale": [GRID, GRID], "translate": (origin * GRID).round(4).tolist()},
        "objects": {"occupied_ukraine": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": coded,
    }


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    source_dir = Path(argv[0])
    out = (Path(argv[1]) if len(argv) > 1 else GEO) / OUT_NAME
    frame = monthly(source_dir)
    text = json.dumps(topology(frame), separators=(",", ":"), ensure_ascii=False)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"{out}: {len(frame)} months, {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
