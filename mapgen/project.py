"""``mapgen init``: an editor's own copy of the data, to change and build from.

It writes only inside ``DIR/data`` and never through a symbolic link there (DIR itself may be
one: the editor named it): a link at ``DIR/data``, at a folder in it or at a file it would
overwrite is refused, as is a file where a folder goes or a folder where a file goes, before
anything is written. A new ``DIR/data`` is copied into a temporary folder beside it and renamed
into place at the end; with ``--force``, each file is written beside its old one and renamed
over it (a link is never followed). A failure (a read-only folder, a name too long) is one
located line; a new copy leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from mapgen.errors import InputError, Problem, display_path
from mapgen.inputs.files import bundled_data_dir

# What a data folder holds: the tables, the texts, the shapes, the languages, their sources.
PATTERNS = ("*.csv", "*.toml", "*.md", "*.schema.json", "geo/*.fgb", "geo/*.md", "i18n/*.toml")
NOTHING = "nothing was copied"


def data_files(source: Path | None = None) -> list[Path]:
    """The files of the bundled data, relative to its folder."""
    source = source or bundled_data_dir()
    return sorted(p.relative_to(source) for pattern in PATTERNS for p in source.glob(pattern))


def init(folder: Path, force: bool = False) -> Path:
    """Copy the bundled data into ``folder/data`` and return that path. An existing
    ``folder/data`` is refused unless ``force``, which overwrites the bundled files in it
    (an editor's other files stay).

    Raises
    ------
    InputError
        ``folder/data`` exists (without ``force``); ``folder`` or a folder above it is a file
        or a link that loops; a link in ``folder/data`` where a file would be written; a
        folder that cannot be written.
    """
    target = folder / "data"
    source = bundled_data_dir()
    relatives = data_files(source)
    _refuse(_folder_problem(folder) or _target_problem(target, force))
    exists = os.path.lexists(target)
    if exists:
        _refuse(next(filter(None, (_inside_problem(target, r) for r in relatives)), None))
    if exists:
        _overwrite(source, target, relatives)
    else:
        _fresh(source, folder, target, relatives)
    return target


@contextmanager
def _writing(path: Path):
    """An OSError while writing ``path`` (read-only, full, a name too long) as its problem."""
    try:
        yield
    except OSError as err:
        raise InputError(
            [_problem(display_path(path), f"cannot be written ({err.strerror})")]
        ) from None


def _problem(label: str, message: str) -> Problem:
    return Problem(label, None, None, f"{message}; {NOTHING}")


def _refuse(problem: Problem | None) -> None:
    if problem:
        raise InputError([problem])


def _kind(path: Path) -> int | None:
    """The file type of ``path`` itself (a link is a link), or None if nothing is there."""
    try:
        return stat.S_IFMT(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None


def _link(path: Path) -> str:
    return f"is a symbolic link (to {os.readlink(path)}); mapgen init does not write through one"


def _folder_problem(folder: Path) -> Problem | None:
    """``folder`` (followed, if a link) or the first folder above it that exists is not a
    folder, or cannot be looked at."""
    path = folder
    while True:
        try:
            info = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):  # NotADirectoryError: afile/sub
            if path.parent == path:
                return None
            path = path.parent
            continue
        except OSError as err:  # a link that loops, a name too long, no permission
            return _problem(display_path(path), f"cannot be used ({err.strerror})")
        if not stat.S_ISDIR(info.st_mode):
            return _problem(display_path(path), "is not a folder")
        return None


def _target_problem(target: Path, force: bool) -> Problem | None:
    kind = _kind(target)
    label = display_path(target)
    if kind is None:
        return None
    if kind == stat.S_IFLNK:
        return _problem(label, _link(target))
    if not force:
        return Problem(
            label, None, None, f"exists already; {NOTHING} (mapgen init --force overwrites it)"
        )
    if kind != stat.S_IFDIR:
        return _problem(label, "is not a folder")
    return None


def _inside_problem(target: Path, relative: Path) -> Problem | None:
    """What stops ``relative`` being written in an existing ``target``: a link on the way or
    in its place, a file where a folder goes, a folder (or a FIFO …) where the file goes."""
    path = target
    for part in relative.parts:
        path = path / part
        kind = _kind(path)
        if kind is None:
            return None
        if kind == stat.S_IFLNK:
            return _problem(display_path(path), _link(path))
        last = path == target / relative
        if last and kind != stat.S_IFREG:
            return _problem(
                display_path(path), "is not a regular file; mapgen init replaces files only"
            )
        if not last and kind != stat.S_IFDIR:
            return _problem(display_path(path), "is not a folder")
    return None


def _fresh(source: Path, folder: Path, target: Path, relatives: list[Path]) -> None:
    """Copy into a temporary folder beside ``target``, then rename it into place; on a failure
    remove it, and the folders made for it."""
    made = [p for p in (folder, *folder.parents) if not os.path.lexists(p)]
    staging = None
    try:
        with _writing(made[-1] if made else target):
            folder.mkdir(parents=True, exist_ok=True)
        with _writing(target):
            staging = Path(tempfile.mkdtemp(prefix=".data-", dir=folder))
        for relative in relatives:
            with _writing(target / relative):
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source / relative, staging / relative)
        with _writing(target):
            os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's folder is the user's only
            os.rename(staging, target)
    except BaseException:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        for path in made:  # deepest first
            try:
                path.rmdir()
            except OSError:
                break
        raise


def _overwrite(source: Path, target: Path, relatives: list[Path]) -> None:
    """Every file first written beside its old one, then each renamed over it: a failure
    (full, read-only) comes before anything is replaced, and a link is never followed
    (:func:`_inside_problem` refused them; a rename replaces one that appears meanwhile)."""
    staged: list[tuple[str, Path]] = []
    made: list[Path] = []
    try:
        for relative in relatives:
            path = target / relative
            if not path.parent.exists():
                with _writing(path.parent):
                    path.parent.mkdir()
                made.append(path.parent)
            with _writing(path):
                handle, staging = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
                os.close(handle)
                staged.append((staging, path))
                shutil.copyfile(source / relative, staging)
                os.chmod(staging, 0o666 & ~_umask())  # mkstemp's file is the user's only
    except BaseException:
        for staging, _path in staged:
            Path(staging).unlink(missing_ok=True)
        for folder in reversed(made):
            folder.rmdir()
        raise
    for staging, path in staged:
        with _writing(path):
            os.replace(staging, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
