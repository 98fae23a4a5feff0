"""Write the keys of a language file, each with its English text: the start of a new language.

    mapgen lang template uk > new.toml

Every text the reader sees (map.toml's, the tables', the names Natural Earth does not give in
that language), grouped by table, in the order mapgen reads them. A translator replaces each
English text and keeps the keys; ``mapgen lang check uk`` (and ``mapgen build --lang uk``)
then checks the file (:mod:`mapgen.i18n`). With ``--keep data/i18n/uk.toml`` the texts already
translated there are kept and only new keys get their English text (after a change to the
English texts). ``python -m mapgen.i18n_template`` is the same command.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import tomlkit

from mapgen import locale
from mapgen.errors import InputError, Problem, display_path, read_input
from mapgen.i18n import load
from mapgen.inputs import translate as i18n
from mapgen.inputs.files import default_data_dir


def template(data_dir: Path, lang: str, keep: dict | None = None) -> str:
    """The language file of ``lang``: every key, with its text from ``keep`` (a language
    file's tables) where it has one and its English text otherwise."""
    sources = load(data_dir)
    entries = i18n.english(sources.settings.raw, sources, sources.shapes, lang)
    kept = dict(i18n.flatten(keep or {}, entries))
    forms = ", ".join(sorted(locale.plural_forms(lang)))
    doc = tomlkit.document()
    for line in (
        f"The map's texts in {lang}: the same keys as the English texts (map.toml, the tables",
        "of data/, and [names] for the shapes Natural Earth does not name in this language).",
        "Keep every key and {placeholder}; a text marked `plural` may be a table of the",
        f"language's plural forms ({forms}).",
    ):
        doc.add(tomlkit.comment(line))
    tables: dict[str, tomlkit.items.Table] = {}
    for name, entry in entries.items():
        head, _, key = name.rpartition(".")
        table = _table(doc, tables, head)
        if entry.key.plural:
            table.add(tomlkit.comment(f"plural: may be {{ {forms.replace(', ', ' = …, ')} = … }}"))
        table.add(key, _item(kept.get(name, entry.value)))
    # countries the kept file names itself (optional; [names] comes last)
    for name, value in kept.items():
        if name.startswith("names.") and name not in entries:
            _table(doc, tables, "names").add(name.removeprefix("names."), _item(value))
    return tomlkit.dumps(doc)


def _table(doc, tables: dict, head: str, parent_only: bool = False):
    """The table ``[head]`` (``layers.seas``), made on first use. A parent made only for its
    tables is a super table: ``[layers]`` itself is not written."""
    if head not in tables:
        parent, _, name = head.rpartition(".")
        container = _table(doc, tables, parent, parent_only=True) if parent else doc
        tables[head] = tomlkit.table(is_super_table=parent_only)
        container.add(name, tables[head])
    return tables[head]


def _item(value):
    if isinstance(value, dict):  # plural forms: one line
        table = tomlkit.inline_table()
        table.update(value)
        return table
    return tomlkit.item(value)


def template_for(data_dir: Path, lang: str, keep: Path | None = None) -> str:
    """:func:`template`, keeping the texts of the language file at ``keep``; its mistakes
    as an InputError."""
    kept = None
    if keep is not None:
        label = display_path(keep)
        try:
            kept = tomllib.loads(read_input(keep, label).decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise InputError(
                [Problem(label, None, None, f"cannot be read as TOML: {err}")]
            ) from None
    return template(data_dir or default_data_dir(), lang, kept)


if __name__ == "__main__":  # python -m mapgen.i18n_template LANG [--keep FILE]
    from mapgen.cli import main

    sys.exit(main(["lang", "template", *sys.argv[1:]]))
