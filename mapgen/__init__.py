"""mapgen: offline, reproducible, accessible interactive maps for newsrooms."""

from mapgen.errors import InputError
from mapgen.pipeline import build, build_map

__all__ = ["InputError", "build", "build_map"]
__version__ = "0.1.0"
