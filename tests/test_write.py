"""render.write: all files or none; the old ones stay byte for byte."""

from __future__ import annotations

import os

import pytest

from mapgen.errors import InputError
from mapgen.render.write import write_all


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
