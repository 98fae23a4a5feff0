"""Decode a built page's data blocks and markup into one JSON, keys snake_cased, to compare two
builds by meaning: ``python scripts/page_data.py a.html > a.json`` (then diff two of them).

CSP hashes are blanked (they change with the scripts' bytes); key style is normalised (the page
contract writes camelCase, see docs/page-format.md).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m.group(1).lower(), key)


def normalised(value):
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: snake(kv[0]))
        return {snake(k): normalised(v) for k, v in items}
    if isinstance(value, list):
        return [normalised(v) for v in value]
    return value


def decoded(html: str) -> dict:
    """The page's JSON blocks by id, and its markup outside scripts and styles."""
    pattern = r'<script type="application/json" id="([^"]+)">(.*?)</script>'
    blocks = dict(re.findall(pattern, html, re.S))
    out = {name: normalised(json.loads(body)) for name, body in sorted(blocks.items())}
    body = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    body = re.sub(r"<style.*?</style>", "", body, flags=re.S)
    out["__markup__"] = re.sub(r"sha256-[A-Za-z0-9+/=]+", "HASH", body)
    return out


if __name__ == "__main__":
    page = Path(sys.argv[1]).read_text(encoding="utf-8")
    json.dump(decoded(page), sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
