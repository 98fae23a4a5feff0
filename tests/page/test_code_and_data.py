"""Code and data apart: whatever the editors write, the page's scripts are the same bytes,
nothing runs at build time or in the reader's browser, and every text shows as text."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from mapgen.inputs import schema
from mapgen.inputs.toml import key_lines
from mapgen.page import csp
from tests.conftest import DATA, DECLARED, dump_toml, page_parts, rewrite_csv, run_mapgen, text_keys

MARKER = "mapgen-pwned"
# Jinja (build time), HTML and script injection (the reader's browser), a quote that used to
# blank the map, and a JavaScript template literal; braces doubled, as map.toml's texts write
# a literal brace.
PAYLOAD = (
    "{{{{ cycler.__init__.__globals__.os.popen('touch " + MARKER + "').read() }}}}"
    ' </script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    ' " \u2028 ${{7*7}} <!--'
)
SHOWN = (  # the payload as the reader sees it: each {{ and }} a single brace
    "{{ cycler.__init__.__globals__.os.popen('touch " + MARKER + "').read() }}"
    ' </script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    ' " \u2028 ${7*7} <!--'
)
CSV_TEXT = {
    "nato_members.csv": ("name", "source"),
    "events.csv": ("title", "description", "source"),
    "buildup_2021.csv": ("name", "source"),
}


def _hostile_toml(path: Path) -> None:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    for keys in text_keys():
        table = document
        for key in keys[:-1]:
            table = table[key]
        if keys[-1] in table:
            table[keys[-1]] = PAYLOAD + " " + table[keys[-1]]
    path.write_text(dump_toml(document), encoding="utf-8")


def _hostile_csv(path: Path, columns) -> None:
    def change(row):
        for column in columns:
            row[column] = SHOWN + " " + row[column]

    rewrite_csv(path, change)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The map built from data whose every text carries the payload, as of today."""
    import shutil

    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "data"
    shutil.copytree(DATA, data)
    _hostile_toml(data / "map.toml")
    for name, columns in CSV_TEXT.items():
        _hostile_csv(data / name, columns)
    out = folder / "out" / "hostile.html"
    result = run_mapgen(
        "build",
        "--data-dir",
        data,
        "--out",
        out,
        "--as-of",
        "2026-11-27",
        "--title",
        SHOWN,
        cwd=folder,
    )
    assert result.returncode == 0, result.stderr
    return {"folder": folder, "out": out}


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    out = tmp_path_factory.mktemp("plain") / "plain.html"
    result = run_mapgen("build", "--no-png", "--quiet", "--data-dir", DATA, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def test_the_payload_reaches_every_text_key():
    assert len(text_keys()) >= 40  # the schema declares them; each carried the payload
    keys = {".".join(k) for k in text_keys()}
    assert {"map.title", "layers.baseline.name", "layers.baseline.section"} <= keys


def test_no_command_runs_at_build_time(hostile):
    assert not list(hostile["folder"].rglob(MARKER)) and not Path(MARKER).exists()


def test_the_scripts_are_the_same_bytes_whatever_the_data(hostile, plain):
    html = hostile["out"].read_text(encoding="utf-8")
    hostile_parts, plain_parts = page_parts(html), page_parts(plain)
    assert hostile_parts.code == plain_parts.code
    assert len(hostile_parts.code) == 3  # Leaflet, the runtime, the line that starts the map
    assert hostile_parts.styles == plain_parts.styles
    # the data went into the JSON blocks, whole
    assert SHOWN in hostile_parts.data["layers"][2]["name"]
    assert "</script><script>" not in html.split("<script>")[-1].split("</body>")[0].replace(
        "</script>\n</body>", ""
    )


def test_equal_script_src_lists(hostile, plain):
    def script_src(path):
        policy = re.search(
            r'http-equiv="Content-Security-Policy" content="([^"]+)"', path.read_text()
        )
        return [p for p in policy.group(1).split("; ") if p.startswith("script-src")]

    assert script_src(hostile["out"]) == script_src(plain)
    assert csp.policy(plain.read_text()).count("sha256-") == 5  # 3 scripts, 2 styles


def test_the_json_blocks_cannot_end_their_element(hostile):
    blocks = page_parts(hostile["out"]).raw_json
    assert set(blocks) == {"mapgen-data", "mapgen-shapes", "mapgen-later", "mapgen-shapes-fine"}
    for block in blocks.values():
        assert "<" not in block and ">" not in block and "&" not in block
        assert "\u2028" not in block and "\u2029" not in block


@pytest.mark.browser
def test_every_text_shows_as_text_and_nothing_runs(hostile, open_page):
    page = open_page(hostile["out"])
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("h1").inner_text() == SHOWN
    panel = page.locator("#mg-panel").inner_text()
    assert panel.count(SHOWN) >= 20  # every section heading and layer name
    sections = page.locator(".mg-section").all_text_contents()
    assert len(sections) == 5 and all(s.startswith(SHOWN) for s in sections)
    legend = page.locator("#mg-legend").inner_text()
    assert legend.count(SHOWN) >= 20
    assert page.locator("img").count() == 0 and page.locator("#mg-panel script").count() == 0
    assert dialogs == []
    assert page.console_errors == []  # a blocked inline script is reported here (CSP)


def test_a_layer_name_with_a_quote_draws_the_map(tmp_path, data_copy, open_page):
    toml = data_copy / "map.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'name = "1997 baseline: where it would bite hardest (map\'s reading)"',
            'name = "The \\"1997\\" baseline"',
        ),
        encoding="utf-8",
    )
    out = tmp_path / "q.html"
    result = run_mapgen("build", "--no-png", "--data-dir", data_copy, "--out", out)
    assert result.returncode == 0, result.stderr
    page = open_page(out, fragment="#chapter=explore")
    assert page.locator("path").count() > 150
    assert 'The "1997" baseline' in page.locator("#mg-panel").inner_text()


def test_a_placeholder_cannot_reach_into_python(tmp_path, data_copy):
    toml = data_copy / "map.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('tooltip = "{name}"', 'tooltip = "{name.__class__.__mro__}"'),
        encoding="utf-8",
    )
    result = run_mapgen("build", "--data-dir", data_copy, "--out", tmp_path / "m.html")
    assert result.returncode == 2
    line = 1 + text[: text.index('tooltip = "{name}"')].count("\n")
    assert result.stderr.splitlines()[0] == (
        f"{Path(data_copy, 'map.toml')}:{line}: key 'layers.base.tooltip' "
        "'{name.__class__.__mro__}' has the placeholder {name.__class__.__mro__}; "
        "placeholders are plain names"
    )
    assert not (tmp_path / "m.html").exists()


def test_schema_declares_every_key_of_the_bundled_file():
    raw = tomllib.loads((DATA / "map.toml").read_text(encoding="utf-8"))
    lines = key_lines((DATA / "map.toml").read_text(encoding="utf-8"))
    assert schema.check(raw, lines, schema.tables(DECLARED)) == []
