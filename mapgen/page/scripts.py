"""The page's script: constant code, one of two scripts whatever the data.

One concern per file in ``mapgen/templates/js``, concatenated here in a fixed order inside
one function; the data reach it as JSON (:func:`json_block`). A page of fewer than
:data:`CANVAS_FROM` markers leaves out dot-layer.js, which it would never run.
"""

from __future__ import annotations

import json
from functools import cache

import rjsmin

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


@cache
def runtime_js(canvas_dots: bool = True) -> str:
    """The runtime: every file of ``templates/js`` in :data:`ORDER` (dot-layer.js only with
    ``canvas_dots``), in one strict function that holds the namespace ``mg`` (boot.js puts
    ``window.mapgen`` on the page). The comments and the indentation stay in the source and
    out of the page: rjsmin strips them (2.5 KB of the 15.6 KB it cost gzipped), keeping every
    token, so the script runs as written."""
    names = [name for name in ORDER if canvas_dots or name != "dot-layer"]
    parts = [template_text(f"js/{name}.js") for name in names]
    source = '(function () {\n"use strict";\nvar mg = {};\n' + "\n".join(parts) + "})();\n"
    return rjsmin.jsmin(source) + "\n"


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
