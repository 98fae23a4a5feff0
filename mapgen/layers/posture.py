"""What the 1997 demand would remove: allied forces and installations stationed since 1997 in the
states that joined NATO after 27 May 1997 (battlegroups, missile defence, air policing)."""

from __future__ import annotations

from mapgen.inputs.schema import MORE_SOURCES, URL, text
from mapgen.inputs.tables import Column, Table, name_slug
from mapgen.layers.helpers import marker_group, marker_style
from mapgen.layers.model import LayerContext, LegendEntry, MapLayer
from mapgen.locale import long_date
from mapgen.texts import fill

TABLE = Table(
    "posture",
    "posture_1997.csv",
    (
        Column("kind"),
        Column("name"),
        Column("iso3", "iso3"),
        Column("lat", "lat"),
        Column("lon", "lon"),
        Column("position"),
        Column("since", "date"),
        Column("source"),
        Column("source_url", "url"),
    ),
    key=("name",),
    translated=("kind", "name", "position", "source"),
    row_key=name_slug,
)
COLOURS = ("posture",)  # of [style]

SPEC = {
    "section": text(),
    "name": text(),
    "tooltip": text("name", "since"),
    "popup_date": text("kind", "since"),
    "popup_text": text("position"),
    "clause_source": text(),
    "clause_source_url": URL,
    "more_sources": MORE_SOURCES,
}


def _marker(row, spec: dict) -> dict:
    since = long_date(row.since)
    return {
        "lat": row.lat,
        "lon": row.lon,
        "tip": fill(spec["tooltip"], name=row.name, since=since),
        "since": row.since.isoformat(),
        "popup": {
            "title": row.name,
            "date": fill(spec["popup_date"], kind=row.kind, since=since),
            "text": fill(spec["popup_text"], position=row.position),
            "source": row.source,
            "url": row.source_url,
            "more": [[spec["clause_source"], spec["clause_source_url"]]],
        },
    }


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the sites as one marker layer, each drawn from the day it began."""
    colour = context.settings.style["posture"]
    markers = [_marker(row, spec) for row in context.table("posture").itertuples()]
    legend = LegendEntry(spec["name"], colour, pattern="dot")
    return [marker_group(spec["name"], markers, marker_style(colour), legend=legend)]
