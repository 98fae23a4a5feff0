"""TOML with its line positions: map.toml and the language files of data/i18n."""

from __future__ import annotations

import re
import tomllib

from mapgen.errors import InputError, Problem, decode_utf8

_TOML_AT = re.compile(r"(.*) \(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"(.*) \(at end of document\)$")


def parse_toml(raw: bytes, label: str) -> tuple[dict, str]:
    """The document and its text, or InputError located at the line tomllib stopped at, or,
    for an array, an inline table or a text left open, at the line where it opened."""
    source = decode_utf8(raw, label)
    try:
        return tomllib.loads(source), source
    except RecursionError:
        message = "invalid TOML: arrays or tables nested too deeply"
        raise InputError([Problem(label, None, None, message)]) from None
    except tomllib.TOMLDecodeError as err:
        raise InputError([_problem(source, str(err), label)]) from None


def _problem(source: str, error: str, label: str) -> Problem:
    """A tomllib error as a located problem."""
    found = _TOML_AT.fullmatch(error)
    end = _TOML_END.fullmatch(error)
    if not found and not end:
        return Problem(label, None, None, f"invalid TOML: {error}")
    what, line, column = found.groups() if found else (end.group(1), None, None)
    opened = _unclosed(source.replace("\r\n", "\n"), what, line and int(line), column)
    if opened:
        return Problem(label, opened[0], None, opened[1])
    if end:
        line = source.count("\n") + 1
        return Problem(label, line, None, f"invalid TOML at the end of the file: {what}")
    return Problem(label, int(line), None, f"invalid TOML at column {column}: {what}")


# What tomllib says of a construct it found open, and which it may be (see _opened).
_UNCLOSED = {
    "Unclosed array": ("[",),
    "Unclosed inline table": ("{",),
    "Unterminated string": ('"""', '"'),
    "Expected \"'''\"": ("'''",),
    'Expected "\'"': ("'",),
}
_CONSTRUCTS = {
    "[": "the array",
    "{": "the inline table",
    '"""': 'the multi-line text """',
    "'''": "the multi-line text '''",
    '"': "the text",
    "'": "the text",
}


def _unclosed(source: str, what: str, line: int | None, column: str | None):
    """(line, message) naming where the construct tomllib found open (``what``) opened, if
    that is above the line it noticed it on (``line`` and ``column``; None: the end of the
    file); else None."""
    kinds = _UNCLOSED.get(what, ())
    if line is None:
        stop = len(source)
    else:
        stop = sum(len(part) + 1 for part in source.split("\n")[: line - 1]) + int(column) - 1
    opened = _opened(source, stop)
    if opened is None or opened[0] not in kinds:
        return None
    opened_line = source.count("\n", 0, opened[1]) + 1
    if opened_line >= source.count("\n", 0, stop) + 1:
        return None  # on the line tomllib points at: its own message says it
    noticed = "at the end of the file" if line is None else f"at line {line}, column {column}"
    comma = ", or a comma is missing in it" if opened[0] == "[" else ""
    message = (
        f"invalid TOML: {_CONSTRUCTS[opened[0]]} opened here is not closed{comma} "
        f"(the parser noticed {noticed}: {what})"
    )
    return opened_line, message


def _opened(source: str, stop: int) -> tuple[str, int] | None:
    """The innermost array, inline table or text open at offset ``stop`` of a TOML text read
    as tomllib reads it up to there: what opened it and at which offset, or None.

    A ``[`` opens an array after a key's ``=`` or inside another array or inline table, not
    at the start of a table header; quotes and ``#`` inside a text open nothing."""
    stack: list[tuple[str, int]] = []
    value = False  # after a key's "=" on this line
    i = 0
    while i < stop:
        char = source[i]
        if source.startswith(('"""', "'''"), i):
            end = _closing(source, i + 3, source[i : i + 3])
            if end < 0 or end > stop:
                return source[i : i + 3], i
            i = end
        elif char in "\"'":  # a one-line text ends on its line
            line_end = source.find("\n", i)
            end = _closing(source[: stop if line_end < 0 else min(line_end, stop)], i + 1, char)
            if end < 0:
                return char, i
            i = end
        elif char == "#":
            i = source.find("\n", i)
            if i < 0:
                break
        else:
            if char == "\n" and not stack:
                value = False
            elif char == "=" and not stack:
                value = True
            elif char in "[{" and (stack or value):
                stack.append((char, i))
            elif char in "]}" and stack:
                stack.pop()
            i += 1
    return stack[-1] if stack else None


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
