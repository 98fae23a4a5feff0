"""cli: the command end to end, its help, its errors."""

from __future__ import annotations

import re

import pytest

from mapgen.cli import make_parser
from tests.conftest import DATA, page_parts, run_mapgen

run = run_mapgen


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
    lines = result.stderr.splitlines()
    stages = [line.split()[1] for line in lines[:-1]]
    assert stages == ["load", "join", "layers", "simplify", "render", "image", "write"]
    assert lines[-1].startswith("mapgen: no --base-url: m.card.png is written")
    assert "32 members as of 2026-11-27, 16 after the 1997 baseline" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<title>NATO today</title>" in html
    keys = page_parts(html).legend_keys()
    assert "2024" in keys and not any("(later)" in key for key in keys)


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
    run("build", "--quiet", "--out", str(out), "--data-dir", str(data_copy))
    previous = {p.name: p.read_bytes() for p in tmp_path.glob("m.*")}
    assert sorted(previous) == ["m.card.png", "m.embed.html", "m.html", "m.png"]
    members = data_copy / "nato_members.csv"
    text = members.read_text(encoding="utf-8").replace("1999-03-12", "1999-13-45", 1)
    members.write_text(text, encoding="utf-8")
    result = run("build", "--out", str(out), "--data-dir", str(data_copy))
    assert result.returncode == 2
    assert f"{members}:18: accession_date '1999-13-45' is not a valid YYYY-MM-DD date" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.glob("m.*")} == previous  # byte for byte
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", *sorted(previous)]  # no temp


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


EVENTS_HEADER = "date,title,description,lat,lon,place,category,source,source_url\n"
GOOD_ROW = "2021-12-17,Drafts,Text,55.7,37.6,Moscow,Conflict,MFA,https://mid.ru/\n"


@pytest.mark.parametrize(
    "name, content, expected",
    [
        (
            "bad date",
            EVENTS_HEADER + GOOD_ROW.replace("2021-12-17", "2021-13-45"),
            ["events.csv:2: date '2021-13-45' is not a valid YYYY-MM-DD date"],
        ),
        (
            "latitude",
            EVENTS_HEADER + GOOD_ROW.replace("55.7", "95.1"),
            ["events.csv:2: lat '95.1' is outside [-90, 90] (latitude)"],
        ),
        (
            "longitude",
            EVENTS_HEADER + GOOD_ROW.replace("37.6", "-181"),
            ["events.csv:2: lon '-181' is outside [-180, 180] (longitude)"],
        ),
        (
            "missing column",
            EVENTS_HEADER.replace(",source_url", "") + GOOD_ROW.rsplit(",", 1)[0] + "\n",
            [
                "events.csv:1: missing column(s) source_url; expected "
                "date,title,description,lat,lon,place,category,source,source_url"
            ],
        ),
        (
            "duplicate",
            EVENTS_HEADER + GOOD_ROW + GOOD_ROW,
            ["events.csv:3: date/title '2021-12-17/Drafts' repeats line 2"],
        ),
        (
            "no source",
            EVENTS_HEADER + GOOD_ROW.replace(",MFA,", ",,"),
            ["events.csv:2: source is empty"],
        ),
        (
            "quoting",
            EVENTS_HEADER + GOOD_ROW.replace("Text", '"Text'),
            ["events.csv:2: broken quoting (unexpected end of data)"],
        ),
        (
            "blank line",
            EVENTS_HEADER + GOOD_ROW + "\n" + GOOD_ROW.replace("Drafts", "Other"),
            ["events.csv:3: blank line inside the table"],
        ),
        (
            "link",
            EVENTS_HEADER + GOOD_ROW.replace("https://mid.ru/", "ftp://mid.ru/"),
            ["events.csv:2: source_url 'ftp://mid.ru/' is not an http(s) URL"],
        ),
        (
            "encoding",
            (EVENTS_HEADER + GOOD_ROW.replace("Drafts", "Entwürfe")).encode("cp1252"),
            ["events.csv:2: is not UTF-8 (byte 0xfc); save the file as CSV UTF-8"],
        ),
        (
            "two problems",
            EVENTS_HEADER
            + GOOD_ROW.replace("2021-12-17", "17/12/2021")
            + GOOD_ROW.replace("Drafts", "Call").replace("Conflict", "War"),
            [
                "events.csv:2: date '17/12/2021' is not a valid YYYY-MM-DD date",
                "events.csv:3: category 'War' is not one of the categories in map.toml "
                "(Treaties and diplomacy, Enlargement, Conflict, Military activity, Reactions)",
            ],
        ),
    ],
)
def test_bad_events_file_table(tmp_path, name, content, expected):
    path = tmp_path / "events.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = tmp_path / "map.html"
    result = run(
        "build",
        "--events",
        "events.csv",
        "--out",
        "map.html",
        "--data-dir",
        str(DATA),
        cwd=tmp_path,
    )
    assert result.returncode == 2, name
    lines = result.stderr.splitlines()
    assert lines[:-1] == expected, name
    assert lines[-1] == f"mapgen: {len(expected)} problem(s) in the input; nothing was written"
    assert not out.exists()


def test_members_with_unknown_country(tmp_path):
    members = (DATA / "nato_members.csv").read_text(encoding="utf-8").replace("NOR,", "NRW,", 1)
    (tmp_path / "members.csv").write_text(members, encoding="utf-8")
    result = run("build", "--members", "members.csv", "--data-dir", str(DATA), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "members.csv:10: iso3 'NRW' has no shape in data/geo"


def test_internal_error_is_one_line_without_debug(tmp_path, monkeypatch, capsys):
    from mapgen import cli, pipeline

    def broken(*_args, **_kwargs):
        raise KeyError("a bug, not a user's mistake")

    monkeypatch.setattr(pipeline, "build", broken)
    assert cli.main(["build", "--no-png", "--out", str(tmp_path / "m.html")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("mapgen: internal error: KeyError")
    assert cli.main(["build", "--no-png", "--debug", "--out", str(tmp_path / "m.html")]) == 1
    assert "Traceback" in capsys.readouterr().err
