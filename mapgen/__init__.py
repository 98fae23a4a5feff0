"""mapgen: offline, reproducible, accessible interactive maps for newsrooms.

>>> from mapgen import BuildOptions, build_map
>>> m = build_map(BuildOptions(lang="uk"))  # doctest: +SKIP
"""

from mapgen.errors import InputError

__all__ = ["BuildOptions", "InputError", "RenderOptions", "build", "build_languages", "build_map"]
__version__ = "0.1.0"

# Where each lazily imported name lives. The pipeline imports folium, geopandas and pandas, and
# the options Babel: only when asked for, so that the image process (``python -m
# mapgen.image.process``, which imports this package first) starts without them.
_LAZY = {
    "build": "mapgen.pipeline",
    "build_map": "mapgen.pipeline",
    "build_languages": "mapgen.pipeline",
    "BuildOptions": "mapgen.options",
    "RenderOptions": "mapgen.options",
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mapgen' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
