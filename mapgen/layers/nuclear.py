"""Nuclear weapons outside national territory (Article 7 of the draft treaty): the air bases
where US B61 bombs are reported to be stored, labelled as reported, not officially confirmed."""

from __future__ import annotations

from mapgen.inputs.schema import URL, text
from mapgen.inputs.tables import Column, Table, name_slug
from mapgen.layers.helpers import marker_group, marker_style
from mapgen.layers.model import LayerContext, LegendEntry, MapLayer
from mapgen.texts import fill

TABLE = Table(
    "nuclear",
    "nuclear_sites_reported.csv",
    (
        Column("name"),
        Column("iso3", "iso3"),
        Column("lat", "lat"),
        Column("lon", "lon"),
        Column("source"),
        Column("source_url", "url"),
    ),
    key=("name",),
    translated=("name", "source"),
    row_key=name_slug,
)
COLOURS = ("nuclear",)  # of [style]

SPEC = {
    "section": text(),
    "name": text(),
    "tooltip": text("name"),
    "popup_date": text(),
    "popup_text": text(),
    "clause_source": text(),
    "clause_source_url": URL,
}


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the reported storage sites as one marker layer."""
    colour = context.settings.style["nuclear"]
    markers = [
        {
            "lat": row.lat,
            "lon": row.lon,
            "tip": fill(spec["tooltip"], name=row.name),
            "popup": {
                "title": row.name,
                "date": spec["popup_date"],
                "text": spec["popup_text"],
                "source": row.source,
                "url": row.source_url,
                "more": [[spec["clause_source"], spec["clause_source_url"]]],
            },
        }
        for row in context.table("nuclear").itertuples()
    ]
    legend = LegendEntry(spec["name"], colour, pattern="dot")
    return [marker_group(spec["name"], markers, marker_style(colour), legend=legend)]
