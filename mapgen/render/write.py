"""The only code that touches the disk: write files atomically, all or none."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling, then rename them all into place.

    A failure before the renames leaves every existing file as it was.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((path, tmp))
            with os.fdopen(fd, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
        for path, tmp in staged:
            os.replace(tmp, path)
    finally:
        for _, tmp in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
