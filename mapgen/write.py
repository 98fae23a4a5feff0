"""Stage 7, write: the only code that touches the disk. All files or none.

Every output is checked first (an ``.html`` page; not an input, a folder, a device or a
FIFO), written to a temporary sibling, then renamed into place together, under a lock on its
folder so that two builds to the same place take turns. A symlinked output replaces the file
it points to and stays a link. Whatever stops the write (a full disk, a failed rename, Ctrl-C
or SIGTERM before the renames are done) leaves the old files and no temporary ones.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mapgen.errors import InputError, Problem, display_path
from mapgen.interrupts import close, deferred, hold

log = logging.getLogger("mapgen")


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def check_outputs(paths: Iterable[Path], inputs: Iterable[Path] = ()) -> list[Problem]:
    """What is wrong with writing to ``paths`` (the page first), given the build's inputs."""
    paths = list(paths)
    problems = []
    if paths and paths[0].suffix.lower() != ".html":
        problems.append(
            Problem(display_path(paths[0]), None, None, "--out must name an .html file")
        )
    read = {_real(p) for p in inputs}
    for path in paths:
        label, real = display_path(path), _real(path)
        if real in read:
            problems.append(
                Problem(label, None, None, "is an input of this build; refusing to overwrite it")
            )
            continue
        try:
            mode = os.stat(real).st_mode
        except (FileNotFoundError, NotADirectoryError):
            folder = next((p for p in real.parents if p.exists()), None)
            if folder is not None and not folder.is_dir():
                problems.append(
                    Problem(label, None, None, f"{display_path(folder)} is not a folder")
                )
            continue
        except OSError as err:
            problems.append(Problem(label, None, None, f"cannot be checked ({err.strerror})"))
            continue
        if stat.S_ISDIR(mode):
            problems.append(Problem(label, None, None, "is a folder, not a file"))
        elif not stat.S_ISREG(mode):
            problems.append(
                Problem(label, None, None, "is not a regular file (a device, FIFO or socket)")
            )
    return problems


@contextlib.contextmanager
def _locked(folders: list[Path]):
    """An exclusive lock on each folder (flock on the folder itself: no lock file to leave)."""
    handles = []
    try:
        for folder in folders:
            fd = os.open(folder, os.O_RDONLY)
            handles.append(fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.info("waiting for another build writing to %s", display_path(folder))
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        for fd in handles:
            os.close(fd)  # closing releases the lock


def _stage(target: Path, content: bytes, staged: list) -> None:
    with deferred():  # the temporary file is known as soon as it exists
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        staged.append((target, tmp))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
    except OSError as err:  # name the file being written, not its temporary sibling
        raise OSError(err.errno, err.strerror or str(err), str(target)) from None


def _commit(staged: list[tuple[Path, str]], backups: dict, replaced: list) -> None:
    """Rename every staged file into place; old contents kept as hard links until done."""
    for target, _ in staged:
        if target.exists():
            backup = tempfile.mktemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old")
            os.link(target, backup)
            backups[target] = backup
    for i, (target, tmp) in enumerate(staged):
        os.replace(tmp, target)
        replaced.append(target)
        if i == 0:
            hold("committing")


def _undo(replaced: list[Path], backups: dict) -> None:
    for target in replaced:
        if target in backups:
            os.replace(backups.pop(target), target)
        else:
            target.unlink(missing_ok=True)


def write_all(files: dict[Path, bytes], inputs: Iterable[Path] = ()) -> None:
    """Write every file, all or none.

    Parameters
    ----------
    files : dict of Path to bytes
        The outputs, the page first.
    inputs : iterable of Path
        The files the build read: never overwritten.

    Raises
    ------
    InputError
        An output that may not be written, or a write that failed (disk full, no permission);
        nothing was changed.
    """
    problems = check_outputs(files, inputs)
    if problems:
        raise InputError(problems)
    targets = {_real(path): content for path, content in files.items()}
    folders = sorted({target.parent for target in targets})
    staged: list[tuple[Path, str]] = []
    backups: dict[Path, str] = {}
    replaced: list[Path] = []
    made: list[Path] = []  # folders this write made: removed again if it fails
    try:
        for folder in folders:
            with deferred():
                missing = [p for p in (folder, *folder.parents) if not p.exists()]
                for parent in reversed(missing):
                    parent.mkdir()
                    made.append(parent)
        with _locked(folders):
            problems = check_outputs(files, inputs)  # again: another build may have been here
            if problems:
                raise InputError(problems)
            for target, content in targets.items():
                _stage(target, content, staged)
            hold("staged")
            with deferred():
                try:
                    _commit(staged, backups, replaced)
                except BaseException:
                    _undo(replaced, backups)
                    raise
                close()
                made.clear()
    except OSError as err:
        where = display_path(err.filename) if err.filename else "the output folder"
        raise InputError(
            [Problem(where, None, None, f"cannot be written ({err.strerror or err})")]
        ) from None
    finally:
        with deferred():
            for leftover in [tmp for _, tmp in staged] + list(backups.values()):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
