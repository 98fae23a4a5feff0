"""The story: the chapters of data/map.toml, checked against the layers, the view each one
sets (bounds, date, layers) for the page, the static image and the embed snippets, and the
timeline's stops.

The story's rules live here once in Python (the page's scripts have the JavaScript copy):
:func:`visible_on` (is an item drawn on a date), :func:`snap` (the timeline stop a date
falls on) and :func:`matches` (does a chapter's list of layers take a layer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mapgen.errors import Problem
from mapgen.locale import long_date
from mapgen.texts import fill

if TYPE_CHECKING:
    from mapgen.inputs.settings import Settings
    from mapgen.join import Joined
    from mapgen.layers import MapLayer

EXPLORE = "explore"  # the state after the story: every layer free


def visible_on(since: str | None, until: str | None, iso: str) -> bool:
    """Whether an item dated ``since`` (included) to ``until`` (not included) is drawn on the
    ISO date ``iso``; a missing (None or empty) bound is open."""
    return (not since or since <= iso) and (not until or iso < until)


def snap(stops: list, iso):
    """The latest of the sorted ``stops`` on or before ``iso`` (None when all are later)."""
    earlier = [stop for stop in stops if stop <= iso]
    return earlier[-1] if earlier else None


def matches(layer_id: str, wanted: list[str]) -> bool:
    """Whether a chapter's list of layers (module names or layer ids) takes this layer."""
    return any(layer_id == w or layer_id.startswith(w + ".") for w in wanted)


def problems(settings: Settings, layers: list[MapLayer], *wanted: tuple[str, str | None]) -> list:
    """What is wrong with the chapters' layer lists (each entry must name a layer module or a
    layer id) and with chapter ids asked for by options (``("--chapter", "donbas")``)."""
    ids = [layer.id for layer in layers]
    found = []
    for chapter in settings.chapters:
        unknown = [w for w in chapter["layers"] if not any(matches(i, [w]) for i in ids)]
        if unknown:
            key = f"chapters.{chapter['index']}.layers"
            found.append(settings.problem(key, f"names no layer {', '.join(unknown)}"))
    unknown = [
        w for w in settings.map.get("popup_order", []) if not any(matches(i, [w]) for i in ids)
    ]
    if unknown:
        found.append(settings.problem("map.popup_order", f"names no layer {', '.join(unknown)}"))
    known = [c["id"] for c in settings.chapters]
    for option, chapter_id in wanted:
        if chapter_id is not None and chapter_id not in known + [EXPLORE]:
            choices = ", ".join(known + [EXPLORE])
            found.append(
                Problem(option, None, None, f"{chapter_id!r} is not a chapter ({choices})")
            )
    return found


def chapter(settings: Settings, chapter_id: str | None) -> dict | None:
    """The chapter of that id; the first when none is named; None for ``explore`` (or a map
    without chapters)."""
    if chapter_id == EXPLORE or not settings.chapters:
        return None
    if chapter_id is None:
        return settings.chapters[0]
    return next(c for c in settings.chapters if c["id"] == chapter_id)


def dates(settings: Settings) -> set[date]:
    """The chapters' dates: stops of the timeline."""
    return {date.fromisoformat(c["as_of"]) for c in settings.chapters}


def shown(layer: MapLayer, view: dict | None, as_of: str) -> bool:
    """Whether a chapter's view shows a layer (the base always; a wave only from its date)."""
    if view is None:
        return layer.show
    if not layer.control:
        return True
    if not visible_on(layer.since.isoformat() if layer.since else None, None, as_of):
        return False
    return matches(layer.id, view["layers"])


@dataclass
class Stops:
    """The timeline's stops: dates in order, each with its label, and the one the map opens on."""

    dates: list[date]
    labels: list[str]
    start: int


def timeline(joined: Joined, settings: Settings) -> Stops:
    """The timeline's stops: every accession date, the map's date and the chapters' dates,
    labelled with the member count then (and the event, where a date brought in territory,
    not a member); it opens on the map's date."""
    texts = settings.timeline
    days = sorted(set(joined.member_shapes["accession_date"]) | {joined.as_of} | dates(settings))
    joined_on = list(joined.members["accession_date"])
    events = {w.first_date: w.event for w in joined.waves if w.event}
    labels = [
        fill(
            texts["territory_label" if d in events else "label"],
            date=long_date(d),
            count=sum(j <= d for j in joined_on),
            event=events.get(d, ""),
        )
        for d in days
    ]
    opening = snap(days, joined.as_of)
    return Stops(days, labels, days.index(opening) if opening is not None else 0)
