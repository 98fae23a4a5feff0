"""What a host article's reader feels of the map (issue 24, part 4), mapgen beside plain folium.

An article page (a headline, paragraphs, the map's frame after the second paragraph, more
paragraphs) embeds mapgen by its own snippet (``OUT.embed.html``'s first block: a frame that
takes the map's height when the map reports it) and plain folium as a producer would, an
iframe 600 px tall. In the article, on the desktop and phone profiles of bench.py:

- the article's Largest Contentful Paint (the host's own: a frame's content does not count)
  and its Cumulative Layout Shift while the frame loads (to the map's last layer in, then
  half a second), then after a reader, the frame's top scrolled to the screen's (the next
  paragraph in view below it), steps through every chapter by tapping Next (mapgen);
- the time from a tap to the next painted frame, as the Event Timing API reports it in the
  frame (the slowest of the interactions: INP): a tap on Poland (both maps; its popup opens)
  and each tap on Next (mapgen).

Every tap is a real input at the element's centre on the screen: Playwright's touchscreen on
the phone profile (a finger: pointer events of type touch, then the mouse events a tap fires),
its mouse on the desktop.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

PARAGRAPH = (
    "<p>In December 2021 Russia's foreign ministry published two draft treaties, one with the "
    "United States and one with NATO. Their demands would have redrawn the security map of "
    "Europe: the alliance's forces back to where they stood in 1997, no more members, and no "
    "military activity in Ukraine, the South Caucasus or Central Asia.</p>"
)

# The host's own measures, from the first byte of its HTML (buffered entries included).
HOST_OBSERVERS = """<script>
window.__cls = 0; window.__lcp = null;
new PerformanceObserver(list => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});
new PerformanceObserver(list => { const all = list.getEntries();
  window.__lcp = all[all.length - 1].startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
</script>"""

# In every frame (an init script): the slowest event of each interaction, by Event Timing.
EVENTS = """
window.__events = [];
new PerformanceObserver(list => { for (const e of list.getEntries())
  if (e.interactionId) window.__events.push(e.duration); })
  .observe({type: 'event', durationThreshold: 16, buffered: true});
"""


def host_page(out: Path, frame_html: str) -> Path:
    """The article around ``frame_html``, written to ``out``."""
    out.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Article</title>{HOST_OBSERVERS}"
        "<style>body{font:18px/1.5 Georgia,serif;margin:0 auto;max-width:680px;padding:0 8px}"
        "</style></head><body><h1>What Moscow asked of NATO in December 2021</h1>"
        f"{PARAGRAPH * 2}{frame_html}{PARAGRAPH * 6}</body></html>",
        encoding="utf-8",
    )
    return out


def mapgen_host(page: Path) -> Path:
    """The article with mapgen's first snippet (the map as it opens on its own)."""
    snippets = page.with_name(page.stem + ".embed.html").read_text(encoding="utf-8")
    first = re.search(r'<div class="mapgen-embed".*?</div>', snippets, re.DOTALL).group(0)
    return host_page(page.with_name("host-mapgen.html"), first)


def folium_host(page: Path) -> Path:
    frame = f'<iframe src="{page.name}" width="100%" height="600" style="border:0"></iframe>'
    return host_page(page.with_name("host-folium.html"), frame)


def _frame_ready(frame, ours: bool) -> None:
    condition = (
        "document.documentElement.hasAttribute('data-mapgen-ready')"
        if ours
        else "document.querySelector('path.leaflet-interactive') !== null"
    )
    for _ in range(1200):
        if frame.evaluate(condition):
            return
        frame.page.wait_for_timeout(50)
    raise TimeoutError(condition)


def _tap(page, frame, selector_or_point, touch: bool = False) -> None:
    """A real tap (a finger with ``touch``, else the mouse, at a point on the screen) on an
    element of the frame or a point of its map (lat, lon)."""
    box = frame.frame_element().bounding_box()
    if isinstance(selector_or_point, str):
        inner = frame.locator(selector_or_point).first.bounding_box()
        x, y = inner["x"] + inner["width"] / 2, inner["y"] + inner["height"] / 2
    else:
        script = """(p) => { const map = (window.mapgen && mapgen.map) ||
            Object.values(window).find(v => v instanceof L.Map);
          map.closePopup(); map.setView(p, 4, {animate: false});
          const c = map.latLngToContainerPoint(p), r = map.getContainer().getBoundingClientRect();
          return [r.left + c.x, r.top + c.y]; }"""
        x, y = frame.evaluate(script, list(selector_or_point))
        x, y = x + box["x"], y + box["y"]
        page.wait_for_timeout(300)
    (page.touchscreen.tap if touch else page.mouse.click)(x, y)
    page.wait_for_timeout(700)


def visit(browser, host: Path, profile: dict, route, ours: bool) -> dict:
    settings = dict(profile)
    cpu = settings.pop("cpu")
    context = browser.new_context(**settings)
    context.route("**/*", route)
    context.add_init_script(EVENTS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    if cpu > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    page.goto(host.resolve().as_uri(), wait_until="load", timeout=600_000)
    inner = next(f for f in page.frames if f != page.main_frame)
    inner.frame_element().scroll_into_view_if_needed()
    _frame_ready(inner, ours)
    page.wait_for_timeout(500)
    result = {"lcp_ms": page.evaluate("window.__lcp"), "cls_load": page.evaluate("window.__cls")}
    touch = bool(settings.get("has_touch"))
    _tap(page, inner, (52.0, 19.5), touch)  # Poland: its popup
    result["tap_ms"] = max(inner.evaluate("window.__events") or [0])
    if ours:
        steps = inner.evaluate("JSON.parse(document.getElementById('mapgen-data')"
                               ".textContent).chapters.length")  # fmt: skip
        inner.evaluate("window.__events = []; mapgen.map.closePopup()")
        # the reader scrolled the frame's top to the screen's: the steps in reach, and the
        # paragraph after the frame in view below it, where a change of the frame's height
        # would move it
        page.evaluate("window.scrollBy(0, document.querySelector('iframe')"
                      ".getBoundingClientRect().top)")  # fmt: skip
        for _ in range(steps):  # to Explore, from the opening chapter
            _tap(page, inner, ".mg-next", touch)
        result["step_ms"] = max(inner.evaluate("window.__events") or [0])
        result["cls_steps"] = page.evaluate("window.__cls")
    context.close()
    return result


def host_table(browser, ours: Path, baseline: Path, profiles: dict, route, runs: int) -> str:
    """The host article's table: medians of ``runs`` visits per map and profile."""
    hosts = {"mapgen": (mapgen_host(ours), True), "plain folium": (folium_host(baseline), False)}
    medians = {}
    for name, (host, is_ours) in hosts.items():
        for key, profile in profiles.items():
            visits = [visit(browser, host, profile, route, is_ours) for _ in range(runs)]
            for measure in visits[0]:
                values = [v[measure] for v in visits if v.get(measure) is not None]
                medians[(name, key, measure)] = statistics.median(values) if values else None
    rows = [
        ("lcp_ms", "host article's Largest Contentful Paint (ms)", "{:,.0f}"),
        ("cls_load", "host article's layout shift, frame loading (CLS)", "{:.3f}"),
        ("cls_steps", "host article's layout shift, after every chapter step (CLS)", "{:.3f}"),
        ("tap_ms", "a tap on Poland to the next frame (Event Timing, ms)", "{:,.0f}"),
        ("step_ms", "a tap on Next to the next frame, slowest step (Event Timing, ms)", "{:,.0f}"),
    ]
    lines = ["| in a host article | mapgen | plain folium | mapgen / folium |",
             "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for key in profiles:
        for measure, label, fmt in rows:
            mine = medians.get(("mapgen", key, measure))
            theirs = medians.get(("plain folium", key, measure))
            ratio = f"{mine / theirs:.2f}" if mine is not None and theirs else "–"
            show = [fmt.format(v) if v is not None else "–" for v in (mine, theirs)]
            lines.append(f"| {key}: {label} | {show[0]} | {show[1]} | {ratio} |")
    return "\n".join(lines)
