"""What the 1997 demand would remove: allied forces and installations stationed since 1997 in the
states that joined NATO after 27 May 1997 (battlegroups, missile defence, air policing)."""

from __future__ import annotations

from mapgen.dates import long_date
from mapgen.layers.shapes import LayerContext, LegendEntry, MapLayer, marker_group
from mapgen.schema import MORE_SOURCES, URL, text
from mapgen.texts import fill

SPEC = {
    "section": text(),
    "name": text(),
    "later_name": text(),
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
    """Return the sites stationed by the as-of date, and those stationed later (off)."""
    sites, as_of = context.posture, context.joined.as_of
    colour = context.settings.style["posture"]
    style = {
        "radius": 6,
        "color": "#ffffff",
        "weight": 1.5,
        "fillOpacity": 0.95,
        "pane": "mgMarkers",
    }
    now, later = sites[sites["since"] <= as_of], sites[sites["since"] > as_of]
    return [
        marker_group(
            spec["name"],
            [_marker(row, spec) for row in now.itertuples()],
            {**style, "fillColor": colour},
            legend=LegendEntry(spec["name"], colour, pattern="dot"),
        ),
        marker_group(
            spec["later_name"],
            [_marker(row, spec) for row in later.itertuples()],
            {**style, "fillColor": colour, "fillOpacity": 0.45},
            show=False,
            legend=LegendEntry(spec["later_name"], colour, pattern="dot", off=True),
        ),
    ]
