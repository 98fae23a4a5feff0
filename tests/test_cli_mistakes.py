"""The command line: every mistake an editor can make is exit 2 and one located line; valid
but unusual input builds."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import DATA, page_markers, page_parts, run_mapgen

EVENTS = (DATA / "events.csv").read_text(encoding="utf-8")
HEADER = "date,title,description,lat,lon,place,category,source,source_url"


def _events_with(column: str, value: str) -> str:
    rows = list(
        csv.DictReader(
            io.StringIO(
                "".join(
                    line for line in EVENTS.splitlines(keepends=True) if not line.startswith("#")
                )
            )
        )
    )
    rows[0][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _build(tmp_path, *args, cwd=None):
    return run_mapgen(
        "build",
        "--quiet",
        "--no-png",
        "--out",
        tmp_path / "out" / "m.html",
        *args,
        cwd=cwd or tmp_path,
    )


def _refused(result, tmp_path, expected: str):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == expected
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "out").exists()  # nothing written


@pytest.mark.parametrize(
    ("args", "files", "expected"),
    [
        (["--members", "nope.csv"], {}, "nope.csv: no such file"),
        (["--events", "nope.csv"], {}, "nope.csv: no such file"),
        (["--data-dir", "nodir"], {}, "nodir: no such folder"),
        (
            ["--simplify-px", "nan"],
            {},
            "mapgen build: argument --simplify-px: 'nan' is not a number of pixels from 0.05 to 10 "
            "(see mapgen build --help)",
        ),
        (
            ["--simplify-px", "inf"],
            {},
            "mapgen build: argument --simplify-px: 'inf' is not a number of pixels from 0.05 to 10 "
            "(see mapgen build --help)",
        ),
        (
            ["--simplify-px", "٠.٥"],
            {},
            "mapgen build: argument --simplify-px: '٠.٥' is not a number of pixels from 0.05 to 10 "
            "(see mapgen build --help)",
        ),
        (
            ["--events", "e.csv"],
            {"e.csv": _events_with("lat", "٥٠")},
            "e.csv:2: lat '٥٠' is not a number written with the digits 0-9 (latitude)",
        ),
        (
            ["--events", "e.csv"],
            {"e.csv": _events_with("lon", "５０")},
            "e.csv:2: lon '５０' is not a number written with the digits 0-9 (longitude)",
        ),
        (
            ["--events", "e.csv"],
            {"e.csv": _events_with("lat", "5_0")},
            "e.csv:2: lat '5_0' is not a number written with the digits 0-9 (latitude)",
        ),
        (
            ["--events", "e.csv"],
            {"e.csv": _events_with("description", "x" * 200_000)},
            "e.csv:2: value longer than 131,072 characters",
        ),
        (
            ["--events", "e.csv"],
            {"e.csv": EVENTS.replace("\n", "\r")},
            "e.csv:1: line ends with a lone carriage return (old Mac line endings); "
            "save the file with LF or CRLF line endings",
        ),
        (
            ["--as-of", "1900-01-01"],
            {},
            "--as-of: 1900-01-01 is before the first accession in the members table "
            "(1949-08-24): the map would show no alliance",
        ),
    ],
    ids=[
        "members",
        "events",
        "data-dir",
        "nan",
        "inf",
        "arabic-px",
        "arabic",
        "fullwidth",
        "underscore",
        "long",
        "cr-only",
        "as-of-1900",
    ],
)
def test_mistake_is_exit_2_and_one_located_line(tmp_path, args, files, expected):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    result = (
        _build(tmp_path, *args, "--data-dir", DATA)
        if "--data-dir" not in args
        else (_build(tmp_path, *args))
    )
    _refused(result, tmp_path, expected)


@pytest.mark.parametrize("damage", ["missing", "truncated"])
def test_a_missing_or_truncated_shape_file(tmp_path, data_copy, damage):
    geo = data_copy / "geo" / "seas.fgb"
    if damage == "missing":
        geo.unlink()
        expected = "data/geo/seas.fgb: no such file"
    else:
        geo.write_bytes(geo.read_bytes()[:5000])
        expected = (
            "data/geo/seas.fgb: cannot be read as FlatGeobuf "
            "(FeatureError: Fatal error parsing feature); is it truncated?"
        )
    _refused(_build(tmp_path, "--data-dir", data_copy), tmp_path, expected)


def test_a_line_separator_in_a_comment_is_part_of_the_comment(tmp_path):
    (tmp_path / "e.csv").write_text(
        "# a comment\u2028that goes on after U+2028\n" + EVENTS, encoding="utf-8"
    )
    out = tmp_path / "m.html"
    result = run_mapgen(
        "build", "--no-png", "--events", "e.csv", "--data-dir", DATA, "--out", out, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    rows = [line for line in EVENTS.splitlines() if line and not line.startswith("#")]
    assert f"{len(rows) - 1} events" in result.stderr  # every row but the header


@pytest.mark.parametrize("as_of", ["1997-05-27", "1950-01-01"])
def test_dates_before_the_first_conflict_event_build(tmp_path, as_of):
    out = tmp_path / "m.html"
    result = run_mapgen("build", "--as-of", as_of, "--data-dir", DATA, "--out", out)
    assert result.returncode == 0, result.stderr
    data = page_parts(out).data
    conflict = next(x for x in data["layers"] if x["name"] == "Events: Conflict")
    markers = page_markers(conflict["items"][0])
    assert markers and all(m["since"] > as_of for m in markers)  # none drawn yet
    assert Image.open(out.with_suffix(".png")).size == (1200, 900)


def test_an_events_table_with_no_events_builds(tmp_path):
    (tmp_path / "e.csv").write_text(HEADER + "\n", encoding="utf-8")
    out = tmp_path / "m.html"
    result = run_mapgen(
        "build", "--events", "e.csv", "--data-dir", DATA, "--out", out, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    layers = page_parts(out).data["layers"]
    events = [x for x in layers if x["name"].startswith("Events")]
    assert len(events) == 5 and all(x["items"][0]["n"] == 0 for x in events)
    assert out.with_suffix(".png").stat().st_size > 100_000


def test_a_new_wave_gets_a_colour(tmp_path):
    members = (DATA / "nato_members.csv").read_text(encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        members + 'CHE,Switzerland,2031-01-01,Hypothetical,"A test row, not a fact"\n',
        encoding="utf-8",
    )
    out = tmp_path / "m.html"
    result = run_mapgen(
        "build",
        "--members",
        "m.csv",
        "--as-of",
        "2032-01-01",
        "--data-dir",
        DATA,
        "--out",
        out,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    data = page_parts(out).data
    wave_names = [layer["name"] for layer in data["layers"] if layer["since"]]
    waves = [e["color"] for e in data["legend"] if e["key"] in wave_names]
    assert len(set(waves)) == 13 and waves[0] == "#440154" and waves[-1] == "#fde725"


def test_out_of_a_new_folder_in_cwd(tmp_path):
    result = run_mapgen(
        "build",
        "--no-png",
        "--quiet",
        "--data-dir",
        DATA,
        "--out",
        Path("deep", "er", "m.html"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "deep" / "er" / "m.html").is_file()
    assert sorted(p.name for p in (tmp_path / "deep" / "er").iterdir()) == [
        "m.embed.html",
        "m.html",
    ]
