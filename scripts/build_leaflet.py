"""Write ``mapgen/templates/leaflet/leaflet.min.js``: Leaflet 1.9.3 built from its own sources,
with only the modules a page of mapgen's runtime uses, by the tools and the steps of Leaflet's
own ``npm run build`` (rollup 2 with its JSON plugin, then ``uglifyjs -c -m --comments``)::

    python scripts/build_leaflet.py

It needs Node.js and npm (the npm registry), and nothing of the build needs them after:
the file is committed. The sources are npm's ``leaflet@1.9.3``, the release whose
``dist/leaflet.js`` xstatic-leaflet ships (the whole of Leaflet, which a page with tiles or a
notebook's own folium elements gets: mapgen/page/assets.py); the tarball is checked against
the registry's SHA-512 below. The modules kept are listed in ``scripts/leaflet/mapgen-entry.js``;
the one Leaflet file changed, that which picks a renderer, is changed here (SVG only, as the
page never asks for a canvas). The same steps on Leaflet's own ``src/Leaflet.js`` give
``dist/leaflet.js`` to within its source-map comment (146,714 B against 146,715).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "scripts" / "leaflet" / "mapgen-entry.js"
OUT = ROOT / "mapgen" / "templates" / "leaflet" / "leaflet.min.js"

LEAFLET = "leaflet@1.9.3"
INTEGRITY = (  # npm view leaflet@1.9.3 dist.integrity
    "sha512-iB2cR9vAkDOu5l3HAay2obcUHZ7xwUBBjph8+PGtmW/2lYhbLizWtG7nTeYht36WfOslixQF9D/"
    "uSIzhZgGMfQ=="
)
TOOLS = ["rollup@2.79.1", "@rollup/plugin-json@4.1.0", "uglify-js@3.17.4"]

# Leaflet's rollup configuration (build/rollup-config.js of the release): its banner and the
# outro that makes ``L`` a global
ROLLUP_CONFIG = r"""import json from '@rollup/plugin-json';
const banner = `/* @preserve
 * Leaflet 1.9.3, a JS library for interactive maps. https://leafletjs.com
 * (c) 2010-2022 Vladimir Agafonkin, (c) 2010-2011 CloudMade
 */
`;
const outro = `var oldL = window.L;
exports.noConflict = function() {
	window.L = oldL;
	return this;
}
// Always export us to window global (see #2364)
window.L = exports;`;
export default {
  input: 'package/src/mapgen-entry.js',
  output: [{file: 'leaflet-src.js', format: 'umd', name: 'leaflet', banner, outro,
            freeze: false, interop: false}],
  plugins: [json()]
};
"""

# Renderer.getRenderer.js, SVG only: (what it says, what mapgen's build says)
RENDERER = [
    ("import {Map} from '../../map/Map';", "import {Map} from './map/Map';"),
    ("import {canvas} from './Canvas';\n", ""),
    ("import {svg} from './SVG';", "import {svg} from './layer/vector/SVG';"),
    (
        "return (this.options.preferCanvas && canvas(options)) || svg(options);",
        "return svg(options);",
    ),
]


def run(*args: str, cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run("npm", "pack", "--silent", LEAFLET, cwd=work)
        tarball = work / "leaflet-1.9.3.tgz"
        digest = (
            "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        )
        if digest != INTEGRITY:
            sys.exit(f"{tarball.name}: {digest}, not the registry's {INTEGRITY}")
        shutil.unpack_archive(tarball, work)
        (work / "package.json").write_text(json.dumps({"name": "build", "private": True}))
        run("npm", "install", "--silent", "--no-save", "--ignore-scripts", *TOOLS, cwd=work)
        src = work / "package" / "src"
        shutil.copy(ENTRY, src / ENTRY.name)
        renderer = (src / "layer" / "vector" / "Renderer.getRenderer.js").read_text()
        for old, new in RENDERER:
            if renderer.count(old) != 1:
                sys.exit(f"Renderer.getRenderer.js: {old!r} is not there once")
            renderer = renderer.replace(old, new)
        (src / "mapgen-renderer.js").write_text(renderer)
        (work / "rollup.config.js").write_text(ROLLUP_CONFIG)
        run("npx", "rollup", "--silent", "-c", "rollup.config.js", cwd=work)
        run("npx", "uglifyjs", "leaflet-src.js", "-c", "-m", "--comments", "-o", "out.js", cwd=work)
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_bytes((work / "out.js").read_bytes().rstrip(b"\n") + b"\n")
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size:,} B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
