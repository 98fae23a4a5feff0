"""``mapgen init``: an editor's own copy of the data, to change and build from."""

from __future__ import annotations

import shutil
from pathlib import Path

from mapgen.errors import InputError, Problem, display_path
from mapgen.inputs.files import bundled_data_dir

# What a data folder holds: the tables, the texts, the shapes, the languages, their sources.
PATTERNS = ("*.csv", "*.toml", "*.md", "*.schema.json", "geo/*.fgb", "geo/*.md", "i18n/*.toml")


def data_files(source: Path | None = None) -> list[Path]:
    """The files of the bundled data, relative to its folder."""
    source = source or bundled_data_dir()
    return sorted(p.relative_to(source) for pattern in PATTERNS for p in source.glob(pattern))


def init(folder: Path, force: bool = False) -> Path:
    """Copy the bundled data into ``folder/data`` and return that path. An existing
    ``folder/data`` is refused unless ``force``, which overwrites the bundled files in it
    (an editor's other files stay).

    Raises
    ------
    InputError
        ``folder/data`` exists (without ``force``), or ``folder`` is a file.
    """
    target = folder / "data"
    label = display_path(target)
    if folder.exists() and not folder.is_dir():
        raise InputError([Problem(display_path(folder), None, None, "is not a folder")])
    if target.exists() and not force:
        message = "exists already; nothing was copied (mapgen init --force overwrites it)"
        raise InputError([Problem(label, None, None, message)])
    source = bundled_data_dir()
    for relative in data_files(source):
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, target / relative)
    return target
