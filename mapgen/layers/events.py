"""Dated events from data/events.csv: one overlay per category, each event drawn from its date
(the timeline, ``--as-of`` and the chapters show those that had happened by then)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mapgen.errors import InputError, Problem
from mapgen.inputs.schema import TEXTS, Key, text
from mapgen.inputs.tables import Column, Table
from mapgen.layers.helpers import marker_group, marker_style, slug
from mapgen.layers.model import LayerContext, LegendEntry, MapLayer
from mapgen.locale import long_date
from mapgen.texts import fill, pieces

COLUMNS = (
    Column("date", "date"),
    Column("title"),
    Column("description"),
    Column("lat", "lat"),
    Column("lon", "lon"),
    Column("place"),
    Column("category"),
    Column("source"),
    Column("source_url", "url"),
)

# The most events a page holds. Measured (bench/bench.py, events scaling): at 25,000 the page is
# within 4 times the gzipped size, load time and memory of the map with the story's events (2.8,
# 2.1 and 1.3 times, for events with a note each 3.3, 2.4, 1.9); at 100,000 it is 6 to 9 times
# as large and slow. More events than a reader can tell apart belong aggregated (by week and
# area), not as dots.
MAX_EVENTS = 25_000


def _categories(spec: dict) -> dict:
    """Every category must have a layer in map.toml."""
    categories = spec["categories"]
    unknown = f"is not one of the categories in map.toml ({', '.join(categories)})"
    return {"category": (categories, unknown)}


def _at_most(events: pd.DataFrame, label: str) -> pd.DataFrame:
    """At most :data:`MAX_EVENTS` rows, in date order."""
    if len(events) > MAX_EVENTS:
        line = int(events["line"].iloc[MAX_EVENTS])
        message = (
            f"row {MAX_EVENTS + 1:,} of {len(events):,}: a page holds at most "
            f"{MAX_EVENTS:,} events (past that it grows to over 4 times the size, "
            "load time or memory of the map with the story's events); aggregate them "
            "first, e.g. by week and area"
        )
        raise InputError([Problem(label, line, None, message)])
    return events.sort_values(["date", "title"], kind="stable").reset_index(drop=True)


TABLE = Table(
    "events",
    "events.csv",
    COLUMNS,
    key=("date", "title"),
    translated=("title", "description", "source"),
    row_key=lambda r: r.date.isoformat(),
    choices=_categories,
    after=_at_most,
)


def load_events(path: Path, categories: list[str]) -> pd.DataFrame:
    """Read an events table; every category must be one of ``categories`` (map.toml's); at
    most :data:`MAX_EVENTS` rows."""
    return TABLE.read(path, {"categories": categories})


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
    events = context.table("events")
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
