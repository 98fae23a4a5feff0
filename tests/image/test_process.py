"""The drawing process (process.py): it draws what this process would, reports a failure,
stops when cancelled, and a build's Drawing gives the files by path or starts nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mapgen.image import png
from mapgen.image.process import Drawing, ImageJob


def test_the_second_process_draws_the_same_bytes(plans):
    frame, shapes = plans
    job = ImageJob()
    for part in plans:
        job.send(part)
    assert job.result() == {"png": png.finish(png.frame(frame), shapes)}


def test_a_failed_drawing_is_reported():
    job = ImageJob()
    job.send({"not": "a plan"})
    with pytest.raises(RuntimeError, match="drawing the static image failed: KeyError"):
        job.result()


def test_cancel_stops_a_waiting_job():
    job = ImageJob()
    job.cancel()
    job.cancel()  # harmless twice


def test_a_drawing_gives_its_files_by_path(plans):
    paths = {"html": Path("map.html"), "png": Path("map.png"), "card": Path("map.card.png")}
    with Drawing(paths) as drawing:
        assert drawing.kinds == ("card", "png")
        drawing.frame(plans[0])
        drawing.shapes(plans[1])
        files = drawing.files()
    assert set(files) == {Path("map.png"), Path("map.card.png")}
    assert files[Path("map.png")].startswith(b"\x89PNG") and files[Path("map.card.png")]


def test_a_drawing_with_nothing_to_draw_stops_the_early_process():
    early = ImageJob()  # as the command line starts it, before it knows about --no-png
    with Drawing({"html": Path("map.html")}, job=early) as drawing:
        assert drawing.kinds == ()
        drawing.frame({})  # nothing is sent
        assert drawing.files() == {}
    assert early._process.poll() is not None


def test_leaving_a_drawing_on_an_error_stops_its_process():
    job = ImageJob()
    with pytest.raises(KeyError), Drawing({"png": Path("map.png")}, job=job):
        raise KeyError("a failed build")
    assert job._process.poll() is not None


def test_starting_the_process_imports_neither_matplotlib_nor_the_data_stack():
    """The command line imports process.py first, before its heavy imports."""
    heavy = {"matplotlib", "numpy", "pandas", "geopandas", "shapely", "folium", "PIL"}
    code = (
        "import sys, mapgen.image.process; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {heavy!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
