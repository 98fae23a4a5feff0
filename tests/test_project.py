"""``mapgen init`` and ``mapgen --version``, as an editor runs them."""

from __future__ import annotations

import errno
import filecmp
import shutil

import pytest
from conftest import ROOT, run_mapgen

from mapgen import project as project_module
from mapgen.errors import InputError
from mapgen.project import data_files, init


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


def _link(path, to):
    path.symlink_to(to)
    return path


# each case: how the project is laid out, the arguments, the line expected; nothing outside
# the project (tmp_path/outside) is written, and no traceback
ATTACKS = {
    "dir-is-a-file": (lambda p: (p / "f").write_text("x"), ["f"], "f: is not a folder"),
    "dir-under-a-file": (lambda p: (p / "f").write_text("x"), ["f/sub"], "f: is not a folder"),
    "dir-loops": (
        lambda p: (_link(p / "a", "b"), _link(p / "b", "a")),
        ["a"],
        "a: cannot be used (Too many levels of symbolic links)",
    ),
    "data-is-a-file": (
        lambda p: ((p / "d").mkdir(), (p / "d" / "data").write_text("x")),
        ["d", "--force"],
        "d/data: is not a folder",
    ),
    "data-is-a-link": (
        lambda p: ((p / "d").mkdir(), _link(p / "d" / "data", p / "outside")),
        ["d"],
        "d/data: is a symbolic link (to {outside}); mapgen init does not write through one",
    ),
    "data-is-a-link-forced": (
        lambda p: ((p / "d").mkdir(), _link(p / "d" / "data", p / "outside")),
        ["d", "--force"],
        "d/data: is a symbolic link (to {outside}); mapgen init does not write through one",
    ),
    "i18n-is-a-link-forced": (
        lambda p: ((p / "d" / "data").mkdir(parents=True), _link(p / "d/data/i18n", p / "outside")),
        ["d", "--force"],
        "d/data/i18n: is a symbolic link (to {outside}); mapgen init does not write through one",
    ),
    "a-file-is-a-dangling-link-forced": (
        lambda p: (
            (p / "d" / "data").mkdir(parents=True),
            _link(p / "d/data/map.toml", p / "outside" / "map.toml"),
        ),
        ["d", "--force"],
        "d/data/map.toml: is a symbolic link (to {outside}/map.toml); mapgen init does not "
        "write through one",
    ),
    "a-file-is-a-folder-forced": (
        lambda p: (p / "d" / "data" / "map.toml").mkdir(parents=True),
        ["d", "--force"],
        "d/data/map.toml: is not a regular file; mapgen init replaces files only",
    ),
    "newline": (
        lambda _p: None,
        ["new\nline"],
        "mapgen init: argument DIR: 'new\\nline' has a control character (U+000A); name it "
        "without one (see mapgen init --help)",
    ),
    "empty": (
        lambda _p: None,
        [""],
        "mapgen init: argument DIR: '' is empty; name a file or folder ('.' is the current "
        "folder) (see mapgen init --help)",
    ),
}


@pytest.mark.parametrize("case", sorted(ATTACKS))
def test_init_refuses_what_it_cannot_write_inside_dir(tmp_path, case):
    lay_out, args, expected = ATTACKS[case]
    outside = tmp_path / "outside"
    outside.mkdir()
    lay_out(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    result = run_mapgen("init", *args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    line = expected.format(outside=outside)
    if not line.startswith("mapgen init:"):
        line += "; nothing was copied"
    assert result.stderr.splitlines()[0] == line
    assert "Traceback" not in result.stderr
    assert sorted(tmp_path.rglob("*")) == before and not any(outside.iterdir())


def test_init_force_keeps_the_editors_files_and_dir_may_be_a_link(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    project = _link(tmp_path / "project", elsewhere)  # DIR itself: the editor named it
    assert run_mapgen("init", project).returncode == 0
    (elsewhere / "data" / "notes.txt").write_text("mine")
    (elsewhere / "data" / "map.toml").write_text("edited")
    forced = run_mapgen("init", project, "--force")
    assert forced.returncode == 0, forced.stderr
    assert (elsewhere / "data" / "notes.txt").read_text() == "mine"
    assert filecmp.cmp(ROOT / "data" / "map.toml", elsewhere / "data" / "map.toml", shallow=False)
    assert not list((elsewhere / "data").rglob(".*"))  # no file left half-way


@pytest.mark.parametrize("force", [False, True])
def test_a_copy_that_fails_half_way_leaves_nothing(tmp_path, monkeypatch, force):
    project = tmp_path / "new" / "project"
    if force:
        init(project)
        (project / "data" / "map.toml").write_text("edited")
    before = sorted(tmp_path.rglob("*"))
    calls = []

    def full(source, dest):
        calls.append(dest)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        return shutil.copyfile(source, dest)

    monkeypatch.setattr(project_module.shutil, "copyfile", full)
    with pytest.raises(InputError) as err:
        init(project, force=force)
    assert "cannot be written (No space left on device); nothing was copied" in str(err.value)
    assert sorted(tmp_path.rglob("*")) == before
    if force:
        assert (project / "data" / "map.toml").read_text() == "edited"
