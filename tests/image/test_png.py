"""The static PNG (png.py, from plan.py's plan): it shows what the page shows, in the
language's script, and draws the data's texts as they are."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pytest
from PIL import Image

from mapgen import locale
from mapgen.image import png
from mapgen.image.plan import frame_plan
from mapgen.pipeline import BuildOptions, _model


@pytest.fixture(scope="module")
def image(plans):
    frame, shapes = plans
    return png.finish(png.frame(frame), shapes)


def _pixels(data: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(data))
    assert image.size == (1200, 900) and image.mode == "RGB"
    return np.asarray(image).reshape(-1, 3)


def _count(pixels: np.ndarray, colour: str) -> int:
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return int((pixels == rgb).all(axis=1).sum())


def test_layers_shown_on_the_page_are_in_the_image(image):
    pixels = _pixels(image)
    assert _count(pixels, "#440154") > 20_000  # 1949: the US is off-frame; Norway, France …
    assert _count(pixels, "#6ece58") > 100  # 2020: North Macedonia
    assert _count(pixels, "#fde725") == 0  # 2024 (later): off on the page, absent here


def test_dollars_in_texts_are_drawn_as_dollars(plans):
    frame, _shapes = plans
    hostile = r"Costs $\nope$ and $5"  # mathtext would fail on \nope, or set "nope" in italics
    hostile_plan = {
        **frame,
        "title": hostile,
        "subtitle": hostile,
        "credit": hostile,
        "legend": [{"pattern": "fill", "color": "#123456", "label": hostile}],
        "labels": [{**frame["labels"][0], "name": hostile}],
    }
    drawn = png.frame(hostile_plan)
    texts = drawn["axes"].figure.texts
    assert [t.get_text() for t in texts].count(hostile) == 4  # title, subtitle, legend, credit
    assert all(t.get_parse_math() is False for t in texts)
    assert drawn["above"].shape == (900, 1200, 4)  # the names' figure drew too
    drawn_png = png.finish(drawn, [])
    assert Image.open(io.BytesIO(drawn_png)).text["Title"] == hostile


@pytest.mark.parametrize("lang", ["uk", "ar"])
def test_the_image_is_drawn_in_the_language_with_its_script(lang):
    with locale.using(lang):
        prepared = _model(BuildOptions(lang=lang))
        texts = prepared.context.settings.map
        frame = frame_plan(
            prepared.layers, prepared.context, texts["title"], texts["subtitle"], texts["credit"]
        )
    # the names on the map are the language's (Natural Earth's name_uk, name_ar)
    assert {"uk": "Україна", "ar": "أوكرانيا"}[lang] in [label["name"] for label in frame["labels"]]
    with warnings.catch_warnings():
        # matplotlib warns "Glyph … missing from font(s)" where the font lacks the script
        warnings.filterwarnings("error", message=".*missing from font")
        drawn = png.frame(frame)
    figure = drawn["axes"].figure
    title = next(t for t in figure.texts if t.get_text() == texts["title"])
    # right to left: the title starts at the right edge
    assert title.get_horizontalalignment() == ("right" if lang == "ar" else "left")
    assert (title.get_position()[0] > 0.9) is (lang == "ar")
    assert frame["rtl"] is (lang == "ar")
