"""One overlay per accession wave, coloured on the ordered wave scale."""

from __future__ import annotations

from mapgen.dates import long_date
from mapgen.layers.shapes import LayerContext, LegendEntry, MapLayer, shape_group


def wave_name(wave, spec: dict) -> str:
    """The layer-control name of a wave: its year, marked when it joined after the as-of date."""
    return (spec["later_name"] if wave.later else spec["name"]).format(year=wave.year)


def build(context: LayerContext, spec: dict) -> list[MapLayer]:
    """Return one FeatureGroup per accession wave; waves after the as-of date start switched off."""
    joined, style = context.joined, context.settings.style
    colours = style["waves"]
    if len(colours) < len(joined.waves):
        raise ValueError(
            f"map.toml [style] waves has {len(colours)} colours "
            f"for {len(joined.waves)} accession waves"
        )
    as_of = long_date(joined.as_of)
    layers = []
    for wave, colour in zip(joined.waves, colours, strict=False):
        rows = joined.member_shapes[joined.member_shapes["wave"] == wave.year].sort_index()
        tip = spec["tooltip_later"] if wave.later else spec["tooltip"]
        features = [
            {
                "id": sid,
                "tip": tip.format(name=row.name, date=long_date(row.accession_date), as_of=as_of),
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
                "weight": 0.6,
            },
            show=not wave.later,
            legend=LegendEntry(name, colour, off=wave.later),
        )
        layer.since = wave.first_date
        layer.paint_first = True
        layers.append(layer)
    return layers
