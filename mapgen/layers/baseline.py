"""The 1997 baseline: members that joined after 27 May 1997, hatched over the wave fills."""

from __future__ import annotations

from mapgen.inputs.schema import DATE, MORE_SOURCES, URL, text
from mapgen.layers.helpers import popup_spec, shape_group
from mapgen.layers.model import LayerContext, LegendEntry, MapLayer
from mapgen.locale import long_date
from mapgen.texts import fill

COLOURS = ("baseline",)  # of [style]
HATCHES = ("baseline",)  # of [style.hatches]
STYLE = {"weight": 1.4, "fillOpacity": 1}

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
            "since": max(row.accession_date.isoformat(), spec["since"]),
        }
        for sid, row in zip(after.index, after.itertuples(), strict=True)
    ]
    colour = context.settings.style["baseline"]
    style = {
        "color": colour,
        "weight": STYLE["weight"],
        "fillColor": colour,
        "fillOpacity": STYLE["fillOpacity"],
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
