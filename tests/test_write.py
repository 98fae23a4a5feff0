"""render.write: all files or none; the old ones stay byte for byte."""

from __future__ import annotations

import errno
import os
import shutil
import stat

import pytest

from mapgen.errors import InputError
from mapgen.write import write_all


def test_writes_every_file(tmp_path):
    write_all({tmp_path / "a.html": b"A", tmp_path / "sub" / "b.png": b"B"})
    assert (tmp_path / "a.html").read_bytes() == b"A"
    assert (tmp_path / "sub" / "b.png").read_bytes() == b"B"


@pytest.mark.parametrize("failing_rename", [1, 2])
def test_a_failed_rename_leaves_every_old_file_and_no_temp_file(
    tmp_path, monkeypatch, failing_rename
):
    old = {tmp_path / "map.html": b"old map", tmp_path / "map.png": b"old png"}
    for path, content in old.items():
        path.write_bytes(content)
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == failing_rename:  # 2: the first file is already replaced
            raise OSError("disk full")
        return real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", replace)
        with pytest.raises(InputError, match="cannot be written \\(disk full\\)"):
            write_all({tmp_path / "map.html": b"new map", tmp_path / "map.png": b"new png"})
    assert {p: p.read_bytes() for p in old} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html", "map.png"]


def test_an_unwritable_second_file_leaves_the_first_untouched(tmp_path):
    first = tmp_path / "map.html"
    first.write_bytes(b"old map")
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where a folder is needed")
    with pytest.raises(InputError, match="blocked is not a folder"):
        write_all({first: b"new map", blocker / "map.png": b"png"})
    assert first.read_bytes() == b"old map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked", "map.html"]


def test_a_full_disk_leaves_no_temp_file(tmp_path, monkeypatch):
    (tmp_path / "map.html").write_bytes(b"old map")
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, _data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(InputError, match=r"cannot be written \(No space left on device\)"):
        write_all({tmp_path / "map.html": b"new map", tmp_path / "map.png": b"png"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
    assert (tmp_path / "map.html").read_bytes() == b"old map"


def test_a_symlinked_output_replaces_its_target_and_stays_a_link(tmp_path):
    target = tmp_path / "published" / "map.html"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "map.html"
    link.symlink_to(target)
    write_all({link: b"new"})
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.html"]


def _refusal(tmp_path, *args):
    from tests.conftest import DATA, run_mapgen

    result = run_mapgen("build", "--quiet", "--data-dir", DATA, *args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()[0]


def test_out_must_be_html(tmp_path):
    assert _refusal(tmp_path, "--out", "map.htm") == "map.htm: --out must name an .html file"
    assert list(tmp_path.iterdir()) == []


def test_an_input_is_never_an_output(tmp_path):
    from tests.conftest import DATA

    shutil.copy(DATA / "events.csv", tmp_path / "events.html")  # a table with an odd name
    before = (tmp_path / "events.html").read_bytes()
    message = _refusal(tmp_path, "--events", "events.html", "--out", "events.html")
    assert message == "events.html: is an input of this build; refusing to overwrite it"
    assert (tmp_path / "events.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.html"]


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "sibling-folder", "sibling-fifo"])
def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    name = "map.png" if kind.startswith("sibling") else "map.html"
    path = tmp_path / name
    if kind.endswith("folder"):
        path.mkdir()
        expected = f"{name}: is a folder, not a file"
    elif kind.endswith("fifo"):
        os.mkfifo(path)
        expected = f"{name}: is not a regular file (a device, FIFO or socket)"
    else:  # a link to a device: a null device of our own, so a failing guard harms nothing
        device = tmp_path.parent / f"{tmp_path.name}-null"
        try:
            os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root (CI runs as root)")
        path.symlink_to(device)
        expected = f"{name}: is not a regular file (a device, FIFO or socket)"
    assert _refusal(tmp_path, "--out", "map.html") == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
