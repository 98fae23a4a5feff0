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

Two profiles: the desktop (1280 x 900) and a phone (375 x 740, touch, the CPU slowed four
times through Emulation.setCPUThrottlingRate). Each also times a chapter switch (mapgen), a
click on Poland to its popup, and a zoom from 4 to 7 over the Donbas (mapgen then parses and
draws its fine table), each to the next painted frame. The floor on the phone profile, a page
with only Leaflet inlined and one polygon, is ~277 ms to the polygon and ~338 ms to the first
frame after load: 0.25 and 0.28 of plain folium's times there, in the same run. A load of its
own, traced, gives the HTML parser's own time before the first shapes (bench/parse.py: the
page's JSON blocks are most of what it reads before the boot script runs). "First paint of
anything" is the browser's First Contentful Paint, the time of the first frame showing text or
a picture (mapgen's markup comes before its code, so its title and text show before its map;
plain folium's page shows nothing before its map). It is stamped when the frame is presented, a
frame later than "first shapes", which is a frame callback's time: compare like with like.

Then the host-article table (bench/host.py): the map embedded in an article page by its
snippet (plain folium by a 600 px iframe), the article's LCP and CLS while the frame loads and
while a reader steps through every chapter, and the time from a real tap (on Poland, on Next)
to the next painted frame as the Event Timing API reports it (INP-like); ``--no-host`` skips it.

Then the events-scaling table: the map with 30, 1,000, 10,000, 25,000 and 100,000 events
(bench/events.py: synthetic rows with a note each, or ``--typed`` without), mapgen against
plain folium's CircleMarkers with tooltips and popups, desktop profile, one load each. mapgen
refuses more than 25,000 events (mapgen/layers/events.py, MAX_EVENTS).
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
sys.path.insert(0, str(Path(__file__).resolve().parent))
import host  # noqa: E402  (bench/host.py: the host article's table)
import parse  # noqa: E402  (bench/parse.py: the HTML parser's time before the first shapes)

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


def build_baseline(out: Path, events: Path | None = None) -> None:
    """The plain-folium map: one GeoJson per layer, geometry repeated in each; with ``events``,
    one FeatureGroup per category of CircleMarkers, each with its tooltip and popup (how the
    events layer would be written by hand)."""
    import folium

    from mapgen.inputs import load
    from mapgen.join import join
    from mapgen.layers import inputs

    sources = load(ROOT / "data", inputs())
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
    if events is not None:
        from mapgen.layers import events as loader

        loader.MAX_EVENTS = 10**9  # folium has no limit: the baseline takes every row
        table = loader.load_events(events, settings.layers["events"]["categories"])
        for category, rows in table.groupby("category", sort=False):
            group = folium.FeatureGroup(name=f"Events: {category}")
            for row in rows.itertuples():
                folium.CircleMarker(
                    [row.lat, row.lon],
                    radius=7,
                    fill=True,
                    tooltip=f"{row.date.isoformat()}: {row.title}",
                    popup=folium.Popup(f"<b>{row.title}</b><br>{row.description}"),
                ).add_to(group)
            group.add_to(fmap)
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


# The phone: a 375 x 740 touch screen and a CPU four times slower (Chromium DevTools
# Protocol, Emulation.setCPUThrottlingRate), as on a mid-range phone.
PROFILES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}, "cpu": 1},
    "phone": {
        "viewport": {"width": 375, "height": 740},
        "has_touch": True,
        "is_mobile": True,
        "cpu": 4,
    },
}

FRAME = "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"
THE_MAP = "(window.mapgen && mapgen.map) || Object.values(window).find(v => v instanceof L.Map)"

# From a call to the next painted frame: a zoom from 4 to 7 over the Donbas.
ZOOM = f"""async () => {{
  const frame = {FRAME};
  const map = {THE_MAP};
  map.setView([48.0, 38.0], 4, {{animate: false}});
  await frame();
  const start = performance.now();
  map.setView([48.0, 38.0], 7, {{animate: false}});
  await frame();
  return performance.now() - start;
}}"""

# A click on Poland (a popup on both pages), to the next frame with the popup in it.
POPUP = f"""async () => {{
  const frame = {FRAME};
  const map = {THE_MAP};
  map.closePopup();
  map.setView([52.0, 19.5], 4, {{animate: false}});
  await frame();
  const p = map.latLngToContainerPoint([52.0, 19.5]);
  const r = map.getContainer().getBoundingClientRect();
  const target = document.elementFromPoint(r.left + p.x, r.top + p.y);
  const start = performance.now();
  target.dispatchEvent(new MouseEvent("click", {{clientX: r.left + p.x, clientY: r.top + p.y,
    bubbles: true, cancelable: true, view: window}}));
  await frame();
  return document.querySelector(".leaflet-popup") ? performance.now() - start : null;
}}"""

