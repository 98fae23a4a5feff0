"""The only code that touches the disk: write files atomically, all or none."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _stage(path: Path, content: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(tmp, 0o644)
    return tmp


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling, then rename them all into place.

    Until the renames, existing files are untouched; if a rename fails, the files already
    replaced get their old content back (kept as hard links), so a failed build leaves every
    output as it was.
    """
    staged: list[tuple[Path, str]] = []
    backups: dict[Path, str] = {}
    replaced: list[Path] = []
    try:
        for path, content in files.items():
            staged.append((path, _stage(path, content)))
        for path, _ in staged:
            if path.exists():
                backup = tempfile.mktemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old")
                os.link(path, backup)
                backups[path] = backup
        for path, tmp in staged:
            os.replace(tmp, path)
            replaced.append(path)
    except BaseException:
        for path in replaced:
            if path in backups:
                os.replace(backups.pop(path), path)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        for leftover in [tmp for _, tmp in staged] + list(backups.values()):
            if os.path.exists(leftover):
                os.unlink(leftover)
