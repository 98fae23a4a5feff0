"""Fixtures: tiny hand-made inputs for unit tests, the real data for end-to-end ones."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import tomlkit

from mapgen.inputs import load, schema
from mapgen.join import join
from mapgen.layers import LayerContext, build_layers
from mapgen.layers import inputs as layer_inputs

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DECLARED = layer_inputs()  # what the registered layers read
DEMANDS = date(2021, 12, 17)
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="session")
def sources():
    return load(DATA, DECLARED)


@pytest.fixture(scope="session")
def joined_2021(sources):
    return join(sources, DEMANDS)


@pytest.fixture(scope="session")
def context_2021(sources, joined_2021):
    return LayerContext.from_sources(sources, joined_2021)


@pytest.fixture(scope="session")
def layers_2021(context_2021):
    return build_layers(context_2021)


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of data/ to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def built_map(tmp_path_factory):
    """The default map, built once through the library, as HTML text."""
    from mapgen.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("built") / "nato_map.html"
    build(BuildOptions(out=out, data_dir=DATA))
    return out


LANGUAGES = ["en", "de", "fr", "pl", "uk", "ru", "ar"]


@pytest.fixture(scope="session")
def built_languages(tmp_path_factory):
    """All seven languages built in one run, side by side (``--lang en,de,…``): paths by code."""
    out = tmp_path_factory.mktemp("languages") / "nato_map.html"
    result = run_mapgen("build", "--out", out, "--lang", ",".join(LANGUAGES))
    assert result.returncode == 0, result.stderr
    return {lang: out.with_name(f"nato_map.{lang}.html") for lang in LANGUAGES}


# The names a page shows (labels.js) and how many overlap: a name may overlap nothing (no
# other name, no place's dot, no marker); a place's dot may lie under a marker of the same
# place (an event at Odesa), not under another dot.
LABELS_STATE = """() => {
  const map = mapgen.map, view = map.getBounds(), zoom = map.getZoom();
  const shown = sel => [...document.querySelectorAll(sel)].filter(e => !e.hidden);
  const names = shown('.mg-label span:not(.mg-dot)').map(e => e.textContent.replace('\\n', ' '));
  const box = e => e.getBoundingClientRect();
  const nameBoxes = shown('.mg-label span:not(.mg-dot)').map(box).filter(r => r.width > 0);
  const dotBoxes = shown('.mg-label .mg-dot').map(box);
  const markers = [];
  map.eachLayer(l => { if (l instanceof L.CircleMarker && l.getElement())
    markers.push(box(l.getElement())); });
  const hit = (a, b) => a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom;
  let overlaps = 0;
  nameBoxes.forEach((a, i) => {
    [...nameBoxes.slice(i + 1), ...dotBoxes, ...markers]
      .forEach(b => { if (hit(a, b)) overlaps++; });
  });
  dotBoxes.forEach((a, i) => dotBoxes.slice(i + 1)
    .forEach(b => { if (hit(a, b)) overlaps++; }));
  // two names nearer than 1.5 px (labels.js keeps them 2 px apart), as pairs of their texts
  const text = e => e.textContent.replace('\\n', ' ');
  const named = shown('.mg-label span:not(.mg-dot)').filter(e => box(e).width > 0);
  const near = [];
  named.forEach((a, i) => named.slice(i + 1).forEach(b => { const p = box(a), q = box(b);
    if (Math.max(p.left - q.right, q.left - p.right, p.top - q.bottom, q.top - p.bottom) < 1.5)
      near.push([text(a), text(b)]); }));
  // the names under what lies over the map (its buttons, the attribution, a phone's timeline)
  // or cut off by its edges
  const frame = box(map.getContainer()), big = 1e5;
  const over = [...map.getContainer().querySelectorAll('.leaflet-control'),
                ...shown('#mg-timeline')].map(box).concat([
    {left: -big, right: frame.left, top: -big, bottom: big},
    {left: frame.right, right: big, top: -big, bottom: big},
    {left: -big, right: big, top: -big, bottom: frame.top},
    {left: -big, right: big, top: frame.bottom, bottom: big}]);
  // each as [name, whether its point (the label's box of no size) lies in view]
  const covered = shown('.mg-label').filter(l => over.some(b =>
    hit(box(l.querySelector('span:not(.mg-dot)')), b))).map(l => { const a = box(l);
    return [l.querySelector('span:not(.mg-dot)').textContent.replace('\\n', ' '),
            a.left >= frame.left && a.left <= frame.right && a.top >= frame.top
            && a.top <= frame.bottom]; });
  // a name away from its anchor (the point it names: the label's box of no size): nudges
  // go 26 px at most, a place's name stands beside its dot or a marker over it
  const far = [];
  shown('.mg-label').forEach(l => {
    const a = box(l), n = l.querySelector('span:not(.mg-dot)'), r = box(n);
    const dx = Math.max(r.left - a.left, a.left - r.right, 0);
    const dy = Math.max(r.top - a.top, a.top - r.bottom, 0);
    if (r.width > 0 && Math.hypot(dx, dy) > 30) far.push(n.textContent);
  });
  // the names the map's edges cut (of those covered)
  const cut = shown('.mg-label').map(l => l.querySelector('span:not(.mg-dot)')).filter(n =>
    over.slice(-4).some(b => hit(box(n), b))).map(n => n.textContent.replace('\\n', ' '));
  const edges = [view.getSouth(), view.getWest(), view.getNorth(), view.getEast()];
  return {names, overlaps, zoom, view: edges, far, covered, cut, near};
}"""


class PageParts(HTMLParser):
    """A built page taken apart: its JSON data blocks (by id), its code scripts, its styles."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.json, self.raw_json, self.code, self.styles = {}, {}, [], []
        self._open = None
        self._title = ""
        self.feed(html)
        # the layers as the scripts see them: the later layers' items from "mapgen-later"
        later = self.json.get("mapgen-later", {}).get("layers", {})
        for layer in self.json.get("mapgen-data", {}).get("layers", []):
            layer["items"] = later.get(layer["id"], layer["items"])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/json":
            self._open = ("json", attrs.get("id"))
        elif tag == "script" and "src" not in attrs:
            self._open = ("code", None)
        elif tag == "style":
            self._open = ("style", None)
        elif tag == "title":
            self._open = ("title", None)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._open = None

    def handle_data(self, data):
        if self._open is None:
            return
        kind, name = self._open
        if kind == "json":
            self.raw_json[name] = data
            self.json[name] = json.loads(data)
        elif kind == "code":
            self.code.append(data)
        elif kind == "title":
            self._title += data
        else:
            self.styles.append(data)

    @property
    def title(self) -> str:
        return self._title

    @property
    def data(self) -> dict:
        """The page's data block (``mapgen-data``)."""
        return self.json["mapgen-data"]

    def legend_keys(self) -> list[str]:
        return [entry["key"] for entry in self.data["legend"]]


