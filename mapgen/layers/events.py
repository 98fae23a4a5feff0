"""Dated events from data/events.csv: one overlay per category, each event drawn from its date
(the timeline, ``--as-of`` and the chapters show those that had happened by then)."""

from __future__ import annotations

from mapgen.dates import long_date
from mapgen.layers.shapes import (
    LayerContext,
    LegendEntry,
    MapLayer,
    marker_group,
    marker_style,
    slug,
)
from mapgen.schema import Key, text
from mapgen.texts import fill

SPEC = {
    "section": text(),
    "name": text("category"),
    "categories": Key("texts"),
    "colours": Key("colours"),
}


def _marker(row) -> dict:
    return {
        "lat": row.lat,
        "lon": row.lon,
        "tip": f"{long_date(row.date)}: {row.title}",
        "since": row.date.isoformat(),
        "popup": {
            "title": row.title,
            "date": long_date(row.date),
            "text": row.description,
            "source": row.source,
            "url": row.source_url,
        },
    }


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return one marker overlay per category; each event is drawn from its date on."""
    events = context.events
    layers = []
    for category, colour in zip(spec["categories"], spec["colours"], strict=True):
        rows = events[events["category"] == category]
        name = fill(spec["name"], category=category)
        layer = marker_group(
            name,
            [_marker(r) for r in rows.itertuples()],
            marker_style(colour, radius=7),
            legend=LegendEntry(name, colour, pattern="dot"),
            tip_from=("popup.date", "popup.title"),  # the tip, "date: title", not stored again
        )
        layer.part = slug(category)
        layers.append(layer)
    return layers
