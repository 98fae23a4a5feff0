"""The Donbas conflict: the two oblasts, the area held by Russia-backed forces 2015-2022,
occupied Crimea and the 2021 build-up."""

from __future__ import annotations

from mapgen.inputs.schema import DATE, MORE_SOURCES, URL, text
from mapgen.inputs.tables import Column, Table, name_slug
from mapgen.layers.helpers import (
    blend,
    marker_group,
    marker_style,
    popup_spec,
    region_label,
    shape_group,
)
from mapgen.layers.model import Labels, LayerContext, LegendEntry, MapLayer
from mapgen.locale import month_year
from mapgen.texts import fill

SPEC = {
    "section": text(),
    "oblasts_name": text(),
    "oblasts_tooltip": text("name"),
    "oblasts_label": text("name"),  # each oblast's name inside its outline
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
SHAPES = {"ukraine_admin1.fgb": OBLASTS + CRIMEA, "donbas_held.fgb": (HELD,)}
TABLE = Table(
    "buildup",
    "buildup_2021.csv",
    (
        Column("name"),
        Column("lat", "lat"),
        Column("lon", "lon"),
        Column("reported", "month"),
        Column("source"),
    ),
    key=("name",),
    translated=("name", "source"),
    row_key=name_slug,
)
COLOURS = ("oblast_line", "held", "occupied", "buildup")  # of [style]
HATCHES = ("occupied",)  # of [style.hatches]
STYLE = {
    "oblasts": {"weight": 1.5, "dashArray": "4 3", "fill": True, "fillOpacity": 0},
    "held": {"weight": 1, "fillOpacity": 0.55},
    "crimea": {"weight": 1.2, "fillOpacity": 1},
    "buildup": {"radius": 9, "weight": 2, "opacity": 0.9},  # marker_style's arguments
}


def _oblasts(context: LayerContext, spec: dict) -> MapLayer:
    """The outlines of Donetsk and Luhansk oblasts."""
    colour, shapes = context.settings.style["oblast_line"], context.shapes
    names = shapes["name"]
    layer = shape_group(
        spec["oblasts_name"],
        [{"id": i, "tip": fill(spec["oblasts_tooltip"], name=names[i])} for i in OBLASTS],
        {"color": colour, **STYLE["oblasts"]},
        legend=LegendEntry(spec["oblasts_name"], colour, pattern="dashed"),
    )
    layer.items.append(
        Labels(
            [
                region_label(shapes.geometry[i], fill(spec["oblasts_label"], name=names[i]), 5)
                for i in OBLASTS
            ]
        )
    )
    return layer


def _held(context: LayerContext, spec: dict) -> MapLayer:
    """The area held by Russia-backed forces, from the Minsk II line to the invasion."""
    style, shapes = context.settings.style, context.shapes
    opacity = STYLE["held"]["fillOpacity"]
    feature = {
        "id": HELD,
        "tip": spec["held_tooltip"],
        "since": spec["held_since"],
        "until": spec["held_until"],
    }
    return shape_group(
        spec["held_name"],
        [feature],
        {
            "color": style["held"],
            "weight": STYLE["held"]["weight"],
            "fillColor": style["held"],
            "fillOpacity": opacity,
        },
        popup=popup_spec(
            spec,
            "held_",
            area=int(shapes.at[HELD, "area_km2"]),
            town_count=int(shapes.at[HELD, "town_count"]),
        ),
        legend=LegendEntry(spec["held_name"], blend(style["held"], opacity, style["land"])),
    )


def _crimea(context: LayerContext, spec: dict) -> MapLayer:
    """Crimea and Sevastopol, hatched from their occupation."""
    colour, names = context.settings.style["occupied"], context.shapes["name"]
    features = [
        {
            "id": i,
            "tip": fill(spec["crimea_tooltip"], name=names[i]),
            "since": spec["crimea_since"],
        }
        for i in CRIMEA
    ]
    return shape_group(
        spec["crimea_name"],
        features,
        {
            "color": colour,
            "weight": STYLE["crimea"]["weight"],
            "fillColor": colour,
            "fillOpacity": STYLE["crimea"]["fillOpacity"],
            "hatch": "occupied",
        },
        popup=popup_spec(spec, "crimea_"),
        legend=LegendEntry(spec["crimea_name"], colour, pattern="hatch"),
    )


def _buildup_marker(row, spec: dict) -> dict:
    month = month_year(row.reported)
    return {
        "lat": row.lat,
        "lon": row.lon,
        "tip": fill(spec["buildup_tooltip"], name=row.name, month=month),
        # from the first day of the month of the report to the invasion
        "since": f"{row.reported}-01",
        "until": spec["buildup_until"],
        "popup": {
            "title": row.name,
            "date": fill(spec["buildup_date"], month=month, source=row.source),
            "text": spec["buildup_popup_text"],
            "source": spec["buildup_source"],
            "url": spec["buildup_source_url"],
        },
    }


def _buildup(context: LayerContext, spec: dict) -> MapLayer:
    """The troop concentrations reported in 2021, each from the month of its report."""
    colour = context.settings.style["buildup"]
    markers = [_buildup_marker(row, spec) for row in context.table("buildup").itertuples()]
    return marker_group(
        spec["buildup_name"],
        markers,
        marker_style(colour, **STYLE["buildup"]),
        legend=LegendEntry(spec["buildup_name"], colour, pattern="dot"),
    )


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the oblast outlines, the held area, occupied Crimea and the build-up markers."""
    layers = []
    for part, make in (
        ("oblasts", _oblasts),
        ("held", _held),
        ("crimea", _crimea),
        ("buildup", _buildup),
    ):
        layer = make(context, spec)
        layer.part = part
        layers.append(layer)
    return layers
