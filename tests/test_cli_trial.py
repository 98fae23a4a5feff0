"""Cases found by an adversarial trial of the command line: each is exit 2 with one located
line (never "internal error"), or builds, as a careful tool should."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from tests.conftest import DATA, ROOT, page_parts, run_mapgen


def _build(tmp_path, *args):
    return run_mapgen(
        "build", "--quiet", "--no-png", "--out", tmp_path / "out" / "m.html", *args, cwd=tmp_path
    )


def _refused(result, tmp_path, expected: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == expected
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "out").exists()


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _toml(data_copy, old: str, new: str) -> str:
    path = data_copy / "map.toml"
    text = path.read_text(encoding="utf-8").replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def test_a_toml_datetime_is_not_a_date(tmp_path, data_copy):
    text = _toml(data_copy, 'default_as_of = "2021-12-17"', "default_as_of = 2021-12-17T00:00:00")
    _refused(
        _build(tmp_path, "--data-dir", "data"),
        tmp_path,
        f"data/map.toml:{_line(text, 'default_as_of')}: key 'map.default_as_of' "
        "'2021-12-17 00:00:00' is a date and time; write the date alone, YYYY-MM-DD",
    )


def test_deep_nesting_and_an_error_at_the_end(tmp_path, data_copy):
    path = data_copy / "map.toml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "deep = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    _refused(
        _build(tmp_path, "--data-dir", "data"),
        tmp_path,
        "data/map.toml: invalid TOML: arrays or tables nested too deeply",
    )
    path.write_text(original + "foo =", encoding="utf-8")
    _refused(
        _build(tmp_path, "--data-dir", "data"),
        tmp_path,
        f"data/map.toml:{original.count(chr(10)) + 1}: invalid TOML at the end of the file: "
        "Invalid value",
    )


def test_a_multiline_text_does_not_move_the_line_of_a_key(tmp_path, data_copy):
    text = _toml(
        data_copy,
        'subtitle = "Members',
        'subtitle = """A line\nanother\ncredit = not this one\n"""\nsubtitle_old = "Members',
    )
    text = _toml(data_copy, 'credit = "Map: mapgen.', 'credit = "{bad} Map: mapgen.')
    stderr = _build(tmp_path, "--data-dir", "data").stderr
    line = _line(text, 'credit = "{bad}')
    assert f"data/map.toml:{line}: key 'map.credit'" in stderr


def test_a_default_date_before_nato_is_blamed_on_map_toml(tmp_path, data_copy):
    text = _toml(data_copy, 'default_as_of = "2021-12-17"', 'default_as_of = "1900-01-01"')
    _refused(
        _build(tmp_path, "--data-dir", "data"),
        tmp_path,
        f"data/map.toml:{_line(text, 'default_as_of')}: key 'map.default_as_of' 1900-01-01 is "
        "before the first accession in the members table (1949-08-24): the map would show no "
        "alliance",
    )


def test_an_empty_members_table(tmp_path, data_copy):
    (data_copy / "nato_members.csv").write_text(
        "iso3,name,accession_date,note,source\n", encoding="utf-8"
    )
    (data_copy / "nato_enlargement_areas.csv").write_text(
        "shape_id,member_iso3,name,accession_date,event,note,source\n", encoding="utf-8"
    )
    _refused(
        _build(tmp_path, "--data-dir", "data"),
        tmp_path,
        "data/nato_members.csv:1: has no rows; the map needs 1",
    )


def _rewrite(path: Path, change) -> None:
    frame = gpd.read_file(path)
    frame = change(frame)
    path.unlink()
    frame.to_file(path, driver="FlatGeobuf", SPATIAL_INDEX="NO")


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        (
            "donbas_held.fgb",
            lambda f: f.assign(shape_id="DONBAS-X"),
            "data/geo/donbas_held.fgb: lacks the shape(s) DONBAS-HELD, which the layers draw",
        ),
        (
            "ukraine_admin1.fgb",
            lambda f: f[f["shape_id"] != "UKR-05"],
            "data/geo/ukraine_admin1.fgb: lacks the shape(s) UKR-05, which the layers draw",
        ),
        (
            "countries.fgb",
            lambda f: f.assign(label_rank=f["label_rank"].astype(str)),
            "data/geo/countries.fgb: column label_rank must hold a number in every row",
        ),
        (
            "seas.fgb",
            lambda f: f.assign(area_km2=[None] + list(f["area_km2"][1:])),
            "data/geo/seas.fgb: column area_km2 must hold a number in every row",
        ),
        (
            "seas.fgb",
            lambda f: f.set_geometry([shapely.Point(35, 43)] + list(f.geometry[1:]), crs=4326),
            "data/geo/seas.fgb: shape SEA-AZOV is a Point, not a polygon",
        ),
        (
            "countries.fgb",
            lambda f: f.drop(columns=["part_of"]),
            "data/geo/countries.fgb: lacks the column(s) part_of; regenerate it with scripts/",
        ),
    ],
    ids=["no-held-area", "no-oblast", "text-rank", "null-area", "point", "no-part-of"],
)
def test_shape_files_with_the_wrong_content(tmp_path, data_copy, name, change, expected):
    _rewrite(data_copy / "geo" / name, change)
    _refused(_build(tmp_path, "--data-dir", "data"), tmp_path, expected)


def test_special_files_as_inputs(tmp_path):
    _refused(
        _build(tmp_path, "--data-dir", DATA, "--members", "/dev/zero"),
        tmp_path,
        "/dev/zero: is not a regular file; expected a file",
    )
    os.mkfifo(tmp_path / "fifo.csv")
    _refused(
        _build(tmp_path, "--data-dir", DATA, "--members", "fifo.csv"),
        tmp_path,
        "fifo.csv: is not a regular file; expected a file",
    )


def test_control_characters_in_a_csv_cell(tmp_path):
    members = (DATA / "nato_members.csv").read_text(encoding="utf-8")
    (tmp_path / "m.csv").write_text(members.replace("Belgium", "Bel\x00gium"), encoding="utf-8")
    _refused(
        _build(tmp_path, "--data-dir", DATA, "--members", "m.csv"),
        tmp_path,
        "m.csv:2: name 'Bel\\x00gium' contains the control character U+0000",
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("a\x1bb", "'a\\x1bb' contains the control character U+001B"),
        ("\u200b\u200b", "'\\u200b\\u200b' is empty (or only spaces and invisible marks)"),
        ("x" * 5001, "'" + "x" * 57 + "...' is longer than 5000 characters"),
    ],
    ids=["escape", "invisible", "long"],
)
def test_the_title_follows_the_rules_of_texts(tmp_path, title, expected):
    _refused(
        _build(tmp_path, "--data-dir", DATA, "--title", title),
        tmp_path,
        f"mapgen build: argument --title: {expected} (see mapgen build --help)",
    )


def test_non_utf8_options(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mapgen", "build", "--no-png", "--title", b"abc\xff"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2
    assert b"is not valid UTF-8" in result.stderr and b"Traceback" not in result.stderr


def test_a_symlink_loop_as_out(tmp_path):
    (tmp_path / "loop.html").symlink_to("loop.html")
    result = run_mapgen("build", "--no-png", "--data-dir", DATA, "--out", "loop.html", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("loop.html: cannot be checked (Too many levels of symbolic")


def test_options_before_the_command_are_kept(tmp_path):
    result = run_mapgen(
        "--out", "top.html", "--title", "Top", "build", "--no-png", "--quiet", "--data-dir", DATA,
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert page_parts(tmp_path / "top.html").title == "Top"
    assert not (tmp_path / "output").exists()


def test_folders_made_for_a_failed_write_are_removed(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MAPGEN_TEST_HOLD": "staged"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mapgen", "build", "--no-png", "--data-dir", str(DATA),
         "--out", "new/deeper/m.html"],
        cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    while not process.stderr.readline().startswith("mapgen: holding at"):
        pass
    process.send_signal(signal.SIGTERM)
    assert process.wait() == 143
    assert list(tmp_path.iterdir()) == []


def test_a_second_signal_during_the_clean_up_prints_no_traceback(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MAPGEN_TEST_HOLD": "render,interrupted:1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mapgen", "build", "--data-dir", str(DATA), "--out", "m.html"],
        cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    for point in ("render", "interrupted"):  # the second signal lands in the clean-up
        while not process.stderr.readline().startswith(f"mapgen: holding at {point}"):
            pass
        process.send_signal(signal.SIGINT)
    err = process.stderr.read()
    assert process.wait() == 130
    assert "Traceback" not in err and err.strip().splitlines()[-1] == (
        "mapgen: interrupted; nothing changed"
    )


def test_the_embed_address_is_url_encoded(tmp_path):
    result = run_mapgen(
        "build", "--no-png", "--quiet", "--data-dir", DATA, "--out", "map #1.html", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    snippet = (tmp_path / "map #1.embed.html").read_text(encoding="utf-8")
    assert 'src="map%20%231.html#chrome=minimal"' in snippet


@pytest.mark.browser
def test_the_noscript_image_is_allowed_by_the_policy(built_map, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(built_map.resolve().as_uri())
    page.wait_for_timeout(300)
    width = page.evaluate("document.querySelector('noscript img, img.mg-static')?.naturalWidth")
    assert width == 1200 and errors == []
    context.close()
