"""load: shapes, members and areas read and checked."""

from __future__ import annotations

import json
import logging

import geopandas as gpd
import pyogrio
import pytest
import shapely

from mapgen.errors import InputError
from mapgen.inputs import load
from mapgen.inputs.shapes import load_shapes
from tests.conftest import DECLARED


def test_real_data_loads(sources):
    assert len(sources.members) == 32
    assert {"DEU", "DEU-GDR", "UKR", "UKR-05", "UKR-14", "UKR-11", "UKR-20"} <= set(
        sources.shapes.index
    )
    assert sources.shapes.geometry.is_valid.all()
    assert sources.members["source"].str.len().min() > 10


def test_crimea_is_ukrainian(sources):
    crimea = sources.shapes.loc["UKR-11"]
    assert crimea["part_of"] == "UKR"
    ukraine = sources.shapes.geometry["UKR"]
    assert ukraine.buffer(0.05).contains(sources.shapes.geometry["UKR-20"])
    assert ukraine.intersection(crimea.geometry).area / crimea.geometry.area > 0.99
    assert not sources.shapes.geometry["RUS"].intersects(crimea.geometry.buffer(-0.05))


def test_unknown_member_code_is_located(data_copy):
    path = data_copy / "nato_members.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace("FRA,", "FRX,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load(data_copy, DECLARED)
    assert [str(p) for p in err.value.problems] == [
        f"{path}:5: iso3 'FRX' has no shape in data/geo"
    ]


def _rewrite_shape(geo_dir, shape_id, geometry):
    path = geo_dir / "countries.fgb"
    frame = gpd.read_file(path)
    # an empty polygon is stored as a feature without geometry (FlatGeobuf has no empty ones)
    shape = shapely.from_geojson(json.dumps(geometry))
    frame.loc[frame["shape_id"] == shape_id, "geometry"] = None if shape.is_empty else shape
    pyogrio.write_dataframe(
        frame, path, driver="FlatGeobuf", layer="countries", layer_options={"SPATIAL_INDEX": "NO"}
    )


def test_invalid_shape_is_repaired_with_a_warning(data_copy, caplog):
    bowtie = {"type": "Polygon", "coordinates": [[[5, 50], [6, 51], [6, 50], [5, 51], [5, 50]]]}
    _rewrite_shape(data_copy / "geo", "LUX", bowtie)
    with caplog.at_level(logging.WARNING, logger="mapgen"):
        shapes = load_shapes(data_copy / "geo", {})
    assert shapes.geometry["LUX"].is_valid and shapes.geometry["LUX"].area > 0.4
    assert any("shape LUX is invalid (Self-intersection" in r.message for r in caplog.records)


def test_empty_shape_is_an_error(data_copy):
    _rewrite_shape(data_copy / "geo", "LUX", {"type": "Polygon", "coordinates": []})
    with pytest.raises(InputError, match=r"countries.fgb: shape LUX is empty"):
        load_shapes(data_copy / "geo", {})


def test_problems_of_map_toml_and_the_tables_in_one_run(data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    toml = data_copy / "map.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("zoom = 4", "zoom = 99"))
    members = data_copy / "nato_members.csv"
    members.write_text(members.read_text(encoding="utf-8").replace("1949-08-24", "1949-13-24", 1))
    with pytest.raises(InputError) as err:
        load(data_copy, DECLARED)
    files = [p.path for p in err.value.problems]
    assert files == ["data/map.toml", "data/nato_members.csv"]
