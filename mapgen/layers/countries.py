"""The neutral base map: every country, not in the layer control, with readable names.

Registered as ``base`` (the name map.toml's ``[layers.base]`` and the chapters use)."""

from __future__ import annotations

from shapely.geometry import box
from shapely.ops import polylabel

from mapgen.inputs.schema import URL, Key, text
from mapgen.layers.helpers import shape_group
from mapgen.layers.model import Labels, LayerContext, MapLayer
from mapgen.locale import long_date
from mapgen.texts import fill

STYLE = {"fillOpacity": 1, "weight": 0.8}

SPEC = {
    "tooltip": text("name"),
    # names placed first where names would collide: the story's countries
    "label_first": Key("iso3s"),
    # what a tap on a country says when no story fact lies there: its name and whether it is
    # in NATO (true on every date of the timeline)
    "popup_member": text("date"),
    "popup_not_member": text(),
    "popup_source": text(),
    "popup_source_url": URL,
}


SEA_RANK = {True: 4, False: 6}  # a sea of 300,000 km² or more from zoom 3, a smaller from 5


SEA_PART = 0.02  # of a view's area: less water than this in a view gives the sea no anchor there
SEA_APART = 1.5  # degrees: an anchor this near one before it adds nothing


def _pole(water, tolerance: float = 0.05):
    """The point of ``water`` farthest from any coast (of its largest polygon)."""
    parts = getattr(water, "geoms", [water])
    return polylabel(max(parts, key=lambda part: part.area), tolerance=tolerance)


def _sea_anchors(water, pole, views) -> list[list[float]]:
    """Where else a sea's name may stand than at its ``pole``: in each view (a chapter's
    bounds, the map's) that holds some of the sea but not its pole, the pole of the water in
    that view; one anchor per place ([lat, lon], in the order of the views)."""
    anchors = [pole]
    for (south, west), (north, east) in views:
        frame = box(west, south, east, north)
        if frame.contains(pole):
            continue
        part = water.intersection(frame)
        if part.is_empty or part.area < SEA_PART * frame.area:
            continue
        pole = _pole(part, tolerance=0.02)
        if all(pole.distance(a) > SEA_APART for a in anchors):
            anchors.append(pole)
    return [[round(a.y, 4), round(a.x, 4)] for a in anchors[1:]]


def _sea_labels(seas, views) -> list[dict]:
    """The seas' names, at the pole of inaccessibility of their water (the point farthest from
    any coast), and where a view shows only part of a sea, in that part (``also``); without
    the parenthesis of the Baltic's full name."""
    labels = []
    for sea in seas.itertuples():
        point = _pole(sea.geometry)
        also = _sea_anchors(sea.geometry, point, views)
        labels.append(
            {
                "name": sea.name.split(" (")[0],
                "lat": round(point.y, 4),
                "lon": round(point.x, 4),
                "rank": SEA_RANK[sea.area_km2 >= 300_000],
                "first": False,
                "kind": "sea",
            }
            | ({"also": also} if also else {})
        )
    return labels


def _status(spec: dict, sid: str, joined_on) -> dict:
    """A member's popup (or a part of one: Greenland, the former GDR): since when it is in
    NATO. Headed with its tip, its name; the others say the set's "Not a NATO member"."""
    if sid not in joined_on.index:
        return {}
    return {"popup": {"text": fill(spec["popup_member"], date=long_date(joined_on[sid]))}}


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
    joined_on = shapes["accession_date"]
    features = [
        {
            "id": sid,
            "tip": fill(spec["tooltip"], name=name),
            **_status(spec, sid, joined_on),
        }
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
        popup={
            "title": "",  # each country's popup is headed with its name (its tip)
            "text": spec["popup_not_member"],
            "source": spec["popup_source"],
            "url": spec["popup_source_url"],
            "more": [],
        },
    )
    labelled = countries[countries["label_rank"] < 10]
    first = spec["label_first"]
    labels = [
        {"name": name, "lat": lat, "lon": lon, "rank": int(rank), "first": sid in first, "id": sid}
        for sid, name, lat, lon, rank in zip(
            labelled.index,
            labelled["name"],
            labelled["label_lat"],
            labelled["label_lon"],
            labelled["label_rank"],
            strict=True,
        )
    ]
    views = [chapter["bounds"] for chapter in context.settings.chapters if chapter.get("bounds")]
    views += [context.settings.map["bounds"]] if context.settings.map.get("bounds") else []
    labels += _sea_labels(context.shapes[context.shapes["kind"] == "sea"], views)
    # placement priority: the story's countries, then by Natural Earth's rank (larger first)
    labels.sort(key=lambda label: (not label["first"], label["rank"]))
    layer.items.append(Labels(labels))
    layer.paint_first = True
    return [layer]
