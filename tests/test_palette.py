"""The wave palette stays ordered and distinguishable for every kind of colour vision."""

from __future__ import annotations

import numpy as np
import pytest

from tests.colour import CVD, ciede2000, lab, simulate

# CIEDE2000 ~5 is a difference readers see at a glance between neighbouring areas.
MIN_ADJACENT = 5.0


def test_ciede2000_matches_the_published_test_pairs():
    # Sharma, Wu & Dalal (2005), table 1, pairs 1 and 3
    assert ciede2000(np.array([50, 2.6772, -79.7751]), np.array([50, 0, -82.7485])) == (
        pytest.approx(2.0425, abs=1e-4)
    )
    assert ciede2000(np.array([50, -1.3802, -84.2814]), np.array([50, 0, -82.7485])) == (
        pytest.approx(1.0000, abs=1e-4)
    )


@pytest.mark.parametrize("vision", sorted(CVD))
def test_adjacent_waves_are_distinguishable(sources, vision):
    waves = sources.settings.style["waves"]
    distances = [
        ciede2000(lab(simulate(a, vision)), lab(simulate(b, vision)))
        for a, b in zip(waves, waves[1:], strict=False)
    ]
    assert min(distances) >= MIN_ADJACENT, (vision, [round(d, 1) for d in distances])


@pytest.mark.parametrize("vision", sorted(CVD))
def test_waves_get_lighter_in_order(sources, vision):
    lightness = [lab(simulate(c, vision))[0] for c in sources.settings.style["waves"]]
    assert lightness == sorted(lightness)  # ordered: older waves darker, whatever the vision


def _seen(colour: str, vision: str) -> np.ndarray:
    return lab(simulate(colour, vision))


@pytest.mark.parametrize("vision", sorted(CVD))
def test_marker_categories_are_distinguishable(sources, vision):
    """Dots of the build-up, the deployments, the reported nuclear sites and every event
    category: any two stay apart for every kind of colour vision."""
    style, events = sources.settings.style, sources.settings.layers["events"]
    colours = dict(zip(events["categories"], events["colours"], strict=True))
    colours |= {"build-up": style["buildup"], "posture": style["posture"]}
    colours["nuclear"] = style["nuclear"]
    names = sorted(colours)
    distances = {
        (a, b): ciede2000(_seen(colours[a], vision), _seen(colours[b], vision))
        for i, a in enumerate(names)
        for b in names[i + 1 :]
    }
    worst = min(distances, key=distances.get)
    assert distances[worst] >= MIN_ADJACENT, (vision, worst, round(distances[worst], 1))


@pytest.mark.parametrize("vision", sorted(CVD))
def test_sea_areas_stand_out_from_the_plain_sea(sources, vision):
    from mapgen.layers.helpers import blend
    from mapgen.layers.seas import STYLE

    style = sources.settings.style
    area = blend(style["sea_fill"], STYLE["fillOpacity"], style["sea"])
    assert ciede2000(_seen(area, vision), _seen(style["sea"], vision)) >= MIN_ADJACENT