# mapgen only: Next, from the first chapter to the second, to the next frame.
CHAPTER = f"""async () => {{
  const frame = {FRAME};
  mapgen.story.go(0, false);
  await frame();
  const start = performance.now();
  document.querySelector(".mg-next").click();
  await frame();
  return performance.now() - start;
}}"""


def router(assets, outgoing: list[str]):
    """Playwright's route handler: the page's own files pass; every other request is counted
    in ``outgoing`` and answered from ``assets`` (the CDN's files), a 204 for a tile, or an
    empty script or stylesheet."""

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

    return route


def browse(
    browser, html: Path, assets, profile: str = "desktop", extra: bool = False, trace: bool = False
) -> dict:
    """One page load in a profile: first shapes, everything ready, JS heap, outgoing requests
    (and with ``extra``: a chapter switch, a popup, a zoom from 4 to 7 over the Donbas); with
    ``trace``, only the HTML parser's own time before the first shapes (bench/parse.py)."""
    settings = dict(PROFILES[profile])
    cpu = settings.pop("cpu")
    context = browser.new_context(**settings)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    if cpu > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    outgoing: list[str] = []
    page.route("**/*", router(assets, outgoing))
    events = parse.start(cdp) if trace else None  # a load of its own: tracing slows it
    page.add_init_script(FIRST_SHAPE)
    # mapgen opens on the first chapter of its story; Explore draws every layer, as the plain
    # folium page does, so the two columns compare the same work (folium ignores the fragment)
    page.goto(html.resolve().as_uri() + "#chapter=explore", wait_until="load", timeout=600_000)
    _wait_for(page, "window.__firstShape !== null", 600)
    first = page.evaluate("window.__firstShape")
    if trace:
        parse.stop(cdp, page)
        context.close()
        return {"parser_ms": parse.parser_ms(events, first)}
    ours = page.evaluate("!!document.getElementById('mapgen-shapes')")
    if ours:
        _wait_for(page, "window.__ready !== null", 600)
        ready = page.evaluate("window.__ready")
    else:  # plain folium draws everything at once, in the script before the load event
        ready = page.evaluate(f"(async () => {{ await ({FRAME})(); return performance.now(); }})()")
    page.wait_for_timeout(300)
    result = {"first_shapes_ms": first, "ready_ms": ready, "requests": len(outgoing)}
    # the first paint of anything (the page's text before its map: First Contentful Paint)
    result["fcp_ms"] = page.evaluate(
        "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null"
    )
    # the names' placement (labels.js measures each pass) up to now: the opening's passes
    result["labels_ms"] = (
        page.evaluate(
            "performance.getEntriesByName('mapgen-labels').reduce((t, e) => t + e.duration, 0)"
        )
        if ours
        else None
    )
    if extra:
        result["toggle_ms"] = page.evaluate(TOGGLE)
        result["chapter_ms"] = page.evaluate(CHAPTER) if ours else None
        result["popup_ms"] = page.evaluate(POPUP)
        result["zoom_ms"] = page.evaluate(ZOOM)
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    result["heap_mb"] = metrics.get("JSHeapUsedSize", 0) / 2**20
    context.close()
    return result


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


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
        browser = _launch(p)
        for name, path in (("mapgen", ours), ("plain folium", baseline)):
            for profile in ("desktop", "phone"):
                loads = [
                    browse(browser, path, assets, profile, extra=True) for _ in range(args.runs)
                ]
                for key in loads[0]:
                    results[name][f"{profile}.{key}"] = _median(load[key] for load in loads)
                traced = [
                    browse(browser, path, assets, profile, trace=True) for _ in range(args.runs)
                ]
                results[name][f"{profile}.parser_ms"] = _median(t["parser_ms"] for t in traced)
        if args.host:
            results["host"] = host.host_table(
                browser, ours, baseline, PROFILES, router(assets, []), args.runs
            )
        browser.close()
    return results


def _launch(p):
    return p.chromium.launch(
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


SIZES = (30, 1_000, 10_000, 25_000, 100_000)


def scaling(args) -> list[dict]:
    """The events-scaling table: the map with 30 … 100,000 events (bench/events.py, each with
    a note of its own, or typed with ``--typed``), mapgen against plain folium (the desktop
    profile, one load each; the build, the HTML's bytes, ready time and heap)."""
    from events import write_events  # bench/events.py, beside this file
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="mapgen-scaling-"))
    rows = []
    assets = _local_assets()
    with sync_playwright() as p:
        browser = _launch(p)
        for count in args.sizes:
            table = write_events(count, work / f"events-{count}.csv", own_texts=not args.typed)
            row = {"events": count}
            for name in ("mapgen", "plain folium"):
                out = work / f"{name.replace(' ', '-')}-{count}" / "map.html"
                out.parent.mkdir()
                if name == "mapgen":
                    command = [sys.executable, "-m", "mapgen", "build", "--quiet", "--no-png",
                               "--events", str(table), "--data-dir", str(ROOT / "data"),
                               "--out", str(out)]  # fmt: skip
                else:
                    command = [sys.executable, __file__, "--baseline-only", str(out),
                               "--baseline-events", str(table)]  # fmt: skip
                start = time.perf_counter()
                done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
                seconds = time.perf_counter() - start
                if done.returncode != 0:
                    row[name] = {"refused": done.stderr.strip().splitlines()[0][:160]}
                    continue
                raw = out.read_bytes()
                load = browse(browser, out, assets)
                row[name] = {
                    "build_s": seconds,
                    "html_mb": len(raw) / 1e6,
                    "gzip_mb": len(gzip.compress(raw, 6)) / 1e6,
                    "ready_ms": load["ready_ms"],
                    "heap_mb": load["heap_mb"],
                }
            rows.append(row)
        browser.close()
    return rows


