"""Regenerate data/map.schema.json, map.toml's JSON Schema, from the declarations of
mapgen.inputs.schema and of the registered layers (their SPEC, COLOURS and HATCHES).

Run from the project root after a change to the declarations::

    python scripts/map_schema.py            # rewrites data/map.schema.json
    python scripts/map_schema.py /tmp/s.json

data/map.toml names it on its first line (``#:schema ./map.schema.json``), for Taplo and the
editors that use it; tests/inputs/test_json_schema.py holds the file to the declarations.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mapgen.inputs import schema
from mapgen.inputs.files import SCHEMA_FILE, bundled_data_dir
from mapgen.inputs.json_schema import schema_text
from mapgen.layers import inputs


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else bundled_data_dir() / SCHEMA_FILE
    path.write_text(schema_text(schema.tables(inputs())), encoding="utf-8")
    print(f"{path}: the JSON Schema of map.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
