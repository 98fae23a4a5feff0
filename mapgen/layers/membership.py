"""One overlay per accession wave, coloured on the ordered wave scale."""

from __future__ import annotations

from mapgen.inputs.kinds import hex_colour, rgb
from mapgen.inputs.schema import text
from mapgen.layers.helpers import blend, shape_group
from mapgen.layers.model import LayerContext, LegendEntry, MapLayer
from mapgen.locale import long_date
from mapgen.texts import fill

STYLE = {"weight": 0.6}  # the borders between members, over the wave fills

SPEC = {
    "section": text(),
    "name": text("year"),
    "later_name": text("year"),
    "territory_name": text("year", "event"),
    "tooltip": text("name", "date", "as_of"),
    "tooltip_later": text("name", "date", "as_of"),
    "tooltip_territory": text("name", "date", "event"),
}


def wave_name(wave, spec: dict) -> str:
    """The layer-control name of a wave: its year, marked when it joined after the as-of date
    or when it brought in territory, not a member (1990: German reunification)."""
    if wave.event:
        return fill(spec["territory_name"], year=wave.year, event=wave.event)
    return fill(spec["later_name"] if wave.later else spec["name"], year=wave.year)


def wave_colours(scale: list[str], count: int) -> list[str]:
    """``count`` colours for the waves, oldest first: the scale of map.toml as it is when it
    has enough colours, else resampled evenly along it (linear in sRGB between its stops), so
    that a new wave never lacks a colour and the order from dark to light holds."""
    if count <= len(scale):
        return scale[:count]
    stops = [rgb(c) for c in scale]
    out = []
    for k in range(count):
        t = k * (len(stops) - 1) / max(count - 1, 1)
        i = min(int(t), len(stops) - 2)
        f = t - i
        channels = [round(a + (b - a) * f) for a, b in zip(stops[i], stops[i + 1], strict=True)]
        out.append(hex_colour(channels))
    return out


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return one layer per accession wave; waves after the as-of date start switched off."""
    joined, style = context.joined, context.settings.style
    colours = wave_colours(style["waves"], len(joined.waves))
    as_of = long_date(joined.as_of)
    layers = []
    for wave, colour in zip(joined.waves, colours, strict=True):
        rows = joined.member_shapes[joined.member_shapes["wave"] == wave.year].sort_index()
        tip = spec[
            "tooltip_territory" if wave.event else "tooltip_later" if wave.later else "tooltip"
        ]
        features = [
            {
                "id": sid,
                "tip": fill(
                    tip,
                    name=row.name,
                    date=long_date(row.accession_date),
                    as_of=as_of,
                    event=wave.event,
                ),
            }
            for sid, row in zip(rows.index, rows.itertuples(), strict=True)
        ]
        name = wave_name(wave, spec)
        layer = shape_group(
            name,
            features,
            {
                "fillColor": colour,
                "fillOpacity": style["later_wave_opacity"] if wave.later else 1,
                "color": style["border"],
                "weight": STYLE["weight"],
            },
            show=not wave.later,
            legend=LegendEntry(
                name,
                blend(colour, style["later_wave_opacity"], style["land"]) if wave.later else colour,
                off=wave.later,
            ),
        )
        layer.since = wave.first_date
        layer.part = str(wave.year)
        layer.paint_first = True
        layers.append(layer)
    return layers
