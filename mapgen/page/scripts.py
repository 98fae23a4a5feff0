"""The page's script: constant code, one of two scripts whatever the data.

One concern per file in ``mapgen/templates/js``, concatenated here in a fixed order inside
one function; the data reach it as JSON (:func:`json_block`). A page of fewer than
:data:`CANVAS_FROM` markers leaves out dot-layer.js, which it would never run.
"""

from __future__ import annotations

import json
from functools import cache

from mapgen.page.jinja import template_text

# Each file is one closure over the namespace ``mg`` and uses only what the files before it
# define there (tests/page/test_scripts.py checks it); boot.js, which starts the map, is last.
ORDER = (
    "core",
    "rules",
    "table",
    "leaflet-private",
    "columns",
    "popups",
    "dot-layer",
    "places",
    "hatches",
    "label-forms",
    "label-sizes",
    "label-place",
    "label-refuge",
    "labels",
    "layers",
    "legend",
    "layer-panel",
    "timeline",
    "hash",
    "caption",
    "story",
    "embed",
    "keys",
    "boot",
)


# From this many markers on a page, each set is drawn on a canvas (dot-layer.js, which boot.js
# finds on the page or not) instead of as an SVG circle a marker; below it the page leaves
# the file out (1.8 KB gzipped).
CANVAS_FROM = 1000


def bundle_name(canvas_dots: bool) -> str:
    """The committed bundle's file in ``templates/runtime``."""
    return "runtime-dots.min.js" if canvas_dots else "runtime.min.js"


def runtime_source(canvas_dots: bool = True) -> str:
    """The runtime as written: every file of ``templates/js`` in :data:`ORDER` (dot-layer.js
    only with ``canvas_dots``), in one strict function that holds the namespace ``mg``
    (boot.js puts ``window.mapgen`` on the page)."""
    names = [name for name in ORDER if canvas_dots or name != "dot-layer"]
    parts = [template_text(f"js/{name}.js") for name in names]
    return '(function () {\n"use strict";\nvar mg = {};\n' + "\n".join(parts) + "})();\n"


def minify(source: str) -> str:
    """``source`` minified by calmjs.parse: comments and spaces out, and every local name
    (the function's, its files' closures' and their variables') one or two letters; the
    globals (``L``, ``window.mapgen``) and every property keep their names, so the script
    runs as written. 2.1 KB gzipped less than only stripping comments and spaces."""
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print

    return minify_print(es5(source), obfuscate=True, obfuscate_globals=False) + "\n"


@cache
def runtime_js(canvas_dots: bool = True) -> str:
    """The runtime a page ships: :func:`runtime_source` minified, as committed in
    ``templates/runtime`` by ``scripts/bundle_runtime.py`` (minifying takes 0.4 s a build;
    tests/page/test_scripts.py checks that the bundles are the sources minified)."""
    return template_text("runtime/" + bundle_name(canvas_dots))


def json_block(value) -> str:
    """JSON for a ``<script type="application/json">`` element: ``<``, ``>`` and ``&`` escaped
    so that no value can end the element or open a comment, and U+2028/U+2029 escaped for
    any reader that takes the text for JavaScript."""
    return (
        json.dumps(
            value, separators=(",", ":"), ensure_ascii=False, sort_keys=True, allow_nan=False
        )
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
