"""The Donbas conflict: the two oblasts, the area held by Russia-backed forces 2015-2022,
occupied Crimea and the 2021 build-up."""

from __future__ import annotations

from mapgen.layers.shapes import (
    LayerContext,
    LegendEntry,
    MapLayer,
    blend,
    iso,
    marker_group,
    popup_spec,
    shape_group,
)
from mapgen.locale import month_year
from mapgen.schema import DATE, MORE_SOURCES, URL, text
from mapgen.texts import fill

SPEC = {
    "section": text(),
    "oblasts_name": text(),
    "oblasts_tooltip": text("name"),
    "held_name": text(),
    "held_tooltip": text(),
    "held_popup_title": text("area", "town_count"),
    "held_popup_text": text("area", "town_count"),
    "held_source": text(),
    "held_source_url": URL,
    "held_more_sources": MORE_SOURCES,
    "held_since": DATE,
    "held_until": DATE,
    "crimea_since": DATE,
    "buildup_until": DATE,
    "crimea_name": text(),
    "crimea_tooltip": text("name"),
    "crimea_popup_title": text(),
    "crimea_popup_text": text(),
    "crimea_source": text(),
    "crimea_source_url": URL,
    "crimea_more_sources": MORE_SOURCES,
    "buildup_name": text(),
    "buildup_tooltip": text("name", "month"),
    "buildup_date": text("month", "source"),
    "buildup_popup_text": text(),
    "buildup_source": text(),
    "buildup_source_url": URL,
}

OBLASTS = ("UKR-05", "UKR-14")  # Donetsk, Luhansk
CRIMEA = ("UKR-11", "UKR-20")  # Autonomous Republic of Crimea, Sevastopol
HELD = "DONBAS-HELD"
HELD_OPACITY = 0.55


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the oblast outlines, the held area, occupied Crimea and the build-up markers."""
    style, shapes = context.settings.style, context.shapes
    names = shapes["name"]
    oblasts = shape_group(
        spec["oblasts_name"],
        [{"id": i, "tip": fill(spec["oblasts_tooltip"], name=names[i])} for i in OBLASTS],
        {
            "color": style["oblast_line"],
            "weight": 1.5,
            "dashArray": "4 3",
            "fill": True,
            "fillOpacity": 0,
        },
        legend=LegendEntry(spec["oblasts_name"], style["oblast_line"], pattern="dashed"),
    )
    held = shape_group(
        spec["held_name"],
        [
            {
                "id": HELD,
                "tip": spec["held_tooltip"],
                "since": iso(spec["held_since"]),
                "until": iso(spec["held_until"]),
            }
        ],
        {
            "color": style["held"],
            "weight": 1,
            "fillColor": style["held"],
            "fillOpacity": HELD_OPACITY,
        },
        popup=popup_spec(
            spec,
            "held_",
            area=int(shapes.at[HELD, "area_km2"]),
            town_count=int(shapes.at[HELD, "town_count"]),
        ),
        legend=LegendEntry(spec["held_name"], blend(style["held"], HELD_OPACITY, style["land"])),
    )
    crimea = shape_group(
        spec["crimea_name"],
        [
            {
                "id": i,
                "tip": fill(spec["crimea_tooltip"], name=names[i]),
                "since": iso(spec["crimea_since"]),
            }
            for i in CRIMEA
        ],
        {
            "color": style["occupied"],
            "weight": 1.2,
            "fillColor": style["occupied"],
            "fillOpacity": 1,
            "hatch": "occupied",
        },
        popup=popup_spec(spec, "crimea_"),
        legend=LegendEntry(spec["crimea_name"], style["occupied"], pattern="hatch"),
    )
    markers = [
        {
            "lat": row.lat,
            "lon": row.lon,
            "tip": fill(spec["buildup_tooltip"], name=row.name, month=month_year(row.reported)),
            # from the first day of the month of the report to the invasion
            "since": f"{row.reported}-01",
            "until": iso(spec["buildup_until"]),
            "popup": {
                "title": row.name,
                "date": fill(
                    spec["buildup_date"], month=month_year(row.reported), source=row.source
                ),
                "text": spec["buildup_popup_text"],
                "source": spec["buildup_source"],
                "url": spec["buildup_source_url"],
            },
        }
        for row in context.buildup.itertuples()
    ]
    buildup = marker_group(
        spec["buildup_name"],
        markers,
        {
            "radius": 9,
            "color": "#ffffff",
            "weight": 2,
            "fillColor": style["buildup"],
            "fillOpacity": 0.9,
            "pane": "mgMarkers",
            "bubblingMouseEvents": False,
        },
        legend=LegendEntry(spec["buildup_name"], style["buildup"], pattern="dot"),
    )
    for layer, part in (
        (oblasts, "oblasts"),
        (held, "held"),
        (crimea, "crimea"),
        (buildup, "buildup"),
    ):
        layer.part = part
    return [oblasts, held, crimea, buildup]