def page_markers(item: dict) -> list[dict]:
    """A page's marker set (columns) as one dict per marker: lat, lon and its fields."""
    out = []
    numbers = {name: np.cumsum(c["steps"], dtype=int) for name, c in item["columns"].items()}
    for i in range(item["n"]):
        marker = {"lat": item["lat"][i] / 1e4, "lon": item["lon"][i] / 1e4}
        marker |= {name: c["values"][numbers[name][i]] for name, c in item["columns"].items()}
        if item["tipFrom"]:
            parts = item["tipFrom"]  # texts and field names in turn
            marker["tip"] = "".join(p if k % 2 == 0 else marker[p] for k, p in enumerate(parts))
        out.append(marker)
    return out


def page_parts(path_or_html) -> PageParts:
    text = (
        path_or_html.read_text(encoding="utf-8") if isinstance(path_or_html, Path) else path_or_html
    )
    return PageParts(text)


def rewrite_csv(path: Path, change) -> None:
    """Change every row of a CSV file in data/ (a function of the row dict), keeping its
    comment lines."""
    text = path.read_text(encoding="utf-8")
    comments = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    rows = list(
        csv.DictReader(
            io.StringIO(
                "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
            )
        )
    )
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(comments + out.getvalue(), encoding="utf-8")


def dump_toml(document: dict) -> str:
    """A TOML text for a document of tables, arrays of tables, texts, numbers and lists."""
    return tomlkit.dumps(document)


