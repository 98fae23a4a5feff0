"""page/document.py: the map's element and the notebook's frame, from templates: a text that
reads like a template stays text (branca compiles an element's rendered text again)."""

from __future__ import annotations

import html

import pytest

from mapgen import build_map
from mapgen.page.document import RenderOptions, render_html
from mapgen.pipeline import BuildOptions
from tests.conftest import DATA

TEMPLATE_LIKE = '{{ 7*7 }} {% raw %} {# & "quoted" <b>'
ESCAPED = "{{ 7*7 }} {% raw %} {# &amp; &#34;quoted&#34; &lt;b&gt;"


@pytest.fixture(scope="module")
def fmap():
    fmap = build_map(BuildOptions(data_dir=DATA, render=RenderOptions(title=TEMPLATE_LIKE)))
    fmap.label = TEMPLATE_LIKE  # the map's name for screen readers ([ui] map_label)
    return fmap


def test_the_map_element_shows_its_label_as_text(fmap):
    page = render_html(fmap)
    name = fmap.get_name()
    assert (
        f'<div class="mg-map" id="{name}" role="region" aria-label="{ESCAPED}" '
        'aria-describedby="mg-keys mg-description"></div>'
    ) in page
    assert f"<title>{ESCAPED}</title>" in page


def test_the_notebook_frame_holds_the_page_and_its_title_as_text(fmap):
    shown = fmap.get_root()._repr_html_()
    assert shown.startswith('<iframe srcdoc="') and shown.endswith(
        f'" title="{ESCAPED}" style="width:100%;height:960px;border:0" allowfullscreen></iframe>'
    )
    document = html.unescape(shown[len('<iframe srcdoc="') : shown.index('" title="')])
    assert document.startswith("<!DOCTYPE html>") and f'aria-label="{ESCAPED}"' in document
