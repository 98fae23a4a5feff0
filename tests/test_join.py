"""join: members as of a date, waves, the 1997 baseline."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from mapgen.errors import InputError
from mapgen.join import join
from tests.conftest import DEMANDS, TODAY


def test_as_of_the_demands(joined_2021):
    current = joined_2021.members_as_of()
    assert len(current) == 30
    assert int(current["after_1997_baseline"].sum()) == 14
    assert [w.year for w in joined_2021.waves if not w.later] == [
        1949,
        1952,
        1955,
        1982,
        1990,
        1999,
        2004,
        2009,
        2017,
        2020,
    ]
    assert [w.year for w in joined_2021.waves if w.later] == [2023, 2024]


def test_as_of_today(sources):
    joined = join(sources, TODAY)
    current = joined.members_as_of()
    assert len(current) == 32
    assert int(current["after_1997_baseline"].sum()) == 16
    assert not any(w.later for w in joined.waves)


def test_the_former_gdr_is_the_1990_wave(joined_2021):
    shapes = joined_2021.member_shapes
    assert shapes.loc["DEU-GDR", "wave"] == 1990
    assert shapes.loc["DEU", "wave"] == 1955
    assert shapes[shapes["wave"] == 1990].index.tolist() == ["DEU-GDR"]


def test_dependencies_follow_their_member(joined_2021):
    shapes = joined_2021.member_shapes
    assert shapes.loc["GRL", "iso3"] == "DNK" and shapes.loc["GRL", "wave"] == 1949
    assert shapes.loc["ALD", "iso3"] == "FIN" and shapes.loc["ALD", "wave"] == 2023


def test_every_wave_has_its_countries(joined_2021):
    shapes = joined_2021.member_shapes
    by_wave = {w: set(shapes[shapes["wave"] == w]["iso3"]) for w in shapes["wave"].unique()}
    assert by_wave[1999] == {"CZE", "HUN", "POL"}
    assert by_wave[2004] == {"BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"}
    assert by_wave[1949] >= {"USA", "CAN", "FRA", "NOR", "GBR"}


def test_a_member_without_shape_fails(sources):
    broken = dataclasses.replace(sources, shapes=sources.shapes.drop(index="EST"))
    with pytest.raises(InputError, match=r"no shape for member EST \(EST\)"):
        join(broken, DEMANDS)


def test_members_table_is_all_members_whatever_the_date(sources):
    early = join(sources, date(1950, 1, 1))
    assert len(early.members) == 32
    assert len(early.members_as_of()) == 12
    assert early.members["after_1997_baseline"].sum() == 16
