"""``mapgen serve``: the live preview, run as an editor runs it, and seen in Chromium."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import run_mapgen, wait_until

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _state(base: str) -> dict:
    return json.loads(_get(base + "/__mapgen/state")[1])


def _until(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
        except (urllib.error.URLError, ConnectionError):
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out: {what}")


def _serve(project, *options: str) -> tuple[subprocess.Popen, str]:
    """``mapgen serve`` in ``project`` on a free port, as an editor starts it."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mapgen", "serve", "--port", str(port), "--no-open", *options],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture
def preview(tmp_path):
    assert run_mapgen("init", tmp_path).returncode == 0
    process, base = _serve(tmp_path, "--no-png")
    try:
        _until(lambda: _state(base)["build"] == 1, 60, "the first build")
        yield process, base, tmp_path
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_rebuilds_reloads_shows_problems_and_stops(preview, browser):
    process, base, project = preview
    status, page = _get(base + "/nato_map.html")
    assert status == 200 and "/__mapgen/state" in page
    published = (project / "output" / "nato_map.html").read_text(encoding="utf-8")
    assert "/__mapgen/state" not in published  # the files to publish never hold the script
    tab = browser.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(base + "/nato_map.html")
    wait_until(tab, "document.documentElement.hasAttribute('data-mapgen-ready')", 20)
    # an edit: rebuilt and served within a few seconds, and the open page reloads itself
    settings = project / "data" / "map.toml"
    good = settings.read_text(encoding="utf-8")
    settings.write_text(good.replace('title = "NATO', 'title = "Edited: NATO', 1), encoding="utf-8")
    started = time.monotonic()
    _until(lambda: _state(base)["build"] == 2, 10, "the rebuild")
    assert "Edited: NATO" in _get(base + "/nato_map.html")[1]
    wait_until(tab, "document.title.startsWith('Edited: NATO')", 10)
    assert time.monotonic() - started < 10
    # a broken edit: located problems in the page and the terminal; the last good map stays
    settings.write_text(good.replace("zoom = 4", 'zoom = "four"', 1), encoding="utf-8")
    problems = _until(lambda: _state(base)["problems"], 10, "the problems")
    assert problems[0].startswith("data/map.toml:") and "map.zoom" in problems[0]
    wait_until(tab, "document.getElementById('mapgen-preview-problems')", 10)
    shown = tab.locator("#mapgen-preview-problems").inner_text()
    assert "data/map.toml:" in shown and "map.zoom" in shown
    assert tab.title().startswith("Edited: NATO")  # the last good map
    assert _state(base)["build"] == 2
    # fixed again: the problems go, the page reloads
    settings.write_text(good, encoding="utf-8")
    wait_until(tab, "document.title.startsWith('NATO')", 10)
    assert tab.locator("#mapgen-preview-problems").count() == 0
    assert not [e for e in errors if "Content Security Policy" in e], errors
    tab.close()
    # Ctrl-C: stopped cleanly, the port free again
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    _out, err = process.communicate()
    assert "data/map.toml:" in err and "the last good map stays up" in err
    assert err.rstrip().endswith("mapgen: preview stopped")
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "/nato_map.html", timeout=2)


def test_a_first_build_that_fails_shows_its_problems(tmp_path):
    assert run_mapgen("init", tmp_path).returncode == 0
    settings = tmp_path / "data" / "map.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("zoom = 4", "zoom = 99", 1), encoding="utf-8"
    )
    process, base = _serve(tmp_path)
    try:
        _until(lambda: _state(base)["problems"], 60, "the problems")
        status, page = _get(base + "/")
        assert status == 503 and "data/map.toml:" in page and "/__mapgen/state" in page
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_serve_previews_a_language(tmp_path):
    assert run_mapgen("init", tmp_path).returncode == 0
    process, base = _serve(tmp_path, "--lang", "uk")
    try:
        _until(lambda: _state(base)["build"] == 1, 60, "the first build")
        status, page = _get(base + "/")
        assert status == 200 and '<html lang="uk"' in page
        assert (tmp_path / "output" / "nato_map.uk.html").exists()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_the_reload_script_is_allowed_by_the_hash_of_its_exact_bytes_and_data_is_escaped():
    import base64
    import hashlib
    import re

    from mapgen import serve

    page = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'sha256-abc='\"></head><body><p>map</p></body></html>"
    )
    served = serve.with_reload(page)
    script = re.search(r"<script>(.*)</script>\n</body>", served, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}' 'sha256-abc='; connect-src 'self'" in served
    assert script == serve.RELOAD_JS and 'fetch("/__mapgen/state"' in script
    problems = serve.problems_page("data/map.toml:3: <b>'x' & \"y\"</b>")
    assert "data/map.toml:3: &lt;b&gt;&#39;x&#39; &amp; &#34;y&#34;&lt;/b&gt;</pre>" in problems
    assert f"<script>{serve.RELOAD_JS}</script></body></html>" in problems
