"""A Content-Security-Policy for the standalone page: hashes of its own inline code, nothing else.

The policy goes in a ``<meta http-equiv>`` tag at the top of ``<head>``; every inline
``<script>`` and ``<style>`` element is allowed by its SHA-256 hash, so an injected element or
event-handler attribute would not run. No ``unsafe-inline``, no ``unsafe-eval``.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)


def _hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def policy(html: str, *, cdn: str | None = None, tiles: bool = False) -> str:
    """The policy for a rendered page.

    Parameters
    ----------
    html : str
        The page, complete.
    cdn : str, optional
        An origin the page loads Leaflet from (``--assets cdn``).
    tiles : bool, default False
        Whether the page loads map tiles (``--tiles``): any https image is then allowed.
    """
    hashes = {"script": [], "style": []}
    for kind, body in _INLINE.findall(html):
        hashes[kind].append(_hash(body))
    script = sorted(set(hashes["script"])) + ([cdn] if cdn else [])
    style = sorted(set(hashes["style"])) + ([cdn] if cdn else [])
    # 'self': the static image beside the page, shown in <noscript> where scripts do not run
    image = ["'self'", "data:"] + (["https:"] if tiles else [])
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(script),
            "style-src " + " ".join(style),
            "img-src " + " ".join(image),
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def add_policy(html: str, **kwargs) -> str:
    """Insert the policy's meta tag right after ``<meta charset>`` (before any script)."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, **kwargs)}">'
    head, sep, rest = html.partition('<meta charset="utf-8">\n')
    if not sep:
        raise ValueError("the page template has no <meta charset> line")
    return head + sep + tag + "\n" + rest
