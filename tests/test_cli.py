"""cli: the command end to end, its help, its errors."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from mapgen.cli import make_parser
from tests.conftest import DATA, ROOT


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "mapgen", *args], capture_output=True, text=True, cwd=cwd
    )


def test_build_writes_the_map_and_logs_each_stage(tmp_path):
    out = tmp_path / "m.html"
    result = run(
        "build",
        "--out",
        str(out),
        "--as-of",
        "2026-11-27",
        "--title",
        "NATO today",
        "--data-dir",
        str(DATA),
    )
    assert result.returncode == 0, result.stderr
    stages = [line.split()[1] for line in result.stderr.splitlines()]
    assert stages == ["load", "join", "layers", "render", "write"]
    assert "32 members as of 2026-11-27, 16 after the 1997 baseline" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<title>NATO today</title>" in html
    assert 'data-legend-key="2024"' in html and "(later)" not in html


def test_quiet_prints_nothing(tmp_path):
    result = run("--quiet", "--out", str(tmp_path / "m.html"), "--data-dir", str(DATA))
    assert result.returncode == 0 and result.stderr == "" and result.stdout == ""
    assert (tmp_path / "m.html").stat().st_size > 100_000


def test_plain_mapgen_writes_the_default_output(tmp_path):
    (tmp_path / "output").mkdir()
    result = run("--quiet", "--data-dir", str(DATA), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        (tmp_path / "output" / "nato_map.html")
        .read_text(encoding="utf-8")
        .startswith("<!DOCTYPE html>")
    )


def test_bad_members_file_exits_2_and_keeps_the_old_map(tmp_path, data_copy):
    out = tmp_path / "m.html"
    out.write_bytes(b"previous map")
    members = data_copy / "nato_members.csv"
    text = members.read_text(encoding="utf-8").replace("1999-03-12", "1999-13-45", 1)
    members.write_text(text, encoding="utf-8")
    result = run("build", "--out", str(out), "--data-dir", str(data_copy))
    assert result.returncode == 2
    assert f"{members}:18: accession_date '1999-13-45' is not a valid YYYY-MM-DD date" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == b"previous map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "m.html"]  # no temp files left


def test_bad_option_is_refused():
    result = run("build", "--as-of", "2021-02-30")
    assert result.returncode == 2
    assert "'2021-02-30' is not a valid YYYY-MM-DD date" in result.stderr


@pytest.mark.parametrize("command", [[], ["build"]])
def test_help_documents_every_option_with_an_example(command):
    parser = make_parser()
    if command:
        parser = parser._subparsers._group_actions[0].choices["build"]
    text = parser.format_help()
    for action in parser._actions:
        if action.option_strings and action.dest != "help":
            help_text = re.sub(r"\s+", " ", action.help)
            assert "e.g." in help_text, action.dest
            assert action.option_strings[0] in text
    assert "examples:" in text
