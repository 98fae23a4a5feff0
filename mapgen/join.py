"""Stage 2, join: give each member shape its accession date, wave and 1997-baseline status."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd

from mapgen.errors import InputError, Problem
from mapgen.inputs import Sources


@dataclass(frozen=True)
class Wave:
    """One accession wave: the members (or parts of members) that joined in one year."""

    year: int
    first_date: date
    later: bool  # joined after the map's as-of date
    members_added: int = 0  # states that became members; 0 for territory only (1990)
    event: str = ""  # what brought in a territory-only wave ("German reunification")

    @property
    def key(self) -> str:
        return str(self.year)


@dataclass
class Joined:
    """The result of the join.

    Parameters
    ----------
    member_shapes : geopandas.GeoDataFrame
        One row per shape drawn for a member: ``shape_id`` index, ``iso3``, ``name``,
        ``accession_date``, ``wave``, ``after_baseline``, ``member_as_of``, ``geometry``.
    members : pandas.DataFrame
        One row per member state: ``iso3``, ``name``, ``accession_date``, ``wave``,
        ``after_1997_baseline``, ``member_as_of``, ``source``.
    waves : list of Wave
        Oldest first.
    as_of, baseline_date : date
    areas : list of str
        The shapes of parts of members that joined on a date of their own (``DEU-GDR``).
    """

    member_shapes: gpd.GeoDataFrame
    members: pd.DataFrame
    waves: list[Wave]
    as_of: date
    baseline_date: date
    areas: list[str] = field(default_factory=list)

    def members_as_of(self) -> pd.DataFrame:
        return self.members[self.members["member_as_of"]]

    def at(self, day: date) -> Joined:
        """The same join as of another day (for the timeline's stops)."""
        members = self.members.assign(member_as_of=self.members["accession_date"] <= day)
        shapes = self.member_shapes.assign(member_as_of=self.member_shapes["accession_date"] <= day)
        waves = [dataclasses.replace(w, later=w.first_date > day) for w in self.waves]
        return dataclasses.replace(
            self, member_shapes=shapes, members=members, waves=waves, as_of=day
        )


def _member_shape_rows(sources: Sources) -> list[dict]:
    shapes = sources.shapes
    own_date = dict(zip(sources.areas["shape_id"], sources.areas["accession_date"], strict=True))
    area_names = dict(zip(sources.areas["shape_id"], sources.areas["name"], strict=True))
    rows = []
    for member in sources.members.itertuples():
        parts = shapes.index[(shapes["part_of"] == member.iso3) & (shapes["kind"] == "country")]
        for shape_id in [member.iso3, *sorted(parts)]:
            rows.append(
                {
                    "shape_id": shape_id,
                    "iso3": member.iso3,
                    "name": area_names.get(shape_id)
                    or (
                        member.name
                        if shape_id == member.iso3
                        else f"{shapes.at[shape_id, 'name']} ({member.name})"
                    ),
                    "accession_date": own_date.get(shape_id, member.accession_date),
                }
            )
    return rows


def join(sources: Sources, as_of: date) -> Joined:
    """Join members to shapes as of a date.

    Parameters
    ----------
    sources : Sources
        The loaded inputs.
    as_of : date
        Members that joined after this date are drawn as "later".

    Raises
    ------
    InputError
        If a member (or one of its parts) has no shape.
    """
    baseline = sources.settings.baseline_date
    rows = _member_shape_rows(sources)
    missing = [
        Problem("data/geo", None, None, f"no shape for member {r['iso3']} ({r['shape_id']})")
        for r in rows
        if r["shape_id"] not in sources.shapes.index
    ]
    if missing:
        raise InputError(missing)
    table = pd.DataFrame(rows).set_index("shape_id")
    table["wave"] = [d.year for d in table["accession_date"]]
    table["after_baseline"] = [d > baseline for d in table["accession_date"]]
    table["member_as_of"] = [d <= as_of for d in table["accession_date"]]
    member_shapes = gpd.GeoDataFrame(
        table, geometry=sources.shapes.geometry.loc[table.index].values, crs=4326
    )

    members = sources.members[["iso3", "name", "accession_date", "source"]].copy()
    members["wave"] = [d.year for d in members["accession_date"]]
    members["after_1997_baseline"] = [d > baseline for d in members["accession_date"]]
    members["member_as_of"] = [d <= as_of for d in members["accession_date"]]
    members = members.sort_values(["accession_date", "name"], kind="stable").reset_index(drop=True)

    firsts = table.groupby("wave")["accession_date"].min().sort_index()
    added = members.groupby("wave").size()
    events = {
        d.year: e
        for d, e in zip(sources.areas["accession_date"], sources.areas["event"], strict=True)
    }
    waves = [
        Wave(int(y), d, d > as_of, int(added.get(y, 0)), "" if added.get(y, 0) else events[y])
        for y, d in firsts.items()
    ]
    return Joined(member_shapes, members, waves, as_of, baseline, list(sources.areas["shape_id"]))
