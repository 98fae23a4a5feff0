"""The places the map names: capitals and the story's cities, each a dot with its name beside
it, placed with the countries' names (one placement, labels.js) from the zoom its row gives.

Registered as ``places``; its table is data/places.csv (names in every language through the
language files, ``[places.<slug>]``)."""

from __future__ import annotations

from mapgen.inputs.tables import Column, Table, name_slug
from mapgen.layers.model import Labels, LayerContext, MapLayer

SPEC: dict = {}
TABLE = Table(
    "places",
    "places.csv",
    (
        Column("name"),
        Column("country", "iso3"),
        Column("kind").with_choices(("capital", "city"), "is not a kind of place (capital, city)"),
        Column("story").with_choices(("yes", "no"), "must be yes or no"),
        Column("min_zoom", "count"),
        Column("lat", "lat"),
        Column("lon", "lon"),
        Column("source"),
    ),
    key=("name",),
    translated=("name",),
    row_key=name_slug,
)


def build(context: LayerContext, spec: dict) -> list[MapLayer]:  # noqa: ARG001 (no texts)
    """Return the places' names, the story's first, then capitals, then by the zoom they need."""
    rows = context.table("places")
    labels = [
        {
            "name": row.name,
            "lat": row.lat,
            "lon": row.lon,
            "rank": int(row.min_zoom) + 1,  # a label shows from zoom rank - 1, as a country's
            "first": row.story == "yes",
            "kind": row.kind,
        }
        for row in rows.itertuples()
    ]
    labels.sort(key=lambda label: (not label["first"], label["kind"] != "capital", label["rank"]))
    layer = MapLayer("Places", [Labels(labels)], control=False)
    layer.paint_first = True
    return [layer]