def text_keys() -> list[tuple[str, ...]]:
    """Every text key of map.toml's schema, as a path (``("layers", "seas", "name")``)."""
    return [
        (*table.split("."), key)
        for table, keys in schema.tables(DECLARED).items()
        for key, spec in keys.items()
        if spec.kind == "text"
    ]


def wait_until(page, condition: str, seconds: float) -> None:
    """Poll a condition with evaluate (the page's CSP forbids wait_for_function's eval); a
    page that reloads meanwhile (the preview of mapgen serve) is asked again once loaded."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + seconds
    while True:
        try:
            if page.evaluate(f"() => Boolean({condition})"):
                return
        except Error:  # the page was reloading: ask the new one
            pass
        assert time.monotonic() < deadline, f"timed out waiting for {condition}"
        page.wait_for_timeout(100)


SCREEN_POINT = (
    "(ll) => { const p = mapgen.map.latLngToContainerPoint(ll);"
    " const r = mapgen.map.getContainer().getBoundingClientRect();"
    " return [r.left + p.x, r.top + p.y]; }"
)


def screen_point(page, lat: float, lon: float) -> list[float]:
    """Where a place is on the screen, in page pixels."""
    return page.evaluate(SCREEN_POINT, [lat, lon])


def run_mapgen(*args, cwd=ROOT, env=None, check=False):
    """Run the command as a user would: ``python -m mapgen ARGS``."""
    return subprocess.run(
        [sys.executable, "-m", "mapgen", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=check,
    )


def chromium_path() -> str | None:
    path = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. In CI a missing browser fails; locally it skips."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run must apt-get install chromium")
        pytest.skip("browser tests need Debian's Chromium: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def open_layers(page):
    """Open the "Layers" drawer over the map, as a reader does, if it is shut."""
    if page.locator("#mg-panel").is_hidden():
        page.locator(".mg-layers-button").click()
    page.locator("#mg-panel").wait_for(state="visible")


def close_layers(page):
    """Shut the "Layers" drawer with its Close button, if it is open."""
    if page.locator("#mg-panel").is_visible():
        page.locator("#mg-panel-close").click()
    page.locator("#mg-panel").wait_for(state="hidden")


def open_about(page):
    """Open "About this map / Data" below the map (the description, the tables, the credit)."""
    button = page.locator("#mg-about-button")
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    page.locator("#mg-about").wait_for(state="visible")


@pytest.fixture
def open_page(browser):
    """Open a local file with every non-file request blocked and counted."""
    pages = []

    def _open(path: Path, width: int = 1280, height: int = 900, fragment: str = ""):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.external_requests = []
        page.console_errors = []

        def route(r):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                page.external_requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        page.goto(path.resolve().as_uri() + fragment)
        page.locator("html[data-mapgen-ready]").wait_for(state="attached", timeout=10_000)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        assert page.external_requests == [], page.external_requests  # nothing leaves the page
        page.close()


@pytest.fixture(scope="module")
def plans():
    """The static image's plans of the default map: its frame and its shapes."""
    from mapgen.image.plan import frame_plan, shapes_plan
    from mapgen.pipeline import BuildOptions, _model

    prepared = _model(BuildOptions())
    frame = frame_plan(prepared.layers, prepared.context, "Title", "Subtitle", "Credit")
    shapes = shapes_plan(prepared.layers, prepared.context, prepared.levels.shapes)
    return frame, shapes
