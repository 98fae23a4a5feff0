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


def key_lines(source: str) -> dict[str, int]:
    """The line of each table header and ``key =`` in a TOML text, by dotted name.

    A line scan, not a parser (tomllib keeps no positions): enough to point at a key in a
    file tomllib has already read.
    """
    lines: dict[str, int] = {}
    table = ""
    quote = None  # inside a multi-line string: its delimiter
    arrays: dict[str, int] = {}
    for number, line in enumerate(source.split("\n"), start=1):
        if quote:
            if line.count(quote) % 2:
                quote = None
            continue
        header = _HEADER.fullmatch(line.strip())
        if header:
            table = ".".join(part.strip().strip('"') for part in header.group(1).split("."))
            if line.strip().startswith("[["):  # an array of tables: chapters.0, chapters.1 …
                count = arrays[table] = arrays.get(table, -1) + 1
                table = f"{table}.{count}"
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1).strip('"')
            lines.setdefault(f"{table}.{name}" if table else name, number)
        for delimiter in ('"""', "'''"):
            if line.count(delimiter) % 2:  # a multi-line string opens here
                quote = delimiter
                break
    return lines
