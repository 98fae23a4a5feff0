"""The map's text description and data download, generated from the join."""

from __future__ import annotations

import csv
import io
from datetime import date
from urllib.parse import quote

from mapgen import locale, story
from mapgen.inputs.settings import Settings
from mapgen.join import Joined
from mapgen.layers import MapLayer
from mapgen.locale import long_date
from mapgen.texts import fill


def descriptions(context, settings: Settings, stops: list[date]) -> dict[str, str]:
    """The description as of each stop of the timeline, by ISO date: the page swaps it as the
    reader moves the date or the story."""
    zone = settings.layers.get("treaty_zone", {}).get("iso3", [])
    names = [context.shapes.at[c, "name"] for c in zone if c in context.shapes.index]
    return {day.isoformat(): describe(context.joined.at(day), settings, names) for day in stops}


def describe(joined: Joined, settings: Settings, zone_names: list[str]) -> str:
    """A plain-language summary of what the map shows, for screen readers and captions; the
    demands of 2021 from their date on (the baseline layer's ``since``)."""
    current = joined.members_as_of()
    after = current[current["after_1997_baseline"]]
    later = joined.members[~joined.members["member_as_of"]]
    texts = settings.description
    waves = [w for w in joined.waves if not w.later]
    joining = [w for w in waves if w.members_added]
    summary = fill(
        texts["summary"],
        as_of=long_date(joined.as_of),
        count=len(current),
        founder_count=joining[0].members_added,
        first_year=joining[0].year,
        enlargement_count=len(joining) - 1,
        last_year=joining[-1].year,
    )
    areas = joined.member_shapes[joined.member_shapes.index.isin(joined.areas)]
    for wave in (w for w in waves if w.event):
        names = areas[areas["wave"] == wave.year]["name"].tolist()
        summary += " " + fill(
            texts["territory"],
            event=wave.event,
            date=long_date(wave.first_date),
            area=locale.names_list(names),
        )
    demands_from = settings.layers.get("baseline", {}).get("since")
    if story.visible_on(demands_from and str(demands_from), None, joined.as_of.isoformat()):
        summary += " " + fill(
            texts["demands"],
            after_count=len(after),
            after_names=locale.names_list(after["name"].tolist()),
            zone_names=locale.names_list(zone_names),
        )
    if len(later):
        summary += " " + fill(texts["later"], later_names=locale.names_list(later["name"].tolist()))
    return summary


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will not run: one that starts like a formula gets a leading ``'``
    (OWASP's advice against CSV injection)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def members_csv(joined: Joined, columns: list[str]) -> str:
    """All members, whatever the as-of date: their code, name, accession date, wave and
    whether they joined after 27 May 1997, under the headers ``columns`` (map.toml's
    ``[ui] csv_columns``, in the language of the build).

    RFC 4180 CSV (CRLF line ends, so a CR or LF inside a value is quoted), each cell
    neutralised against spreadsheet formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(neutralise(column) for column in columns)
    for row in joined.members.itertuples():
        writer.writerow(
            neutralise(str(cell))
            for cell in (
                row.iso3,
                row.name,
                row.accession_date.isoformat(),
                row.wave,
                "true" if row.after_1997_baseline else "false",
            )
        )
    return out.getvalue()


def csv_data_url(text: str) -> str:
    """``data:text/csv;charset=utf-8,`` followed by the percent-encoded text, its commas as
    they are (a URL's path may hold them; 50 B gzipped less)."""
    return "data:text/csv;charset=utf-8," + quote(text, safe=",")


def members_caption(joined: Joined, texts: dict) -> str:
    """The members table's caption: how many, and how many joined after the map's date."""
    count = len(joined.members)
    later = int((~joined.members["member_as_of"]).sum())
    if not later:
        return fill(texts["members_caption"], count=count)
    return fill(
        texts["members_caption_later"],
        count=count,
        later_count=later,
        as_of=long_date(joined.as_of),
    )


def members_rows(joined: Joined) -> list[dict]:
    """The rows of the page's members table, oldest first."""
    return [
        {
            "name": r.name,
            "date": r.accession_date.isoformat(),
            "date_label": long_date(r.accession_date),
            "wave": r.wave,
            "after_baseline": bool(r.after_1997_baseline),
        }
        for r in joined.members.itertuples()
    ]


def layer_label(settings: Settings, key: str, layers: list[MapLayer]) -> str:
    """How the page names a layer module: the name of its layer where it draws one, its
    section where it draws several, each a part of it (one layer per wave, per sea)."""
    own = [layer for layer in layers if story.matches(layer.id, [key])]
    if len(own) == 1 and not own[0].part:
        return own[0].name
    return settings.layers.get(key, {}).get("section", key)


def _since(row) -> dict:
    """What became of an article since 2021: the sentence, and the date (in the language's
    format) and source of the latest fact it names, where it names one."""
    dated = isinstance(row.since_date, date)
    return {
        "since": row.since,
        "since_date": row.since_date.isoformat() if dated else "",
        "since_date_label": long_date(row.since_date) if dated else "",
        "since_source": row.since_source if dated else "",
        "since_url": row.since_url if dated else "",
    }


def article_rows(articles, settings: Settings, layers: list[MapLayer]) -> list[dict]:
    """The rows of the index of the drafts' articles: what each asks and where the map shows it
    (among the map's ``layers``)."""
    texts = settings.articles
    rows = []
    for row in articles.itertuples():
        shown = "; ".join(layer_label(settings, key, layers) for key in row.layers)
        why = row.not_mapped if isinstance(row.not_mapped, str) else ""
        if shown and why:
            where = fill(texts["partly"], layers=shown, why=why)
        elif shown:
            where = fill(texts["on_map"], layers=shown)
        else:
            where = fill(texts["not_mapped"], why=why)
        rows.append(
            {
                "document": texts[row.document],
                "article": row.article,
                "summary": row.summary,
                "where": where,
                "url": row.source_url,
                **_since(row),
            }
        )
    return rows
