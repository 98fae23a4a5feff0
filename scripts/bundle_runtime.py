"""Write the runtime's bundles, ``mapgen/templates/runtime/*.min.js``: the files of
``mapgen/templates/js`` in their order, minified (``mapgen.page.scripts.minify``), with and
without dot-layer.js. Run after any change to a file of ``templates/js``::

    python scripts/bundle_runtime.py

tests/page/test_scripts.py fails while a bundle is not its sources minified.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapgen.page.scripts import bundle_name, minify, runtime_source  # noqa: E402

OUT = ROOT / "mapgen" / "templates" / "runtime"


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for dots in (False, True):
        path = OUT / bundle_name(dots)
        path.write_text(minify(runtime_source(dots)), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
