"""The runtime's files: each one closure over ``mg`` that uses only what files before it define."""

import re
from pathlib import Path

import pytest

from mapgen.page.jinja import template_text
from mapgen.page.scripts import ORDER

NAME = r"\bmg\.([A-Za-z_$][\w$]*)"
DEFINED = re.compile(NAME + r"\s*=(?!=)")
CLOSURE = re.compile(r"\(function \(mg(, L)?\) \{\n.*\n\}\)\(mg(, L)?\);\n", re.DOTALL)


def _code(name: str) -> str:
    return re.sub(r"(?m)^[ \t]*//.*\n", "", template_text(f"js/{name}.js"))


def test_each_file_uses_only_what_the_files_before_it_define():
    defined_by = {}
    for name in ORDER:
        for member in DEFINED.findall(_code(name)):
            defined_by.setdefault(member, name)
    for i, name in enumerate(ORDER):
        before = {m for m, file in defined_by.items() if ORDER.index(file) <= i}
        used = set(re.findall(NAME, _code(name)))
        assert used <= before, f"{name}.js uses mg.{sorted(used - before)} defined later or never"


@pytest.mark.parametrize("name", ORDER)
def test_each_file_is_one_closure_and_short(name):
    code = _code(name)
    inside = code.split("\n")[1:-2]
    assert CLOSURE.fullmatch(code), f"{name}.js is not one (function (mg, L) {{…}})"
    assert all(not line or line.startswith(" ") for line in inside), f"{name}.js: two statements"
    assert template_text(f"js/{name}.js").count("\n") <= 300


def test_the_shipped_runtime_and_styles_carry_no_comments_or_indentation():
    """The page ships the runtime minified (calmjs.parse) and the stylesheets (rcssmin): no
    comment and no indentation reaches a reader, and the script keeps every file, in ORDER."""
    from mapgen.page.assets import leaflet_css
    from mapgen.page.scripts import runtime_js

    shipped = runtime_js()
    source = "\n".join(template_text(f"js/{name}.js") for name in ORDER)
    assert "\n  " not in shipped and not re.search(r"(?m)^\s*//", shipped)
    assert len(shipped) < 0.8 * len(source)
    assert shipped.startswith("(function(){") and '"use strict"' in shipped[:40]
    starts = [shipped.find(f".{name}=") for name in ("dom", "ShapeTables", "addLabels", "boot")]
    assert -1 not in starts and starts == sorted(starts), starts
    assert "/*" not in leaflet_css() and "\n  " not in leaflet_css()


def test_the_inlined_leaflet_css_drops_only_what_old_browsers_read():
    """Of leaflet.css, the five rules for IE < 9 (VML, .leaflet-oldie) and the -moz- and -ms-
    declarations are left out (and a rule they leave empty); every other declaration of every
    rule stays, as written, in its order."""
    import rcssmin
    import xstatic.pkg.leaflet as xleaflet

    from mapgen.page.assets import leaflet_css

    whole = rcssmin.cssmin((Path(xleaflet.BASE_DIR) / "leaflet.css").read_text(encoding="utf-8"))

    def declarations(css):  # (selectors, declaration) of every plain rule, images left out
        css = re.sub(r"url\([^)]*\)", "url()", css).replace(":none", ":url()")
        return [
            (selectors, d)
            for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
            for d in body.split(";")
        ]

    old = [
        (s, d)
        for s, d in declarations(whole)
        if re.search(r"oldie|vml", s + d, re.I) or re.match(r"-(moz|ms)-", d)
    ]
    assert len(old) == 26
    assert declarations(leaflet_css()) == [p for p in declarations(whole) if p not in old]
    assert not re.search(r"oldie|vml|[{;]-(moz|ms)-|\{\}", leaflet_css(), re.I)
    assert ".leaflet-popup-tip{" in leaflet_css()  # the rules for today's browsers stay


@pytest.mark.parametrize("dots", [False, True])
def test_the_committed_bundles_are_the_sources_minified(dots):
    """templates/runtime holds the runtime minified (a build does not spend 0.4 s on it): a
    change to a file of templates/js needs ``python scripts/bundle_runtime.py``."""
    from mapgen.page.scripts import minify, runtime_js, runtime_source

    assert runtime_js(dots) == minify(runtime_source(dots)), "run scripts/bundle_runtime.py"


def test_the_canvas_layer_ships_only_with_many_markers(built_map):
    """dot-layer.js reaches a page of CANVAS_FROM markers or more only (the canvas test in
    tests/layers/test_events.py draws one); every other page, the bundled one included, runs
    without it: boot.js finds mg.DotLayer absent and draws SVG circles."""
    from mapgen.page.scripts import runtime_js

    assert ".DotLayer=" in runtime_js(True) and ".DotLayer=" not in runtime_js(False)
    assert len(runtime_js(True)) - len(runtime_js(False)) > 3000
    html = built_map.read_text(encoding="utf-8")
    assert runtime_js(False) in html and ".DotLayer=" not in html
