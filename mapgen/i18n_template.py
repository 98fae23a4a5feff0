"""Write the keys of a language file, each with its English text: the start of a new language.

    python -m mapgen.i18n_template uk > new.toml

Every text the reader sees (map.toml's, the tables', the names Natural Earth does not give in
that language), grouped by table, in the order mapgen reads them. A translator replaces each
English text and keeps the keys; `mapgen build --lang uk` then checks the file
(:mod:`mapgen.i18n`). With ``--keep data/i18n/uk.toml`` the texts already translated there are
kept and only new keys get their English text (after a change to the English texts).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

from mapgen import locale
from mapgen.i18n import load
from mapgen.inputs import translate as i18n
from mapgen.inputs.files import default_data_dir

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(name: str) -> str:
    return name if _BARE.fullmatch(name) else json.dumps(name, ensure_ascii=False)


def _value(value) -> str:
    if isinstance(value, dict):  # plural forms
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def template(data_dir: Path, lang: str, keep: dict | None = None) -> str:
    sources = load(data_dir)
    entries = i18n.english(sources.settings.raw, sources, sources.shapes, lang)
    kept = dict(i18n.flatten(keep or {}, entries))
    forms = ", ".join(sorted(locale.plural_forms(lang)))
    out = [
        f"# The map's texts in {lang}: the same keys as the English texts (map.toml, the tables",
        "# of data/, and [names] for the shapes Natural Earth does not name in this language).",
        "# Keep every key and {placeholder}; a text marked `plural` may be a table of the",
        f"# language's plural forms ({forms}).",
    ]
    table = None
    for name, entry in entries.items():
        head, _, key = name.rpartition(".")
        if head != table:
            table = head
            out += ["", "[" + ".".join(_key(part) for part in head.split(".")) + "]"]
        if entry.key.plural:
            out.append(f"# plural: may be {{ {forms.replace(', ', ' = …, ')} = … }}")
        out.append(f"{_key(key)} = {_value(kept.get(name, entry.value))}")
    # countries the kept file names itself (optional; [names] comes last)
    overrides = [(k, v) for k, v in kept.items() if k.startswith("names.") and k not in entries]
    if overrides and table != "names":
        out += ["", "[names]"]
    out += [f"{_key(k.removeprefix('names.'))} = {_value(v)}" for k, v in overrides]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("lang", help="the language code: de, uk, ar …")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--keep", type=Path, help="a language file whose texts to keep")
    args = parser.parse_args(argv)
    keep = tomllib.loads(args.keep.read_text(encoding="utf-8")) if args.keep else None
    sys.stdout.write(template(args.data_dir or default_data_dir(), args.lang, keep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
