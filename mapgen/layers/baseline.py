"""The 1997 baseline: members that joined after 27 May 1997, hatched over the wave fills."""

from __future__ import annotations

from mapgen.layers.shapes import LayerContext, LegendEntry, MapLayer, iso, popup_spec, shape_group
from mapgen.locale import long_date
from mapgen.schema import DATE, MORE_SOURCES, URL, text
from mapgen.texts import fill

SPEC = {
    "section": text(),
    "name": text(),
    "legend": text(),
    "tooltip": text("name", "date"),
    "popup_title": text(),
    "popup_text": text(),
    "source": text(),
    "source_url": URL,
    "more_sources": MORE_SOURCES,
    "since": DATE,  # the demand: no hatch before it
}


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the hatched overlay of the members that joined after 1997.

    Every such member is listed with the day it is drawn from (``since``): the day it joined,
    or the day of the demand (map.toml) if later; the page and the timeline draw those current.
    """
    shapes = context.joined.member_shapes
    after = shapes[shapes["after_baseline"]].sort_index()
    features = [
        {
            "id": sid,
            "tip": fill(spec["tooltip"], name=row.name, date=long_date(row.accession_date)),
            "since": max(row.accession_date.isoformat(), iso(spec["since"])),
        }
        for sid, row in zip(after.index, after.itertuples(), strict=True)
    ]
    colour = context.settings.style["baseline"]
    style = {
        "color": colour,
        "weight": 1.4,
        "fillColor": colour,
        "fillOpacity": 1,
        "hatch": "baseline",
    }
    return [
        shape_group(
            spec["name"],
            features,
            style,
            popup=popup_spec(spec),
            legend=LegendEntry(spec["legend"], colour, pattern="hatch"),
        )
    ]
