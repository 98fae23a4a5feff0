"""Dated events from data/events.csv: one overlay per category, each event drawn from its date
(the timeline, ``--as-of`` and the chapters show those that had happened by then)."""

from __future__ import annotations

from mapgen.layers.shapes import (
    LayerContext,
    LegendEntry,
    MapLayer,
    marker_group,
    marker_style,
    slug,
)
from mapgen.locale import long_date
from mapgen.schema import TEXTS, Key, text
from mapgen.texts import fill, pieces

SPEC = {
    "section": text(),
    "name": text("category"),
    "tooltip": text("date", "title"),
    # the categories events.csv names (and the layers' ids), and as the reader sees them
    "categories": Key("texts"),
    "category_names": TEXTS,
    "colours": Key("colours"),
}


def _marker(row, tooltip: str) -> dict:
    return {
        "lat": row.lat,
        "lon": row.lon,
        "tip": fill(tooltip, date=long_date(row.date), title=row.title),
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
    categories = zip(spec["categories"], spec["category_names"], spec["colours"], strict=True)
    for category, label, colour in categories:
        rows = events[events["category"] == category]
        name = fill(spec["name"], category=label)
        layer = marker_group(
            name,
            [_marker(r, spec["tooltip"]) for r in rows.itertuples()],
            marker_style(colour, radius=7),
            legend=LegendEntry(name, colour, pattern="dot"),
            # the tip ("date: title") is put together on the page, not stored again
            tip_from=pieces(spec["tooltip"], {"date": "popup.date", "title": "popup.title"}),
        )
        layer.part = slug(category)
        layers.append(layer)
    return layers