def scaling_table(rows: list[dict]) -> str:
    lines = [
        "| events | | build (s) | HTML (MB) | gzipped (MB) | ready (ms) | heap (MB) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        for name in ("mapgen", "plain folium"):
            cell = row[name]
            if "refused" in cell:
                lines.append(f"| {row['events']:,} | {name} | refused: {cell['refused']} |||||")
                continue
            lines.append(
                f"| {row['events']:,} | {name} | {cell['build_s']:.2f} | {cell['html_mb']:.2f} "
                f"| {cell['gzip_mb']:.2f} | {cell['ready_ms']:,.0f} | {cell['heap_mb']:.1f} |"
            )
    return "\n".join(lines)


ROWS = [
    ("build_s", "build: HTML + PNG + embed (s, CLI wall clock)", "{:.2f}"),
    ("build_html_s", "build with --no-png (s)", "{:.2f}"),
    ("html_kb", "HTML raw (KB)", "{:,.0f}"),
    ("gzip_kb", "HTML gzipped (KB)", "{:,.0f}"),
]
for _profile in ("desktop", "phone"):
    ROWS += [
        (f"{_profile}.fcp_ms", f"{_profile}: first paint of anything (ms, FCP)", "{:,.0f}"),
        (f"{_profile}.first_shapes_ms", f"{_profile}: first shapes (ms)", "{:,.0f}"),
        (f"{_profile}.ready_ms", f"{_profile}: everything ready (ms)", "{:,.0f}"),
        (
            f"{_profile}.parser_ms",
            f"{_profile}: HTML parser's own time before the first shapes (ms, traced)",
            "{:,.0f}",
        ),  # fmt: skip
        (f"{_profile}.chapter_ms", f"{_profile}: next chapter, to next frame (ms)", "{:,.0f}"),
        (f"{_profile}.popup_ms", f"{_profile}: a click on Poland to its popup (ms)", "{:,.0f}"),
        (
            f"{_profile}.zoom_ms",
            f"{_profile}: zoom 4 to 7 over the Donbas, to next frame (ms)",
            "{:,.0f}",
        ),  # fmt: skip
        (f"{_profile}.toggle_ms", f"{_profile}: untick/tick the 1949 wave (ms)", "{:,.0f}"),
        (
            f"{_profile}.labels_ms",
            f"{_profile}: placing the names, at load (Explore, ms)",
            "{:,.1f}",
        ),
        (f"{_profile}.heap_mb", f"{_profile}: JS heap (MB)", "{:.1f}"),
    ]
ROWS.append(("desktop.requests", "requests leaving the page", "{:.0f}"))


def table(results: dict[str, dict]) -> str:
    ours, base = results["mapgen"], results["plain folium"]
    lines = [
        "| measure | mapgen | plain folium | mapgen / folium |",
        "| --- | ---: | ---: | ---: |",
    ]
    for key, label, fmt in ROWS:
        mine, theirs = ours.get(key), base.get(key)
        ratio = f"{mine / theirs:.2f}" if mine is not None and theirs else "–"
        show = [fmt.format(v) if v is not None else "–" for v in (mine, theirs)]
        lines.append(f"| {label} | {show[0]} | {show[1]} | {ratio} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="repetitions; medians are shown")
    parser.add_argument(
        "--sizes",
        type=lambda t: [int(x) for x in t.split(",")],
        default=list(SIZES),
        help="events for the scaling table, comma-separated (default 30,1000,10000,25000,100000)",
    )
    parser.add_argument("--typed", action="store_true", help="scaling: events without own notes")
    parser.add_argument("--no-scaling", action="store_true", help="skip the events-scaling table")
    parser.add_argument(
        "--no-host", dest="host", action="store_false", help="skip the host-article table"
    )
    parser.add_argument("--scaling-only", action="store_true", help="only the events scaling")
    parser.add_argument("--baseline-only", type=Path, metavar="OUT", help=argparse.SUPPRESS)
    parser.add_argument("--baseline-events", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline_only:
        build_baseline(args.baseline_only, args.baseline_events)
        return 0
    if not args.scaling_only:
        results = measure(args)
        print(table(results), flush=True)
        print()
        if "host" in results:
            print(results["host"], flush=True)
            print()
    if not args.no_scaling:
        print(scaling_table(scaling(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
