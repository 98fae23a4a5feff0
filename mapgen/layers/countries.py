"""The neutral base map: every country, not in the layer control, with readable names.

Registered as ``base`` (the name map.toml's ``[layers.base]`` and the chapters use)."""

from __future__ import annotations

from mapgen.inputs.schema import Key, text
from mapgen.layers.helpers import shape_group
from mapgen.layers.model import Labels, LayerContext, MapLayer
from mapgen.texts import fill

STYLE = {"fillOpacity": 1, "weight": 0.8}

SPEC = {
    "tooltip": text("name"),
    # names placed first where names would collide: the story's countries
    "label_first": Key("iso3s"),
}


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return the base layer: all countries in the land colour, and their names."""
    style = context.settings.style
    countries = context.shapes[context.shapes["kind"] == "country"].sort_index()
    # Members go by the name the members table gives them (Czechia, Türkiye), not Natural Earth's.
    members = dict(zip(context.joined.members["iso3"], context.joined.members["name"], strict=True))
    countries = countries.assign(
        name=[
            members.get(sid, name)
            for sid, name in zip(countries.index, countries["name"], strict=True)
        ]
    )
    # Members as of the map's date lie under their wave's opaque fill: their grey outline can
    # wait until after the first paint ("under"); it shows when a wave is switched off.
    shapes = context.joined.member_shapes
    covered = set(shapes.index[shapes["member_as_of"]])
    features = [
        {"id": sid, "tip": fill(spec["tooltip"], name=name)}
        | ({"under": True} if sid in covered else {})
        for sid, name in zip(countries.index, countries["name"], strict=True)
    ]
    layer = shape_group(
        "Countries",
        features,
        {
            "fillColor": style["land"],
            "fillOpacity": STYLE["fillOpacity"],
            "color": style["border"],
            "weight": STYLE["weight"],
        },
        control=False,
    )
    labelled = countries[countries["label_rank"] < 10]
    first = spec["label_first"]
    labels = [
        {"name": name, "lat": lat, "lon": lon, "rank": int(rank), "first": sid in first}
        for sid, name, lat, lon, rank in zip(
            labelled.index,
            labelled["name"],
            labelled["label_lat"],
            labelled["label_lon"],
            labelled["label_rank"],
            strict=True,
        )
    ]
    # placement priority: the story's countries, then by Natural Earth's rank (larger first)
    labels.sort(key=lambda label: (not label["first"], label["rank"]))
    layer.items.append(Labels(labels))
    layer.paint_first = True
    return [layer]
