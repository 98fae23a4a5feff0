"""What a notebook's own folium elements need on the page, added only when they are there.

``build_map()`` returns a folium.Map; a user may add ``folium.Marker(..., popup=...)``,
``folium.GeoJson`` or a plugin and display or save it. folium's popups build their HTML with
jQuery (``$(`...`)``) and a plain Marker uses Leaflet's default icon, whose image files a
standalone page does not have. So, from the script the page is about to run:

- jQuery, inlined from the pinned ``xstatic-jquery``, when the script calls ``$(`` or jQuery;
- Leaflet's three marker images as data URIs (in the ``mapgen-icons`` JSON block, which the
  runtime hands to ``L.Icon.Default``), when the script makes a marker.
- the layer control's toggle images (a style, as leaflet.css has them), when the script makes
  a ``folium.LayerControl``: the page's own layer panel never shows that toggle, so the page's
  leaflet.css leaves them out (page/assets.py);
- the whole of Leaflet, rather than mapgen's build of it (page/assets.py), when the script
  names Leaflet at all (``L.geoJson``, ``L.circle`` …) or the page's head links a script (a
  folium plugin's).

A page with neither (every build of the command line) gets neither.
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from pathlib import Path

from mapgen.page.data import MarkerIcons, to_json

_JQUERY_CALL = re.compile(r"(?<![\w.$])(\$|jQuery)\s*\(")
_MARKER = re.compile(r"\bL\.marker\s*\(")
_LAYER_CONTROL = re.compile(r"\bL\.control\.layers\s*\(")
_LEAFLET = re.compile(r"(?<![\w.$])L\s*\.")
_SCRIPT = re.compile(r"<script\b", re.I)


def needs(script: str, head: str = "") -> dict[str, bool]:
    """Which assets the page's main script and the elements of its head need."""
    return {
        "jquery": bool(_JQUERY_CALL.search(script)),
        "icons": bool(_MARKER.search(script)),
        "layers": bool(_LAYER_CONTROL.search(script)),
        "leaflet": bool(_LEAFLET.search(script) or _SCRIPT.search(head)),
        "head_script": bool(_SCRIPT.search(head)),
    }


@cache
def jquery_js() -> str:
    """jQuery 3.7.1, minified, from the pinned ``xstatic-jquery`` package."""
    import xstatic.pkg.jquery as xjquery

    return (Path(xjquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")


def _uri(name: str) -> str:
    from mapgen.page.assets import _leaflet_dir

    data = base64.b64encode((_leaflet_dir() / "images" / name).read_bytes()).decode()
    return "data:image/png;base64," + data


@cache
def layer_icons_css() -> str:
    """The layer control's toggle images, as leaflet.css 1.9.3 gives them."""
    return (
        f".leaflet-control-layers-toggle{{background-image:url({_uri('layers.png')})}}"
        ".leaflet-retina .leaflet-control-layers-toggle"
        f"{{background-image:url({_uri('layers-2x.png')});background-size:26px 26px}}"
    )


@cache
def marker_icons() -> str:
    """Leaflet 1.9.3's default marker images as data URIs, JSON for ``L.Icon.Default``."""
    icons = MarkerIcons(
        _uri("marker-icon.png"), _uri("marker-icon-2x.png"), _uri("marker-shadow.png")
    )
    return json.dumps(to_json(icons))
