"""Dates, numbers, lists and plural forms in the language of the build (Babel, CLDR)."""

from __future__ import annotations

from datetime import date

import pytest

from mapgen import locale
from mapgen.texts import Plural, fill


@pytest.mark.parametrize(
    ("lang", "day", "count", "expected"),
    [
        ("en", date(2021, 12, 17), 30, "17 December 2021: 30"),
        ("de", date(2021, 12, 17), 30, "17. Dezember 2021: 30"),
        ("uk", date(2021, 12, 17), 30, "17 грудня 2021\u202fр.: 30"),
        ("ru", date(2021, 12, 17), 30, "17 декабря 2021\u202fг.: 30"),
        ("pl", date(1997, 5, 27), 16, "27 maja 1997: 16"),
    ],
)
def test_dates_in_the_language(lang, day, count, expected):
    with locale.using(lang):
        assert fill("{date}: {count}", date=locale.long_date(day), count=count) == expected


def test_plural_forms_follow_the_count():
    forms = {"one": "{count} член", "few": "{count} члена", "many": "{count} членов",
             "other": "{count} члена"}  # fmt: skip
    with locale.using("ru"):
        texts = [fill(Plural(forms, "count"), count=n) for n in (21, 22, 30, 32)]
    assert texts == ["21 член", "22 члена", "30 членов", "32 члена"]


def test_numbers_and_lists_in_the_language():
    with locale.using("de"):
        assert fill("{area:,} km²", area=16993) == "16.993 km²"
        assert fill("{year}", year=1949) == "1949"  # a year is not grouped
        assert locale.names_list(["A", "B", "C"]) == "A, B und C"
    with locale.using("fr"):
        assert fill("{area:,}", area=16993) == "16\u202f993"
    assert locale.names_list(["A", "B", "C"]) == "A, B and C"  # English outside a build
    assert locale.direction("ar") == "rtl" and locale.direction("uk") == "ltr"
