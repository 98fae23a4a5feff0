"""Derive the story shapes from data/ alone: the Donbas held area and the sea areas.

Inputs (all committed): data/geo/countries.fgb, data/geo/ukraine_admin1.fgb,
data/donbas_towns_2015_2022.csv, data/sea_limits.csv. Outputs: data/geo/donbas_held.fgb,
data/geo/seas.fgb. Run from the project root::

    python scripts/prepare_story_geo.py            # rewrites them in data/geo/
    python scripts/prepare_story_geo.py /tmp/geo   # writes elsewhere, e.g. to compare

Deterministic: two runs write identical files. Method and sources: data/geo/SOURCES.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from prepare_geo import write  # noqa: E402  (the same writer for every data/geo file)

DATA = ROOT / "data"
METRIC = 32637  # UTM zone 37N: metres, for distances around the Donbas and the Black Sea
EQUAL_AREA = 6933
HELD = "separatist-held"
SMOOTH_M = 3000  # closing radius that rounds the Voronoi edges into a front line
PRECISION = 3
# A few points well inside each sea pick the water body out of the cut-up water.
SEAS = {
    "SEA-BLACK": ("Black Sea", (27.0, 40.5, 42.5, 47.0), (34.0, 43.5)),
    "SEA-AZOV": ("Sea of Azov", (33.5, 44.8, 40.0, 47.5), (36.5, 46.0)),
    "SEA-BALTIC": (
        "Baltic Sea (with the Gulfs of Bothnia, Finland and Riga)",
        (9.0, 53.0, 31.0, 66.2),
        (19.0, 57.0),
    ),
}
LIMIT_WIDTH = 0.004  # degrees: the strait limit lines cut the water this wide


def _shapes() -> gpd.GeoDataFrame:
    frames = [gpd.read_file(DATA / "geo" / n) for n in ("countries.fgb", "ukraine_admin1.fgb")]
    return pd.concat(frames, ignore_index=True).set_index("shape_id")


def held_area(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Union of the Voronoi cells of the separatist-held towns, inside the two oblasts."""
    towns = pd.read_csv(DATA / "donbas_towns_2015_2022.csv", comment="#")
    points = gpd.GeoSeries(gpd.points_from_xy(towns["lon"], towns["lat"]), crs=4326).to_crs(METRIC)
    oblasts = (
        gpd.GeoSeries([shapely.union_all(shapes.geometry[["UKR-05", "UKR-14"]].values)], crs=4326)
        .to_crs(METRIC)
        .iloc[0]
    )
    cells = shapely.voronoi_polygons(shapely.MultiPoint(list(points)), extend_to=oblasts.envelope)
    held_points = shapely.MultiPoint(
        [p for p, s in zip(points, towns["side_before_2022_02_24"], strict=True) if s == HELD]
    )
    held = shapely.union_all([c for c in shapely.get_parts(cells) if c.intersects(held_points)])
    held = held.buffer(SMOOTH_M).buffer(-2 * SMOOTH_M).buffer(SMOOTH_M)  # close, then open
    held = shapely.make_valid(held.intersection(oblasts))
    geom = gpd.GeoSeries([held], crs=METRIC).to_crs(4326).iloc[0]
    geom = shapely.set_precision(geom, 10**-PRECISION)
    km2 = gpd.GeoSeries([geom], crs=4326).to_crs(EQUAL_AREA).area.iloc[0] / 1e6
    print(f"held area: {km2:,.0f} km²")
    return gpd.GeoDataFrame(
        {
            "shape_id": ["DONBAS-HELD"],
            "name": ["Held by Russia-backed forces, 2015-2022 (approximate)"],
            "kind": ["area"],
            "area_km2": [round(km2)],
            "town_count": [len(towns)],
        },
        geometry=[geom],
        crs=4326,
    )


def _floats(text: str) -> list[float]:
    return [float(v) for v in text.split(",")]


def seas(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Water inside a box, minus land, cut at the strait limits; the piece holding the seed."""
    land = shapely.union_all(shapes[shapes["kind"] == "country"].geometry.values)
    limits = pd.read_csv(DATA / "sea_limits.csv", comment="#")
    cuts = shapely.union_all(
        [
            shapely.LineString(list(zip(_floats(r.lons), _floats(r.lats), strict=True))).buffer(
                LIMIT_WIDTH / 2
            )
            for r in limits.itertuples()
        ]
    )
    rows = []
    for sea_id, (name, box, seed) in SEAS.items():
        water = shapely.box(*box).difference(land).difference(cuts)
        piece = next(p for p in shapely.get_parts(water) if p.contains(shapely.Point(seed)))
        # close the thin cut again on this side, so the sea reaches its limit line
        piece = piece.buffer(LIMIT_WIDTH).intersection(shapely.box(*box)).difference(land)
        piece = shapely.set_precision(piece, 10**-PRECISION)
        rows.append({"shape_id": sea_id, "name": name, "kind": "sea", "geometry": piece})
    frame = gpd.GeoDataFrame(rows, crs=4326)
    # the re-grown pieces of two seas that share a limit must not overlap
    frame["geometry"] = [
        shapely.make_valid(g.difference(shapely.union_all(frame.geometry.values[:i]))) if i else g
        for i, g in enumerate(frame.geometry)
    ]
    frame["area_km2"] = (frame.to_crs(EQUAL_AREA).area / 1e6).round().astype(int)
    for row in frame.itertuples():
        print(f"{row.name}: {row.area_km2:,} km²")
    return frame


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else DATA / "geo"
    shapes = _shapes()
    write(held_area(shapes), out / "donbas_held.fgb")
    write(seas(shapes).sort_values("shape_id"), out / "seas.fgb")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
