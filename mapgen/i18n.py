"""``python -m mapgen.i18n LANG [FILE]``: check a language file of data/i18n against the
English texts of data/ (the language files themselves: :mod:`mapgen.inputs.translate`)."""

from __future__ import annotations

import sys
from pathlib import Path

from mapgen import inputs, layers
from mapgen.errors import InputError
from mapgen.inputs.translate import (
    Translation,
    english,
    language_file,
    no_file,
    optional_names,
    read,
)


def load(data_dir: Path) -> inputs.Sources:
    """Every input of ``data_dir``, read as the registered layers declare them (for the
    language tools: this command and :mod:`mapgen.i18n_template`)."""
    return inputs.load(data_dir, layers.inputs())


def check_file(data_dir: Path, lang: str, path: Path | None = None) -> Translation:
    """Read and check the language file of ``lang`` (or ``path``) against data/'s English
    texts."""
    if path is None and not language_file(data_dir, lang).exists():
        raise InputError([no_file(data_dir, lang)])
    sources = load(data_dir)
    entries = english(sources.settings.raw, sources, sources.shapes, lang)
    return read(data_dir, lang, entries, path, optional_names(sources.shapes))


if __name__ == "__main__":  # python -m mapgen.i18n LANG [FILE]: mapgen lang check LANG [FILE]
    import sys

    from mapgen.cli import main

    sys.exit(main(["lang", "check", *sys.argv[1:]]))
