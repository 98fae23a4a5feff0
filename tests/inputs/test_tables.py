"""tables.read_table: every problem located by file, line and column."""

from __future__ import annotations

import pandas as pd
import pytest

from mapgen.errors import InputError
from mapgen.inputs.tables import Column, read_table

COLUMNS = [
    Column("iso3", "iso3"),
    Column("name"),
    Column("accession_date", "date"),
    Column("lat", "lat", required=False),
]


def write(tmp_path, text: str | bytes, name="t.csv"):
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def problems(path, key=("iso3",)):
    with pytest.raises(InputError) as err:
        read_table(path, COLUMNS, key=key, label="t.csv")
    return [str(p) for p in err.value.problems]


def test_reads_types_and_lines(tmp_path):
    path = write(
        tmp_path,
        "# comment\niso3,name,accession_date,lat\n"
        "POL,Poland,1999-03-12,52.1\nEST,Estonia,2004-03-29,\n",
    )
    table = read_table(path, COLUMNS, key=("iso3",))
    assert table["line"].tolist() == [3, 4]
    assert str(table.loc[0, "accession_date"]) == "1999-03-12"
    assert table.loc[0, "lat"] == 52.1
    assert pd.isna(table.loc[1, "lat"])


def test_bom_is_accepted(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbfiso3,name,accession_date,lat\nPOL,Poland,1999-03-12,1\n")
    assert read_table(path, COLUMNS)["iso3"].tolist() == ["POL"]


def test_trailing_empty_rows_are_ignored(tmp_path):
    path = write(tmp_path, "iso3,name,accession_date,lat\nPOL,Poland,1999-03-12,1\n,,,\n\n")
    assert len(read_table(path, COLUMNS)) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "iso3,name,accession_date,lat\nPOL,Poland,1999-13-45,1\n",
            ["t.csv:2: accession_date '1999-13-45' is not a valid YYYY-MM-DD date"],
        ),
        (
            "iso3,name,accession_date,lat\nPOL,Poland,12/03/1999,1\n",
            ["t.csv:2: accession_date '12/03/1999' is not a valid YYYY-MM-DD date"],
        ),
        (
            "iso3,name,accession_date,lat\nPOL,Poland,1999-03-12,95\n",
            ["t.csv:2: lat '95' is outside [-90, 90] (latitude)"],
        ),
        (
            "iso3,name,accession_date,lat\npol,Poland,1999-03-12,1\n",
            ["t.csv:2: iso3 'pol' is not a three-letter upper-case ISO 3166-1 alpha-3 code"],
        ),
        ("iso3,name,accession_date,lat\nPOL,,1999-03-12,1\n", ["t.csv:2: name is empty"]),
        (
            "iso3,name,accession_date,lat\nPOL,Poland,1999-03-12,1\nPOL,Polska,1999-03-12,1\n",
            ["t.csv:3: iso3 'POL' repeats line 2"],
        ),
        (
            "iso3,name,lat\nPOL,Poland,1\n",
            ["t.csv:1: missing column(s) accession_date; expected iso3,name,accession_date,lat"],
        ),
        (
            "iso3,name,accession_date,lat\nPOL,Poland, Republic of,1999-03-12,1\n",
            [
                "t.csv:2: has 5 fields, the header has 4 "
                "(a comma inside a value needs double quotes)"
            ],
        ),
        (
            "iso3,name,accession_date,lat\nPOL,Poland,1999-03-12,1\n\nEST,Estonia,2004-03-29,1\n",
            ["t.csv:3: blank line inside the table"],
        ),
        (
            'iso3,name,accession_date,lat\nPOL,"Poland,1999-03-12,1\n',
            ["t.csv:2: broken quoting (unexpected end of data)"],
        ),
        ("", ["t.csv:1: is empty: expected a header row"]),
    ],
)
def test_bad_input_messages(tmp_path, text, expected):
    assert problems(write(tmp_path, text)) == expected


def test_every_problem_in_one_run_with_lines(tmp_path):
    path = write(
        tmp_path,
        "iso3,name,accession_date,lat\nPOL,Poland,1999-02-30,1\n"
        '"EST","Estonia",2004-03-29,1\nLVA,Latvia,2004-03-29,x\n',
    )
    assert problems(path) == [
        "t.csv:2: accession_date '1999-02-30' is not a valid YYYY-MM-DD date",
        "t.csv:4: lat 'x' is not a number written with the digits 0-9 (latitude)",
    ]


def test_multiline_quoted_value_keeps_line_numbers(tmp_path):
    path = write(
        tmp_path,
        'iso3,name,accession_date,lat\nPOL,"Pol\nand",1999-03-12,1\nEST,Estonia,2004-13-29,1\n',
    )
    assert problems(path) == ["t.csv:4: accession_date '2004-13-29' is not a valid YYYY-MM-DD date"]


def test_not_utf8_is_named(tmp_path):
    path = write(
        tmp_path, "iso3,name,accession_date,lat\nTUR,T\u00fcrkiye,1952-02-18,1\n".encode("latin-1")
    )
    assert problems(path) == ["t.csv:2: is not UTF-8 (byte 0xfc); save the file as CSV UTF-8"]
