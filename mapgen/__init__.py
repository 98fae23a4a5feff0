"""mapgen: offline, reproducible, accessible interactive maps for newsrooms."""

from mapgen.errors import InputError

__all__ = ["InputError", "build", "build_map"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # build and build_map import folium, geopandas and pandas: only when asked for, so that
    # ``python -m mapgen.image.png`` (the image process) starts without them
    if name in ("build", "build_map"):
        from mapgen import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'mapgen' has no attribute {name!r}")
