"""The package ``mapgen``: what it exports, and that importing it (or the command) loads no
folium, pandas or geopandas, so that the image process and the command start light."""

from __future__ import annotations

import subprocess
import sys

import mapgen
from mapgen import errors, options, pipeline

HEAVY = ("folium", "pandas", "geopandas", "matplotlib")


def test_the_exports():
    assert sorted(mapgen.__all__) == [
        "BuildOptions",
        "InputError",
        "RenderOptions",
        "build",
        "build_languages",
        "build_map",
    ]
    assert mapgen.BuildOptions is options.BuildOptions
    assert mapgen.RenderOptions is options.RenderOptions
    assert mapgen.InputError is errors.InputError
    assert (mapgen.build, mapgen.build_map, mapgen.build_languages) == (
        pipeline.build,
        pipeline.build_map,
        pipeline.build_languages,
    )
    assert set(mapgen.__all__) <= set(dir(mapgen))


def _loaded_after(code: str) -> list[str]:
    probe = f"import sys; {code}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_importing_the_package_and_the_command_loads_nothing_heavy():
    assert _loaded_after("import mapgen, mapgen.cli") == []
    assert _loaded_after("from mapgen import BuildOptions, RenderOptions, InputError") == []
    assert _loaded_after("from mapgen import build") != []  # the probe can see them
