"""Ctrl-C, SIGTERM and a second build at the same time: the three files always come from one
build, and nothing is left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import DATA, ROOT, page_parts

FILES = ["m.card.png", "m.embed.html", "m.html", "m.png"]


def _start(out: Path, title: str, hold: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if hold:
        env["MAPGEN_TEST_HOLD"] = hold
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mapgen",
            "build",
            "--data-dir",
            str(DATA),
            "--out",
            str(out),
            "--title",
            title,
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for_hold(process: subprocess.Popen) -> list[str]:
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        seen.append(line)
        if line.startswith("mapgen: holding at"):
            return seen
        assert line, "".join(seen)
    raise AssertionError("the build never reached its hold: " + "".join(seen))


def trio(out: Path) -> dict[str, str]:
    """The title each of the files was built with (the page, snippet, image and card)."""
    embed = out.with_name(out.stem + ".embed.html").read_text(encoding="utf-8")
    return {
        "html": page_parts(out).title,
        "embed": embed.split('title="')[1].split('"')[0],
        "png": Image.open(out.with_suffix(".png")).text["Title"],
        "card": Image.open(out.with_name(out.stem + ".card.png")).text["Title"],
    }


@pytest.fixture(scope="module")
def old(tmp_path_factory):
    """A folder holding a finished build ("Old"), copied fresh for each test."""
    folder = tmp_path_factory.mktemp("old")
    process = _start(folder / "m.html", "Old")
    assert process.wait() == 0, process.stderr.read()
    return {name: (folder / name).read_bytes() for name in FILES}


@pytest.fixture
def out(tmp_path, old):
    for name, content in old.items():
        (tmp_path / name).write_bytes(content)
    return tmp_path / "m.html"


@pytest.mark.parametrize("point", ["load", "render", "staged"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_leaves_the_old_files_and_nothing_else(out, old, point, signum):
    process = _start(out, "New", hold=point)
    _wait_for_hold(process)
    process.send_signal(signum)
    err = process.stderr.read()
    assert process.wait() == 128 + signum
    assert err.splitlines()[-1] == "mapgen: interrupted; nothing changed", err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.parent.iterdir()) == FILES  # no .tmp, no .old
    assert {name: (out.parent / name).read_bytes() for name in FILES} == old


def test_a_signal_during_the_renames_waits_for_them(out):
    process = _start(out, "New", hold="committing:1")
    _wait_for_hold(process)  # the page is renamed; the image and the snippet are not yet
    process.send_signal(signal.SIGTERM)
    err = process.stderr.read()
    assert process.wait() == 0, err  # the renames finished: the build is whole
    assert set(trio(out).values()) == {"New"}
    assert sorted(p.name for p in out.parent.iterdir()) == FILES


def test_two_builds_at_once_take_turns(out):
    first = _start(out, "First", hold="committing:2")
    _wait_for_hold(first)  # holding the lock, one file renamed
    second = _start(out, "Second")
    assert first.wait(timeout=120) == 0
    err = second.stderr.read()
    assert second.wait(timeout=120) == 0, err
    assert set(trio(out).values()) == {"Second"}  # never a mix of the two
    assert "waiting for another build writing to" in err
    assert sorted(p.name for p in out.parent.iterdir()) == FILES
