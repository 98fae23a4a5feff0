"""Dated events from data/events.csv: one overlay per category, later events in "since then"."""

from __future__ import annotations

from mapgen.dates import long_date
from mapgen.layers.shapes import LayerContext, LegendEntry, MapLayer, marker_group
from mapgen.schema import COLOUR, Key, text
from mapgen.texts import fill

SPEC = {
    "section": text(),
    "name": text("category"),
    "later_name": text(),
    "categories": Key("texts"),
    "colours": Key("colours"),
    "later_colour": COLOUR,
}


def _marker(row) -> dict:
    return {
        "lat": row.lat,
        "lon": row.lon,
        "tip": f"{long_date(row.date)}: {row.title}",
        "popup": {
            "title": row.title,
            "date": long_date(row.date),
            "text": row.description,
            "source": row.source,
            "url": row.source_url,
        },
    }


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return one marker overlay per category up to the as-of date, and one for the rest (off)."""
    events, as_of = context.events, context.joined.as_of
    style = {
        "radius": 7,
        "color": "#ffffff",
        "weight": 1.5,
        "fillOpacity": 0.95,
        "pane": "mgMarkers",
    }
    layers = []
    for category, colour in zip(spec["categories"], spec["colours"], strict=True):
        rows = events[(events["category"] == category) & (events["date"] <= as_of)]
        name = fill(spec["name"], category=category)
        layers.append(
            marker_group(
                name,
                [_marker(r) for r in rows.itertuples()],
                {**style, "fillColor": colour},
                legend=LegendEntry(name, colour, pattern="dot"),
            )
        )
    later = events[events["date"] > as_of]
    layers.append(
        marker_group(
            spec["later_name"],
            [_marker(r) for r in later.itertuples()],
            {**style, "fillColor": spec["later_colour"]},
            show=False,
            legend=LegendEntry(spec["later_name"], spec["later_colour"], pattern="dot", off=True),
        )
    )
    return layers
