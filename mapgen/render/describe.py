"""The map's text description and data download, generated from the join."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from mapgen.config import Settings
from mapgen.dates import long_date
from mapgen.join import Joined

CSV_COLUMNS = ["iso3", "name", "accession_date", "wave", "after_1997_baseline"]


def names_list(names: list[str]) -> str:
    """``A, B and C``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def describe(joined: Joined, settings: Settings, zone_names: list[str]) -> str:
    """A plain-language summary of what the map shows, for screen readers and captions."""
    current = joined.members_as_of()
    after = current[current["after_1997_baseline"]]
    later = joined.members[~joined.members["member_as_of"]]
    texts = settings.description
    waves = [w.year for w in joined.waves if not w.later]
    summary = texts["summary"].format(
        as_of=long_date(joined.as_of),
        count=len(current),
        wave_count=len(waves),
        first_year=waves[0] if waves else "",
        last_year=waves[-1] if waves else "",
        after_count=len(after),
        after_names=names_list(after["name"].tolist()),
        zone_names=names_list(zone_names),
    )
    if len(later):
        summary += " " + texts["later"].format(later_names=names_list(later["name"].tolist()))
    return summary


def members_csv(joined: Joined) -> str:
    """All members, whatever the as-of date: iso3,name,accession_date,wave,after_1997_baseline."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in joined.members.itertuples():
        writer.writerow(
            [
                row.iso3,
                row.name,
                row.accession_date.isoformat(),
                row.wave,
                "true" if row.after_1997_baseline else "false",
            ]
        )
    return out.getvalue()


def csv_data_url(text: str) -> str:
    """``data:text/csv;charset=utf-8,`` followed by the percent-encoded text."""
    return "data:text/csv;charset=utf-8," + quote(text, safe="")
