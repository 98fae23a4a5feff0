"""Leaflet's JS and CSS, inlined: the CSS and the whole of Leaflet from the pinned
``xstatic-leaflet`` package, and mapgen's build of Leaflet 1.9.3 with only the modules the
page's runtime uses (``templates/leaflet/leaflet.min.js``, written by
``scripts/build_leaflet.py``: 33 KB gzipped against 42), which a page gets unless it has tiles
or a notebook's own folium elements (page/notebook.py)."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

import rcssmin
import xstatic.pkg.leaflet as xleaflet

from mapgen.page.jinja import template_text

LEAFLET_VERSION = "1.9.3"


def _leaflet_dir() -> Path:
    if xleaflet.VERSION != LEAFLET_VERSION:
        raise RuntimeError(
            f"xstatic-leaflet ships Leaflet {xleaflet.VERSION}, "
            f"mapgen needs {LEAFLET_VERSION}: pip install xstatic-leaflet==1.9.3.0"
        )
    return Path(xleaflet.BASE_DIR)


@cache
def leaflet_js() -> str:
    """leaflet.js without its source-map comment (DevTools would fetch the map)."""
    text = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    return re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)


@cache
def leaflet_core_js() -> str:
    """mapgen's build of Leaflet 1.9.3: no GeoJSON, overlays, canvas, tiles, scale control …
    (scripts/leaflet/mapgen-entry.js lists what it keeps)."""
    return template_text("leaflet/leaflet.min.js")


# The default marker's image, which leaflet.css names only so that L.Icon.Default can guess
# where its images lie: the page makes no default marker, and a notebook's markers take
# theirs from the mapgen-icons block (page/notebook.py). 1.5 KB gzipped. And the layer
# control's toggle: the page's layer panel is never collapsed, so its toggle never shows; a
# notebook's own folium.LayerControl gets the images from page/notebook.py. 2.0 KB gzipped.
UNUSED_IMAGES = {"images/marker-icon.png", "images/layers.png", "images/layers-2x.png"}


# The rules for Internet Explorer before 9 (VML shapes, the .leaflet-oldie fixes) and the
# declarations prefixed for old Firefox and Internet Explorer (-moz-, -ms-): the page's scripts
# need a browser of this decade (Promise, Object.assign, User Timing with options: Firefox 103,
# no Internet Explorer), which reads the unprefixed declarations beside them. 0.2 KB gzipped.
OLD_IE = re.compile(r"[^{}]*(?:\.leaflet-oldie|\.leaflet-vml-shape|\.lvml)\b[^{}]*\{[^}]*\}")
OLD_PREFIXED = re.compile(r"(?<=[{;])-(?:moz|ms)-[a-z-]+:[^;}]*;?")


@cache
def leaflet_css() -> str:
    """leaflet.css with its images turned into data: URIs, so nothing is fetched, minified
    (rcssmin: its comments and spaces cost 0.8 KB gzipped), without what only old browsers
    read (:data:`OLD_IE`, :data:`OLD_PREFIXED`)."""
    base = _leaflet_dir()

    def inline(match: re.Match) -> str:
        if match.group(1) in UNUSED_IMAGES:
            return "none"
        data = base64.b64encode((base / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    text = (base / "leaflet.css").read_text(encoding="utf-8")
    text = rcssmin.cssmin(re.sub(r"url\((images/[\w.-]+\.png)\)", inline, text))
    text = OLD_PREFIXED.sub("", OLD_IE.sub("", text)).replace(";}", "}")
    return re.sub(r"[^{}]+\{\}", "", text)  # a rule left empty


CDN = "https://cdn.jsdelivr.net/npm/leaflet@{version}/dist/{name}"


def _sri(name: str) -> str:
    digest = hashlib.sha384((_leaflet_dir() / name).read_bytes()).digest()
    return "sha384-" + base64.b64encode(digest).decode("ascii")


def leaflet_assets(mode: str) -> dict:
    """What the page template needs for Leaflet.

    Parameters
    ----------
    mode : {"inline", "cdn"}
        ``inline`` (default) puts the files into the page; ``cdn`` links the same pinned files
        from jsDelivr's npm mirror with Subresource Integrity hashes of the packaged bytes
        (xstatic-leaflet 1.9.3.0 ships npm's leaflet@1.9.3 ``dist/`` files unchanged).
    """
    if mode == "inline":
        return {
            "mode": mode,
            "js": leaflet_js(),
            "core_js": leaflet_core_js(),
            "css": leaflet_css(),
        }
    if mode == "cdn":
        return {
            "mode": mode,
            "js_url": CDN.format(version=LEAFLET_VERSION, name="leaflet.js"),
            "js_sri": _sri("leaflet.js"),
            "css_url": CDN.format(version=LEAFLET_VERSION, name="leaflet.css"),
            "css_sri": _sri("leaflet.css"),
        }
    raise ValueError(f"assets must be 'inline' or 'cdn', not {mode!r}")
