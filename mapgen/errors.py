"""Errors that describe a user's mistake in the input, located by file, line and column."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    path: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class InputError(Exception):
    """The input files have problems; nothing was written.

    Parameters
    ----------
    problems : list of Problem
        Every problem found, in file and line order.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # from a language's worker process, with its problems
        return (InputError, (self.problems,))


MAX_INPUT_BYTES = 64 * 1024 * 1024  # a table or shape file larger than this is a mistake here


def check_input(path: Path, label: str) -> None:
    """InputError unless ``path`` is a regular file (a folder, a FIFO or a device would hang or
    never end) of at most :data:`MAX_INPUT_BYTES`."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError([Problem(label, None, None, "no such file")]) from None
    except OSError as err:
        raise InputError([Problem(label, None, None, f"cannot be read ({err.strerror})")]) from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise InputError([Problem(label, None, None, f"is {what}; expected a file")])
    if info.st_size > MAX_INPUT_BYTES:
        message = f"is larger than {MAX_INPUT_BYTES // 2**20} MB; is it the right file?"
        raise InputError([Problem(label, None, None, message)])


def read_input(path: Path, label: str) -> bytes:
    """The bytes of an input file that :func:`check_input` accepts."""
    check_input(path, label)
    try:
        return Path(path).read_bytes()
    except OSError as err:
        raise InputError([Problem(label, None, None, f"cannot be read ({err.strerror})")]) from None


def decode_utf8(raw: bytes, label: str, save_as: str = "UTF-8") -> str:
    """The text of an input file's bytes (UTF-8, with or without BOM), or InputError at the
    line of the first byte that is not UTF-8, saying how to save the file (``save_as``)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = f"is not UTF-8 (byte 0x{raw[err.start]:02x}); save the file as {save_as}"
        raise InputError([Problem(label, line, None, message)]) from None


def shorten(value, width: int = 60):
    """``value`` as a message shows it: itself if its text has at most ``width`` characters,
    else its text cut to ``width`` with "..." at the end."""
    text = str(value)
    return value if len(text) <= width else text[: width - 3] + "..."


def display_path(path: Path | str) -> str:
    """How a file is named in messages: relative to the current folder when inside it."""
    path = Path(path)
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
        return str(path)
