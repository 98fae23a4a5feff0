"""mapgen.options: the one place of the defaults, the files a build writes, the checks of an
option given as text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mapgen import options
from mapgen.options import BuildOptions, RenderOptions, output_paths, wanted_outputs


def test_the_defaults():
    built = BuildOptions()
    assert built.out is None and str(options.OUT) == "output/nato_map.html"
    assert (built.as_of, built.data_dir, built.members, built.events) == (None, None, None, None)
    assert built.png and built.lang == "en" and built.print_size is None
    assert built.render == RenderOptions()
    assert (built.render.simplify_px, built.render.assets) == (0.75, "inline")
    assert built == options.DEFAULTS and options.PORT == 8000


def test_given_sets_the_fields_of_both_dataclasses_and_keeps_the_rest():
    built = BuildOptions.given(title="T", png=False, simplify_px=0.5, as_of=date(2024, 1, 1))
    assert built.render.title == "T" and built.render.simplify_px == 0.5
    assert not built.png and built.as_of == date(2024, 1, 1)
    assert built.out == BuildOptions().out and built.render.assets == "inline"
    assert BuildOptions.given() == BuildOptions()
    with pytest.raises(TypeError):
        BuildOptions.given(colour="red")


def test_output_paths_and_the_ones_a_build_writes():
    paths = output_paths(Path("out/m.html"), "de")
    assert {kind: str(path) for kind, path in paths.items()} == {
        "html": "out/m.de.html",
        "png": "out/m.de.png",
        "card": "out/m.de.card.png",
        "embed": "out/m.de.embed.html",
        "pdf": "out/m.de.pdf",
        "svg": "out/m.de.svg",
    }
    assert set(wanted_outputs(paths, BuildOptions())) == {"html", "png", "card", "embed"}
    assert set(wanted_outputs(paths, BuildOptions(png=False))) == {"html", "embed"}
    assert set(wanted_outputs(paths, BuildOptions(print_size="A4"))) == set(paths)


@pytest.mark.parametrize(
    ("out", "lang", "several", "page"),
    [
        (None, "en", False, "output/nato_map.html"),
        (None, "de", False, "output/nato_map.de.html"),  # builds in two languages: two pages
        ("o/karte.html", "de", False, "o/karte.html"),  # an explicit --out, exactly
        ("o/karte.html", "en", False, "o/karte.html"),
        ("o/karte.html", "de", True, "o/karte.de.html"),  # several languages side by side
        (None, "en", True, "output/nato_map.en.html"),
    ],
)
def test_where_the_page_goes(out, lang, several, page):
    built = BuildOptions(out=Path(out) if out else None, lang=lang)
    assert options.page_out(built, several) == Path(page)


@pytest.mark.parametrize(
    ("parse", "text", "value"),
    [
        (options.parse_date, "2021-12-17", date(2021, 12, 17)),
        (options.parse_langs, "de, fr", ["de", "fr"]),
        (options.parse_langs, "DE,Fr", ["de", "fr"]),  # case-insensitive, as BCP 47
        (options.parse_print_size, "a4", "A4"),
        (options.parse_print_size, "60.0", "60"),
        (options.parse_simplify_px, "0.25", 0.25),
        (options.parse_title, "NATO {today}", "NATO {today}"),
        (options.parse_base_url, "https://example.org/", "https://example.org/"),
        (options.parse_tiles, "OpenStreetMap Mapnik", "OpenStreetMap Mapnik"),
        (options.parse_path, "out/m.html", Path("out/m.html")),
    ],
)
def test_a_good_value(parse, text, value):
    assert parse(text) == value


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (options.parse_date, "2021-02-30", "'2021-02-30' is not a valid YYYY-MM-DD date"),
        (options.parse_langs, "de,de", "'de,de' names a language twice"),
        (options.parse_lang, "xx-1", "'xx-1' is not a language code"),
        (options.parse_print_size, "9", "'9' is outside 40-420 mm"),
        (options.parse_print_size, "wide", "'wide' is not A4 or a width in millimetres"),
        (options.parse_simplify_px, "nan", "'nan' is not a number of pixels from 0.05 to 10"),
        (options.parse_title, "a\x07b", "'a\\x07b' "),
        (options.parse_title, "\udcff", "'\\udcff' is not valid UTF-8"),
        (options.parse_path, "\udcff", "'\\udcff' is not a valid UTF-8 path"),
        (options.parse_base_url, "ftp://x/", "'ftp://x/' "),
        (options.parse_tiles, "Nope", "'Nope' is not an xyzservices provider"),
    ],
)
def test_a_bad_value_is_a_value_error_that_quotes_it(parse, text, message):
    with pytest.raises(ValueError) as caught:
        parse(text)
    assert str(caught.value).startswith(message)


def test_a_title_is_not_a_template_so_its_braces_are_literal():
    assert options.parse_title("NATO {x} {{y}}") == "NATO {x} {{y}}"
