"""The story: the chapters of data/map.toml, checked against the layers, and the view each
one sets (bounds, date, layers) for the page, the static image and the embed snippets."""

from __future__ import annotations

from datetime import date

from mapgen.errors import Problem
from mapgen.inputs.settings import Settings
from mapgen.layers import MapLayer, matches

EXPLORE = "explore"  # the state after the story: every layer free


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
    if layer.since is not None and layer.since.isoformat() > as_of:
        return False
    return matches(layer.id, view["layers"])
