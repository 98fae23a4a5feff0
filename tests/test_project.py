"""``mapgen init`` and ``mapgen --version``, as an editor runs them."""

from __future__ import annotations

import filecmp

from conftest import ROOT, run_mapgen

from mapgen.project import data_files


def test_init_copies_the_data_and_refuses_to_overwrite_it(tmp_path):
    project = tmp_path / "newsroom-map"
    result = run_mapgen("init", project)
    assert result.returncode == 0, result.stderr
    copied = project / "data"
    files = data_files(ROOT / "data")
    assert {str(f) for f in files} >= {
        "map.toml",
        "events.csv",
        "geo/countries.fgb",
        "i18n/uk.toml",
    }
    assert all(filecmp.cmp(ROOT / "data" / f, copied / f, shallow=False) for f in files)
    # an editor's change, then init again: refused, the change kept
    settings = copied / "map.toml"
    edited = settings.read_text(encoding="utf-8").replace(
        "title = \"NATO's enlargement", "title = \"Our edited title: NATO's enlargement", 1
    )
    settings.write_text(edited, encoding="utf-8")
    again = run_mapgen("init", project)
    assert again.returncode == 2
    assert again.stderr.startswith(f"{project / 'data'}: exists already; nothing was copied")
    assert "Traceback" not in again.stderr
    assert settings.read_text(encoding="utf-8") == edited
    # mapgen run in the project builds from the project's copy
    build = run_mapgen("build", "--no-png", "--quiet", cwd=project)
    assert build.returncode == 0, build.stderr
    page = (project / "output" / "nato_map.html").read_text(encoding="utf-8")
    assert "<title>Our edited title: NATO" in page
    # --force puts the bundled files back
    forced = run_mapgen("init", project, "--force")
    assert forced.returncode == 0
    assert filecmp.cmp(ROOT / "data" / "map.toml", settings, shallow=False)


def test_init_refuses_a_file(tmp_path):
    (tmp_path / "a-file").write_text("x")
    result = run_mapgen("init", tmp_path / "a-file")
    assert result.returncode == 2 and "a-file: is not a folder" in result.stderr


def test_version():
    result = run_mapgen("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "mapgen 0.1.0"
