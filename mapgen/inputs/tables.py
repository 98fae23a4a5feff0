"""Read an editor's CSV file strictly: every problem located by file, line and column.

A table is declared once (:class:`Table`: its file, columns, key and the columns a language
file translates), by the layer that reads it (``TABLE`` in its module of :mod:`mapgen.layers`)
or, for the tables every map needs, in :mod:`mapgen.inputs.core`.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mapgen.errors import InputError, Problem, decode_utf8, display_path, read_input
from mapgen.inputs import kinds

PARSERS: dict[str, Callable[[str], object]] = {
    "date": kinds.parse_date,
    "lat": kinds.parse_number(-90, 90, "latitude"),
    "lon": kinds.parse_number(-180, 180, "longitude"),
    "iso3": kinds.ISO3.parse,
    "count": kinds.parse_count,
    "month": kinds.MONTH.parse,
    "url": kinds.URL.parse,
    "text": kinds.parse_text,
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


def with_choices(columns, name: str, choices, unknown: str) -> list[Column]:
    """``columns`` with the values of column ``name`` held to ``choices``."""
    return [c.with_choices(choices, unknown) if c.name == name else c for c in columns]


def name_slug(row) -> str:
    """A row named by its ``name``: ``Ādaži`` → ``adazi``, up to its first colon or comma."""
    value = re.split(r"[:,]", row.name)[0]
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40]


@dataclass(frozen=True)
class Table:
    """A CSV table of data/, as the code that reads it declares it.

    Parameters
    ----------
    name : str
        What it is called in the code: ``context.table("posture")``.
    file : str
        Its file in data/.
    columns : tuple of Column
    key : tuple of str, optional
        Columns whose values together must be unique.
    translated : tuple of str
        The columns the reader sees, which a language file of data/i18n translates.
    row_key : callable, optional
        How a language file names a row (``[posture_1997.<row key>]``); needed with
        ``translated``.
    choices : callable, optional
        The values columns may take, from the layer's table in map.toml:
        ``choices(spec) -> {column: (values, what else is)}``.
    after : callable, optional
        Checks of the whole table once read, ``after(frame, label) -> frame`` (the limit on
        events, their order); raises InputError.
    min_rows : int, default 0
    """

    name: str
    file: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] | None = None
    translated: tuple[str, ...] = ()
    row_key: Callable | None = None
    choices: Callable[[dict], dict] | None = None
    after: Callable | None = None
    min_rows: int = 0

    @property
    def stem(self) -> str:
        """How a language file names the table: its file's name without ``.csv``."""
        return Path(self.file).stem

    def read(self, path: Path, spec: dict | None = None) -> pd.DataFrame:
        """The table at ``path``, checked; ``spec`` is the layer's table in map.toml."""
        columns = list(self.columns)
        for name, (values, unknown) in (self.choices(spec) if self.choices else {}).items():
            columns = with_choices(columns, name, values, unknown)
        frame = read_table(path, columns, key=self.key, min_rows=self.min_rows)
        return self.after(frame, display_path(path)) if self.after else frame


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


def _records(text: str, label: str) -> Iterable[tuple[int, list[str]]]:
    """(first line number, fields) of each record, skipping leading '#' comment lines.

    Lines end at LF (or CRLF) only, as the csv module reads them: a U+2028 or a lone CR
    inside a comment or a quoted value does not start a line.
    """
    if "\r" in text and "\n" not in text:
        message = _csv_problem(csv.Error("new-line character seen in unquoted field"))
        raise InputError([Problem(label, 1, None, message)])
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
            line = skipped + reader.line_num
            raise InputError([Problem(label, line, None, _csv_problem(err))]) from None
        yield start, fields
        start = skipped + reader.line_num + 1


def _header(records: list, columns: list[Column], label: str) -> tuple[int, list[str]]:
    """The header's line and names; InputError if it lacks a column or repeats one."""
    if not records:
        raise InputError([Problem(label, 1, None, "is empty: expected a header row")])
    line, header = records[0]
    header = [h.strip() for h in header]
    missing = [c.name for c in columns if c.name not in header]
    if missing:
        expected = ",".join(c.name for c in columns)
        message = f"missing column(s) {', '.join(missing)}; expected {expected}"
        raise InputError([Problem(label, line, None, message)])
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        message = f"column(s) {', '.join(duplicated)} appear more than once"
        raise InputError([Problem(label, line, None, message)])
    return line, header


def _cell(name: str, value: str, column: Column | None) -> tuple[object, str | None]:
    """A cell's value and what is wrong with it (or None)."""
    value = value.strip()
    if column is None:
        return value, None
    if value == "":
        return None, f"{name} is empty" if column.required else None
    try:
        parsed = PARSERS[column.kind](value)
    except ValueError as err:
        return None, f"{name} {value!r} {err}"
    if column.choices is not None and parsed not in column.choices:
        return parsed, f"{name} {value!r} {column.unknown}"
    return parsed, None


def _row(line: int, fields: list[str], header: list[str], by_name: dict, label: str):
    """A record as a row dict, and its problems (the row is None if it has none to keep)."""
    if not any(f.strip() for f in fields):
        return None, [Problem(label, line, None, "blank line inside the table")]
    if len(fields) != len(header):
        message = (
            f"has {len(fields)} fields, the header has {len(header)} "
            "(a comma inside a value needs double quotes)"
        )
        return None, [Problem(label, line, None, message)]
    row: dict[str, object] = {"line": line}
    problems = []
    for name, value in zip(header, fields, strict=True):
        row[name], problem = _cell(name, value, by_name.get(name))
        if problem:
            problems.append(Problem(label, line, name, problem))
    return row, problems


def _key_problems(rows: list[dict], key: tuple[str, ...] | None, label: str) -> list[Problem]:
    """A row whose key repeats an earlier row's."""
    problems, seen = [], {}
    for row in rows if key else ():
        if any(row.get(k) is None for k in key):
            continue
        values = tuple(row[k] for k in key)
        if values in seen:
            message = f"{'/'.join(key)} {'/'.join(map(str, values))!r} repeats line {seen[values]}"
            problems.append(Problem(label, row["line"], key[0], message))
        else:
            seen[values] = row["line"]
    return problems


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
    min_rows : int, default 0
        The fewest rows the table may have.

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
    text = decode_utf8(read_input(path, label), label, "CSV UTF-8")
    records = list(_records(text, label))
    header_line, header = _header(records, columns, label)
    by_name = {c.name: c for c in columns}
    body = records[1:]
    while body and not any(f.strip() for f in body[-1][1]):
        body.pop()  # trailing blank lines and empty spreadsheet rows are harmless
    rows, problems = [], []
    for line, fields in body:
        row, found = _row(line, fields, header, by_name, label)
        problems += found
        if row is not None:
            rows.append(row)
    problems += _key_problems(rows, key, label)
    if len(rows) < min_rows and not problems:
        problems.append(Problem(label, header_line, None, f"has no rows; the map needs {min_rows}"))
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line))
    return pd.DataFrame(rows, columns=["line", *header])
