"""The page's script: constant code, the same bytes whatever the data.

One concern per file in ``mapgen/templates/js``, concatenated here in a fixed order inside
one function; the data reach it as JSON (:func:`json_block`).
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


@cache
def runtime_js() -> str:
    """The runtime: every file of ``templates/js`` in :data:`ORDER`, in one strict function
    that holds the namespace ``mg`` (boot.js puts ``window.mapgen`` on the page). The comments
    and the indentation stay in the source and out of the page: rjsmin strips them (2.5 KB of
    the 15.6 KB it cost gzipped), keeping every token, so the script runs as written."""
    parts = [template_text(f"js/{name}.js") for name in ORDER]
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
