"""The command line's options: one declaration of the build options, which ``mapgen`` itself,
``mapgen build`` and ``mapgen serve`` share, and the BuildOptions they give.

None of them has an argparse default: an option given is in the parsed namespace under its
BuildOptions or RenderOptions field's name, one left out is absent. So ``mapgen --title T
build`` keeps T, and every default comes from :mod:`mapgen.options`, which the help names.
The values are checked by :mod:`mapgen.options`' ``parse_*`` functions.
"""

from __future__ import annotations

import argparse
from dataclasses import fields

from mapgen import options
from mapgen.options import BuildOptions, RenderOptions


def checked(parse):
    """An argparse type from a check of :mod:`mapgen.options`: its ValueError is the message."""

    def convert(text: str):
        try:
            return parse(text)
        except ValueError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    convert.__name__ = parse.__name__
    return convert


def add_build_options(parser: argparse.ArgumentParser) -> None:
    """The options of a build, on ``mapgen`` itself and on ``build`` and ``serve`` (in this
    order in their help)."""
    add = adder(parser)
    _page_options(add)
    _input_options(add)
    _drawing_options(add)
    add("--quiet", action="store_true", help="print nothing but errors; e.g. mapgen build --quiet")
    add(
        "--debug",
        action="store_true",
        help="show the Python traceback of an internal error; e.g. mapgen build --debug",
    )


def _page_options(add) -> None:
    """Where the page goes, its date, languages, address, print files and title."""
    default = options.DEFAULTS
    add(
        "--out",
        type=checked(options.parse_path),
        metavar="PATH",
        help=f"where to write the HTML, exactly, for one language (default: {options.OUT}; "
        f"with --lang in one other language, {options.OUT.with_suffix('')}.CODE.html, so that "
        "builds of different languages do not overwrite each other); the files beside it are "
        "named after it: OUT-STEM.png, OUT-STEM.card.png, OUT-STEM.embed.html; "
        "e.g. --out /tmp/map.html",
    )
    add(
        "--as-of",
        type=checked(options.parse_date),
        metavar="YYYY-MM-DD",
        help="draw the alliance as of this date; later waves are present but switched off "
        "(default: map.toml's default_as_of); e.g. --as-of 2026-11-27",
    )
    add(
        "--lang",
        dest="langs",
        type=checked(options.parse_langs),
        metavar="CODE[,CODE…]",
        help=f"the language of the texts: {default.lang} (default) or a language with a file "
        "in data/i18n (a code, case-insensitive: DE is de); one is written to --out as given; "
        "several, comma-separated, are built side by side, each to OUT-STEM.CODE.html; "
        "e.g. --lang de or --lang de,fr,pl",
    )
    add(
        "--base-url",
        type=checked(options.parse_base_url),
        metavar="URL",
        help="where the files will be published: the page then has share tags (Open Graph, "
        "Twitter card) for OUT-STEM.card.png and a canonical link; "
        "e.g. --base-url https://example.org/graphics/nato/",
    )
    add(
        "--print",
        dest="print_size",
        nargs="?",
        const="A4",
        type=checked(options.parse_print_size),
        metavar="MM",
        help="also write OUT-STEM.pdf and OUT-STEM.svg for print (vector, text as text): A4, "
        "or a newspaper column MM millimetres wide; e.g. --print or --print 60",
    )
    add(
        "--title",
        type=checked(options.parse_title),
        metavar="TEXT",
        help='the page and map title (default: from data/map.toml); e.g. --title "NATO today"',
    )


def _input_options(add) -> None:
    """The data folder and the tables given instead of its own."""
    path = checked(options.parse_path)
    add("--data-dir", type=path, metavar="DIR", help=DATA_DIR_HELP)
    add(
        "--members",
        type=path,
        metavar="PATH",
        help="another members table (default: DIR/nato_members.csv); "
        "e.g. --members edited_members.csv",
    )
    add(
        "--events",
        type=path,
        metavar="PATH",
        help="another events table (default: DIR/events.csv); e.g. --events edited_events.csv",
    )


def _drawing_options(add) -> None:
    """How the map is drawn, and the chapters the page and the image open on."""
    default = options.DEFAULTS.render
    add(
        "--simplify-px",
        type=checked(options.parse_simplify_px),
        metavar="PX",
        help="largest distance in screen pixels, at the default zoom, between a simplified "
        f"border and the data (default: {default.simplify_px}); "
        "e.g. --simplify-px 0.25 for finer borders",
    )
    add(
        "--tiles",
        type=checked(options.parse_tiles),
        metavar="NAME",
        help="add an online tile basemap from xyzservices (default: none; the vector base is "
        'the basemap and the page makes no request); e.g. --tiles "OpenStreetMap Mapnik"',
    )
    add(
        "--assets",
        choices=("inline", "cdn"),
        help="inline Leaflet into the page or link the same pinned files from a CDN with SRI "
        f"hashes (default: {default.assets}); e.g. --assets cdn",
    )
    add(
        "--chapter",
        metavar="ID",
        help="the chapter of the story the page opens on (default: the first; 'explore': "
        "none, every layer free); e.g. --chapter donbas",
    )
    add(
        "--png-chapter",
        metavar="ID",
        help="the chapter the static image shows (default: the one the page opens on); "
        "e.g. --png-chapter seas",
    )
    add(
        "--no-png",
        dest="png",
        action="store_false",
        help="do not write the static image OUT-STEM.png (the page then has no image for "
        "readers without scripts); e.g. mapgen build --no-png",
    )


DATA_DIR_HELP = (
    "a folder laid out like data/ (default: ./data if it exists, else the data bundled with "
    "mapgen); e.g. --data-dir ~/newsroom/data"
)


def adder(parser: argparse.ArgumentParser):
    """``parser.add_argument`` with no default (see the module's docstring)."""

    def add(*names, **kwargs):
        parser.add_argument(*names, default=argparse.SUPPRESS, **kwargs)

    return add


def build_options(args) -> tuple[BuildOptions, list[str]]:
    """The BuildOptions of the options given in ``args``, and the languages asked for."""
    names = {f.name for f in fields(BuildOptions)} | {f.name for f in fields(RenderOptions)}
    given = {name: value for name, value in vars(args).items() if name in names}
    langs = getattr(args, "langs", None)
    if langs:
        given["lang"] = langs[0]
    built = BuildOptions.given(**given)
    return built, langs or [built.lang]
