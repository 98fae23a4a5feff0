"""Benchmark: mapgen's default map against a plain-folium map of the same data, side by side.

Run from the project root (needs the bench extra and Debian's Chromium)::

    pip install ".[bench]" && python bench/bench.py

The baseline is what a newsroom would write by hand with folium: the same shapes (data/geo, no
further simplification), the same join, one ``folium.GeoJson`` per accession wave plus the
baseline, draft-treaty, Bucharest and base layers, tooltips and popups, OpenStreetMap tiles and
folium's default CDN assets. This machine has no internet: in Chromium the baseline's CDN files
are served from local copies (Leaflet from xstatic-leaflet, jQuery from xstatic-jquery, empty
files for Bootstrap and Font Awesome, which it does not need to draw), i.e. a best case for it,
and its tile requests are answered with an empty 204. Every request that would leave the page is
counted.

Where the time goes (this machine, 2 cores). In Chromium: a page with nothing but Leaflet
inlined and one polygon shows it after ~140 ms (navigation ~60 ms, Leaflet's evaluation ~40 ms).
mapgen's map script starts at ~125 ms; creating the map and the page's first layout take ~25 ms,
the base ~60 ms (points in the view only: far shapes wait until a pan brings them near; each
shape is projected once for every layer that draws it) and the accession waves ~12 ms; then the
page paints. The story layers, markers, names and the layer panel are added right after that
first paint ("every layer ... in"). The build: of its ~1.9 s, ~1.0 s is importing folium, pandas
and geopandas; the PNG is drawn by a second process that imports matplotlib meanwhile, draws the
texts and legend while the shapes are simplified, and the shapes while the page is rendered.
Timings on this shared virtual machine vary by ±15 % from run to run: medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The first frame with a drawn shape, and (mapgen only) the first frame after every layer
# and the layer panel are in (<html data-mapgen-ready>). Times from navigation start.
FIRST_SHAPE = """
window.__firstShape = null;
window.__ready = null;
new MutationObserver((records, observer) => {
  if (document.querySelector('path.leaflet-interactive')) {
    requestAnimationFrame(() => { window.__firstShape = performance.now(); });
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
new MutationObserver((records, observer) => {
  if (document.documentElement && document.documentElement.hasAttribute('data-mapgen-ready')) {
    requestAnimationFrame(() => { window.__ready = performance.now(); });
    observer.disconnect();
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-mapgen-ready']});
"""


def _wait_for(page, condition: str, seconds: float = 60) -> None:
    """Poll with evaluate: mapgen's CSP forbids the eval behind wait_for_function."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(f"() => Boolean({condition})"):
        if time.monotonic() > deadline:
            raise TimeoutError(condition)
        page.wait_for_timeout(20)


# Untick and tick the first wave (1949) in the layer control; time until the next frame.
TOGGLE = """async () => {
  const box = document.querySelector('.leaflet-control-layers-overlays input');
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [];
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    box.click();
    await frame();
    times.push(performance.now() - start);
  }
  return Math.max(...times);
}"""


def build_baseline(out: Path) -> None:
    """The plain-folium map: one GeoJson per layer, geometry repeated in each."""
    import folium

    from mapgen.join import join
    from mapgen.load import load

    sources = load(ROOT / "data")
    settings = sources.settings
    joined = join(sources, settings.default_as_of)
    shapes = sources.shapes
    fmap = folium.Map(location=settings.map["center"], zoom_start=settings.map["zoom"])

    def geojson(frame, name, style, show=True, control=True, popup=None):
        group = folium.FeatureGroup(name=name, show=show, control=control)
        layer = folium.GeoJson(
            frame[["name", "geometry"]].reset_index(),
            style_function=lambda _f, s=style: s,
            tooltip=folium.GeoJsonTooltip(fields=["name"]),
        )
        if popup:
            layer.add_child(folium.Popup(popup))
        layer.add_to(group)
        group.add_to(fmap)

    countries = shapes[shapes["kind"] == "country"]
    geojson(
        countries, "Countries", {"fillColor": settings.style["land"], "weight": 0.8}, control=False
    )
    for wave, colour in zip(joined.waves, settings.style["waves"], strict=False):
        rows = joined.member_shapes[joined.member_shapes["wave"] == wave.year]
        geojson(
            rows,
            str(wave.year),
            {"fillColor": colour, "fillOpacity": 1, "weight": 0.6},
            show=not wave.later,
        )
    after = joined.member_shapes[joined.member_shapes["after_baseline"]]
    geojson(
        after,
        "1997 baseline",
        {"color": "#111", "fillOpacity": 0.3},
        popup=settings.layers["baseline"]["popup_text"],
    )
    for key in ("treaty_zone", "bucharest"):
        spec = settings.layers[key]
        geojson(
            shapes.loc[spec["iso3"]], spec["name"], {"color": "#c0392b"}, popup=spec["popup_text"]
        )
    folium.LayerControl().add_to(fmap)
    fmap.save(str(out))


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def _local_assets() -> dict[str, tuple[bytes, str]]:
    import xstatic.pkg.jquery as xjquery
    import xstatic.pkg.leaflet as xleaflet

    leaflet = Path(xleaflet.BASE_DIR)
    return {
        "leaflet.js": ((leaflet / "leaflet.js").read_bytes(), "application/javascript"),
        "leaflet.css": ((leaflet / "leaflet.css").read_bytes(), "text/css"),
        "jquery-3.7.1.min.js": (
            (Path(xjquery.BASE_DIR) / "jquery.min.js").read_bytes(),
            "application/javascript",
        ),
    }


def browse(browser, html: Path, assets) -> dict:
    """Time to first shapes, JS heap and outgoing requests of one page load."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outgoing: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
            return
        outgoing.append(url)
        name = url.rsplit("/", 1)[-1]
        if name in assets:
            body, kind = assets[name]
            r.fulfill(status=200, body=body, content_type=kind)
        elif url.endswith(".png"):
            r.fulfill(status=204, body=b"")
        else:
            kind = "text/css" if url.endswith(".css") else "application/javascript"
            r.fulfill(status=200, body=b"", content_type=kind)

    page.route("**/*", route)
    page.add_init_script(FIRST_SHAPE)
    # mapgen opens on the first chapter of its story; Explore draws every layer, as the plain
    # folium page does, so the two columns compare the same work (folium ignores the fragment)
    page.goto(html.resolve().as_uri() + "#chapter=explore", wait_until="load")
    _wait_for(page, "window.__firstShape !== null")
    first = page.evaluate("window.__firstShape")
    if page.evaluate("!!document.getElementById('mapgen-shapes')"):
        _wait_for(page, "window.__ready !== null")
        ready = page.evaluate("window.__ready")
    else:  # plain folium draws everything at once
        ready = first
    page.wait_for_timeout(300)
    toggle = page.evaluate(TOGGLE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    page.close()
    return {
        "first_shapes_ms": first,
        "ready_ms": ready,
        "heap_mb": metrics.get("JSHeapUsedSize", 0) / 2**20,
        "requests": len(outgoing),
        "toggle_ms": toggle,
    }


def measure(args) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="mapgen-bench-"))
    ours, baseline = work / "mapgen.html", work / "folium.html"
    results = {"mapgen": {}, "plain folium": {}}
    command = [
        sys.executable,
        "-m",
        "mapgen",
        "build",
        "--quiet",
        "--out",
        str(ours),
        "--data-dir",
        str(ROOT / "data"),
    ]
    results["mapgen"]["build_s"] = statistics.median(timed(command) for _ in range(args.runs))
    results["mapgen"]["build_html_s"] = statistics.median(
        timed([*command, "--no-png"]) for _ in range(args.runs)
    )
    results["plain folium"]["build_s"] = statistics.median(
        timed([sys.executable, __file__, "--baseline-only", str(baseline)])
        for _ in range(args.runs)
    )
    results["plain folium"]["build_html_s"] = results["plain folium"]["build_s"]  # it has no PNG
    for name, path in (("mapgen", ours), ("plain folium", baseline)):
        raw = path.read_bytes()
        results[name]["html_kb"] = len(raw) / 1000
        results[name]["gzip_kb"] = len(gzip.compress(raw, 9)) / 1000
    assets = _local_assets()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        for name, path in (("mapgen", ours), ("plain folium", baseline)):
            loads = [browse(browser, path, assets) for _ in range(args.runs)]
            for key in ("first_shapes_ms", "ready_ms", "toggle_ms", "heap_mb", "requests"):
                results[name][key] = statistics.median(load[key] for load in loads)
        browser.close()
    return results


ROWS = [
    ("build_s", "build: HTML + PNG + embed (s, CLI wall clock)", "{:.2f}"),
    ("build_html_s", "build with --no-png (s)", "{:.2f}"),
    ("html_kb", "HTML raw (KB)", "{:,.0f}"),
    ("gzip_kb", "HTML gzipped (KB)", "{:,.0f}"),
    ("first_shapes_ms", "Chromium: first shapes (ms)", "{:,.0f}"),
    ("ready_ms", "Chromium: every layer and the layer panel in (ms)", "{:,.0f}"),
    ("toggle_ms", "Chromium: untick/tick the 1949 wave, to next frame (ms)", "{:,.0f}"),
    ("heap_mb", "Chromium: JS heap (MB)", "{:.1f}"),
    ("requests", "requests leaving the page", "{:.0f}"),
]


def table(results: dict[str, dict]) -> str:
    ours, base = results["mapgen"], results["plain folium"]
    lines = [
        "| measure | mapgen | plain folium | mapgen / folium |",
        "| --- | ---: | ---: | ---: |",
    ]
    for key, label, fmt in ROWS:
        ratio = f"{ours[key] / base[key]:.2f}" if base[key] else "–"
        lines.append(f"| {label} | {fmt.format(ours[key])} | {fmt.format(base[key])} | {ratio} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="repetitions; medians are shown")
    parser.add_argument("--baseline-only", type=Path, metavar="OUT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline_only:
        build_baseline(args.baseline_only)
        return 0
    print(table(measure(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
