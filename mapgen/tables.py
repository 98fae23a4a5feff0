"""Read an editor's CSV file strictly: every problem located by file, line and column."""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from mapgen.errors import InputError, Problem, display_path, read_input

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_ISO3 = re.compile(r"[A-Z]{3}", re.ASCII)
# A decimal number in ASCII digits: float() would also take "٥٠", "５０", "5_0", "nan" and "inf".
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", re.ASCII)


def parse_decimal(text: str) -> float:
    """A finite number written with ASCII digits (``50``, ``-1.5``, ``2e3``)."""
    if not _DECIMAL.fullmatch(text):
        raise ValueError("is not a number written with the digits 0-9")
    return float(text)


def parse_date(text: str) -> date:
    """A real calendar date written YYYY-MM-DD."""
    if not _DATE.fullmatch(text):
        raise ValueError("is not a valid YYYY-MM-DD date")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("is not a valid YYYY-MM-DD date") from None


def _number(low: float, high: float, what: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = parse_decimal(text)
        except ValueError:
            raise ValueError(f"is not a number written with the digits 0-9 ({what})") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(f"is outside [{low:g}, {high:g}] ({what})")
        return value

    return parse


def parse_month(text: str) -> str:
    """A month written YYYY-MM."""
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", text, re.ASCII):
        raise ValueError("is not a month written YYYY-MM")
    return text


def parse_count(text: str) -> int:
    """A whole number from 1 up, written with ASCII digits."""
    if not re.fullmatch(r"[1-9][0-9]{0,5}", text, re.ASCII):
        raise ValueError("is not a whole number from 1 up")
    return int(text)


def parse_iso3(text: str) -> str:
    if not _ISO3.fullmatch(text):
        raise ValueError("is not a three-letter upper-case ISO 3166-1 alpha-3 code")
    return text


def parse_url(text: str) -> str:
    if not re.fullmatch(r"https?://[^\s\"'<>\\]+", text, re.ASCII):
        raise ValueError("is not an http(s) URL")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def parse_text(text: str) -> str:
    """Any text but control characters (a tab or a line break inside quotes is fine)."""
    control = _CONTROL.search(text)
    if control:
        raise ValueError(f"contains the control character U+{ord(control.group()):04X}")
    return text


PARSERS: dict[str, Callable[[str], object]] = {
    "date": parse_date,
    "lat": _number(-90, 90, "latitude"),
    "lon": _number(-180, 180, "longitude"),
    "iso3": parse_iso3,
    "count": parse_count,
    "month": parse_month,
    "url": parse_url,
    "text": parse_text,
}


@dataclass(frozen=True)
class Column:
    """One declared column: its name, type (a key of PARSERS), whether it may be empty, and
    optionally the values it may take (``choices``, with ``unknown`` saying what else is)."""

    name: str
    kind: str = "text"
    required: bool = True
    choices: frozenset | None = None
    unknown: str = "is not allowed here"

    def with_choices(self, choices, unknown: str) -> Column:
        return dataclasses.replace(self, choices=frozenset(choices), unknown=unknown)


def _decode(path: Path, label: str) -> str:
    raw = read_input(path, label)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError(
            [
                Problem(
                    label,
                    line,
                    None,
                    f"is not UTF-8 (byte 0x{raw[err.start]:02x}); save the file as CSV UTF-8",
                )
            ]
        ) from None
    return text


def _csv_problem(err: csv.Error) -> str:
    """What a csv.Error means to an editor."""
    message = str(err)
    if "field larger than field limit" in message:
        return f"value longer than {csv.field_size_limit():,} characters"
    if "new-line character seen in unquoted field" in message:
        return (
            "line ends with a lone carriage return (old Mac line endings); "
            "save the file with LF or CRLF line endings"
        )
    return f"broken quoting ({message})"


def _records(text: str) -> Iterable[tuple[int, list[str]]]:
    """(first line number, fields) of each record, skipping leading '#' comment lines.

    Lines end at LF (or CRLF) only, as the csv module reads them: a U+2028 or a lone CR
    inside a comment or a quoted value does not start a line.
    """
    if "\r" in text and "\n" not in text:
        raise InputError(
            [
                Problem(
                    "",
                    1,
                    None,
                    _csv_problem(csv.Error("new-line character seen in unquoted field")),
                )
            ]
        )
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    skipped = 0
    while skipped < len(lines) and lines[skipped].startswith("#"):
        skipped += 1
    reader = csv.reader(io.StringIO("".join(lines[skipped:])), strict=True)
    start = skipped + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise InputError(
                [Problem("", skipped + reader.line_num, None, _csv_problem(err))]
            ) from None
        yield start, fields
        start = skipped + reader.line_num + 1


def read_table(
    path: Path,
    columns: list[Column],
    key: tuple[str, ...] | None = None,
    label: str | None = None,
    min_rows: int = 0,
) -> pd.DataFrame:
    """Read and check a CSV file against its declared columns.

    Parameters
    ----------
    path : Path
        The CSV file (UTF-8, with or without BOM; leading ``#`` lines are comments).
    columns : list of Column
        The columns that must be present; others are kept as text.
    key : tuple of str, optional
        Columns whose values together must be unique.
    label : str, optional
        How to name the file in messages, default ``str(path)``.

    Returns
    -------
    pandas.DataFrame
        Parsed values, with a ``line`` column giving each row's line in the file.

    Raises
    ------
    InputError
        Listing every problem found, each with file, line and column.
    """
    label = label or display_path(path)
    problems: list[Problem] = []
    try:
        records = list(_records(_decode(path, label)))
    except InputError as err:
        raise InputError(
            [Problem(label, p.line, p.column, p.message) for p in err.problems]
        ) from None
    if not records:
        raise InputError([Problem(label, 1, None, "is empty: expected a header row")])
    header_line, header = records[0]
    header = [h.strip() for h in header]
    missing = [c.name for c in columns if c.name not in header]
    if missing:
        raise InputError(
            [
                Problem(
                    label,
                    header_line,
                    None,
                    f"missing column(s) {', '.join(missing)}; "
                    f"expected {','.join(c.name for c in columns)}",
                )
            ]
        )
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        raise InputError(
            [
                Problem(
                    label,
                    header_line,
                    None,
                    f"column(s) {', '.join(duplicated)} appear more than once",
                )
            ]
        )
    by_name = {c.name: c for c in columns}
    rows, seen = [], {}
    body = records[1:]
    while body and not any(f.strip() for f in body[-1][1]):
        body.pop()  # trailing blank lines and empty spreadsheet rows are harmless
    for line, fields in body:
        if not any(f.strip() for f in fields):
            problems.append(Problem(label, line, None, "blank line inside the table"))
            continue
        if len(fields) != len(header):
            problems.append(
                Problem(
                    label,
                    line,
                    None,
                    f"has {len(fields)} fields, the header has {len(header)} "
                    "(a comma inside a value needs double quotes)",
                )
            )
            continue
        row: dict[str, object] = {"line": line}
        for name, value in zip(header, fields, strict=True):
            value = value.strip()
            column = by_name.get(name)
            if column is None:
                row[name] = value
                continue
            if value == "":
                if column.required:
                    problems.append(Problem(label, line, name, f"{name} is empty"))
                row[name] = None
                continue
            try:
                row[name] = PARSERS[column.kind](value)
            except ValueError as err:
                problems.append(Problem(label, line, name, f"{name} {value!r} {err}"))
                continue
            if column.choices is not None and row[name] not in column.choices:
                problems.append(Problem(label, line, name, f"{name} {value!r} {column.unknown}"))
        if key and all(row.get(k) is not None for k in key):
            k = tuple(row[k] for k in key)
            if k in seen:
                problems.append(
                    Problem(
                        label,
                        line,
                        key[0],
                        f"{'/'.join(key)} {'/'.join(map(str, k))!r} repeats line {seen[k]}",
                    )
                )
            else:
                seen[k] = line
        rows.append(row)
    if len(rows) < min_rows and not problems:
        problems.append(Problem(label, header_line, None, f"has no rows; the map needs {min_rows}"))
    if problems:
        raise InputError(problems)
    return pd.DataFrame(rows, columns=["line", *header])
