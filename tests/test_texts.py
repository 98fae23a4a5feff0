"""texts: map.toml's texts take plain {name} placeholders and nothing else."""

from __future__ import annotations

import pytest

from mapgen.texts import fill, placeholders


def test_fill_names_and_thousands():
    assert fill("About {area:,} km² in {name}", area=16993, name="Donbas") == (
        "About 16,993 km² in Donbas"
    )
    assert fill("{{literal}} braces") == "{literal} braces"
    assert fill("{name:,}", name="text, not a number") == "text, not a number"


@pytest.mark.parametrize(
    "template",
    [
        "{name.__class__}",
        "{name[0]}",
        "{name!r}",
        "{name:>10}",
        "{0}",
        "{}",
        "a { stray",
        "a } stray",
        "{name.__init__.__globals__}",
    ],
)
def test_anything_but_a_plain_name_is_refused(template):
    with pytest.raises(ValueError):
        placeholders(template)
    with pytest.raises(ValueError):
        fill(template, name="x")


def test_a_missing_value_is_named():
    with pytest.raises(KeyError, match=r"\{area\}"):
        fill("{area}", name="x")
