"""TOML with its line positions: map.toml and the language files of data/i18n."""

from __future__ import annotations

import re
import tomllib

from mapgen.errors import InputError, Problem, decode_utf8

_TOML_AT = re.compile(r"(.*) \(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"(.*) \(at end of document\)$")


def parse_toml(raw: bytes, label: str) -> tuple[dict, str]:
    """The document and its text, or InputError located at the line tomllib stopped at."""
    source = decode_utf8(raw, label)
    try:
        return tomllib.loads(source), source
    except RecursionError:
        message = "invalid TOML: arrays or tables nested too deeply"
        raise InputError([Problem(label, None, None, message)]) from None
    except tomllib.TOMLDecodeError as err:
        found = _TOML_AT.fullmatch(str(err))
        end = _TOML_END.fullmatch(str(err))
        if end:
            line = source.count("\n") + 1
            message = f"invalid TOML at the end of the file: {end.group(1)}"
            raise InputError([Problem(label, line, None, message)]) from None
        if not found:
            raise InputError([Problem(label, None, None, f"invalid TOML: {err}")]) from None
        what, line, column = found.groups()
        message = f"invalid TOML at column {column}: {what}"
        raise InputError([Problem(label, int(line), None, message)]) from None


_HEADER = re.compile(r"\[\[?\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?")
_KEY = re.compile(r"\s*([A-Za-z0-9_\-.]+|\"[^\"]*\")\s*=")


def _closing(line: str, start: int, quote: str) -> int:
    """Where the string closed by ``quote`` ends in ``line`` (searching from ``start``), or -1."""
    i = start
    while i < len(line):
        if quote[0] == '"' and line[i] == "\\":
            i += 2  # an escape: \" is a quote in the text
            continue
        if line.startswith(quote, i):
            end = i + len(quote)
            while len(quote) == 3 and end < len(line) and line[end] == quote[0]:
                end += 1  # a multi-line string may end in one or two quotes of its own
            return end
        i += 1
    return -1


def _open_string(line: str, quote: str | None) -> str | None:
    """The delimiter of the multi-line string still open at the end of ``line``, given the
    one open at its start: strings are read as TOML reads them, so a quote inside another
    string (``"it'''s"``) or in a comment opens nothing."""
    i = 0
    while i < len(line):
        if quote:
            end = _closing(line, i, quote)
            if end < 0:
                return quote
            i, quote = end, None
        elif line[i] == "#":
            return None
        elif line.startswith(('"""', "'''"), i):
            quote, i = line[i : i + 3], i + 3
        elif line[i] in "\"'":
            end = _closing(line, i + 1, line[i])
            if end < 0:
                return None  # not TOML; tomllib has refused the file already
            i = end
        else:
            i += 1
    return quote


def key_lines(source: str) -> dict[str, int]:
    """The line of each table header and ``key =`` in a TOML text, by dotted name.

    A line scan, not a parser (tomllib keeps no positions): enough to point at a key in a
    file tomllib has already read. The keys of an inline table are on its line.
    """
    lines: dict[str, int] = {}
    table = ""
    quote = None  # inside a multi-line string: its delimiter
    arrays: dict[str, int] = {}
    for number, line in enumerate(source.split("\n"), start=1):
        if quote:
            quote = _open_string(line, quote)
            continue
        header = _HEADER.fullmatch(line.strip())
        if header:
            table = ".".join(part.strip().strip('"') for part in header.group(1).split("."))
            if line.strip().startswith("[["):  # an array of tables: chapters.0, chapters.1 …
                count = arrays[table] = arrays.get(table, -1) + 1
                table = f"{table}.{count}"
            else:  # a table inside the last of an array of tables: [chapters.x]
                array = next((a for a in arrays if table.startswith(f"{a}.")), None)
                if array:
                    table = f"{array}.{arrays[array]}{table[len(array) :]}"
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1).strip('"')
            lines.setdefault(f"{table}.{name}" if table else name, number)
        quote = _open_string(line, None)
    return lines
