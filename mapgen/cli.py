"""The ``mapgen`` command: a thin layer over :func:`mapgen.pipeline.build`."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import traceback
from datetime import date
from pathlib import Path
from typing import NoReturn

from mapgen import interrupts
from mapgen.errors import InputError
from mapgen.image.png import ImageJob

DESCRIPTION = """\
Build an interactive map of NATO's enlargement and Russia's December 2021 draft treaties
as one standalone HTML file. Plain `mapgen` is `mapgen build` with every default.

examples:
  mapgen
  mapgen init newsroom-map && cd newsroom-map && mapgen
  mapgen build --out output/nato_map.html --as-of 2021-12-17
  mapgen build --as-of 2026-11-27 --title "NATO today"
"""

SERVE_DESCRIPTION = """\
Build the map, serve the output folder on localhost and open it; rebuild whenever a file of
the data folder changes, and the open page reloads itself. A broken edit keeps the last good
map up, its problems shown over it and here. Ctrl-C stops.

examples:
  mapgen serve
  mapgen serve --port 8800 --lang de
"""

INIT_DESCRIPTION = """\
Copy the data mapgen comes with (tables, texts, shapes, languages, their sources) into
DIR/data, where an editor changes it; mapgen run in DIR builds from that copy.

examples:
  mapgen init newsroom-map
  mapgen init . --force        # overwrite ./data with the bundled files
"""

BUILD_DESCRIPTION = """\
Load data/ (members, shapes, texts), join members to shapes as of a date, build the layers
and write one standalone HTML file.

examples:
  mapgen build
  mapgen build --out /tmp/map.html
  mapgen build --as-of 2026-11-27 --title "NATO today"
  mapgen build --members my_members.csv --quiet
  mapgen build --lang de,fr,pl,uk,ru,ar
"""


def _path(text: str) -> Path:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid UTF-8 path") from None
    return Path(text)


def _base_url(text: str) -> str:
    from mapgen.inputs import schema

    problem = schema.check_value(text, schema.URL)
    if problem:
        raise argparse.ArgumentTypeError(f"{text!r} {problem}")
    return text


def _print_size(text: str) -> str:
    from mapgen.image import sheets

    if text.upper() == "A4":
        return "A4"
    try:
        width = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not A4 or a width in millimetres") from None
    if not sheets.PRINT_MIN_MM <= width <= sheets.PRINT_MAX_MM:
        raise argparse.ArgumentTypeError(
            f"{text!r} is outside {sheets.PRINT_MIN_MM:g}-{sheets.PRINT_MAX_MM:g} mm"
        )
    return f"{width:g}"


def _langs(text: str) -> list[str]:
    """Language codes, comma-separated: each known to CLDR, none twice."""
    from mapgen.inputs import translate as i18n

    langs = [part.strip() for part in text.split(",")]
    for lang in langs:
        problem = i18n.check_lang(lang)
        if problem:
            raise argparse.ArgumentTypeError(f"{lang!r} {problem}")
    if len(set(langs)) != len(langs):
        raise argparse.ArgumentTypeError(f"{text!r} names a language twice")
    return langs


def _title(text: str) -> str:
    """A title held to the rules of map.toml's texts (length, no control characters)."""
    from mapgen.inputs import schema

    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(f"{text!r} is not valid UTF-8") from None
    # the title is not a template: its braces are literal, so they are doubled for the check
    problem = schema.check_value(text.replace("{", "{{").replace("}", "}}"), schema.text())
    if problem:
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise argparse.ArgumentTypeError(f"{shown!r} {problem}")
    return text


def _date(text: str) -> date:
    from mapgen.inputs.kinds import parse_date

    try:
        return parse_date(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{text!r} {err}") from None


SIMPLIFY_RANGE = (0.05, 10.0)  # px: finer keeps every point of data/geo; coarser is a sketch


def _simplify_px(text: str) -> float:
    from mapgen.inputs.kinds import parse_decimal

    low, high = SIMPLIFY_RANGE
    try:
        value = parse_decimal(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of pixels from {low:g} to {high:g}"
        )
    return value


class _Parser(argparse.ArgumentParser):
    """argparse, with a mistake reported in one line (and where to find help), exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _provider(name: str) -> str:
    import xyzservices

    try:
        xyzservices.providers.query_name(name)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{name!r} is not an xyzservices provider (e.g. 'OpenStreetMap Mapnik', "
            "'Esri WorldGrayCanvas')"
        ) from None
    return name


class _Options:
    """Collects add_argument calls, to add the same options to both parsers."""

    def __init__(self):
        self.calls = []

    def add_argument(self, *names, **kwargs):
        self.calls.append((names, kwargs))


def _add_build_options(parser: argparse.ArgumentParser, inherit: bool = False) -> None:
    """The build options. With ``inherit`` (the ``build`` command), an option left out keeps
    what was given before the command (``mapgen --title T build``) or its default."""
    options = _Options()
    _declare_build_options(options)
    for names, kwargs in options.calls:
        default = kwargs.get("default")
        kwargs = dict(kwargs, help=kwargs["help"].replace("%(default)s", str(default)))
        if inherit:
            kwargs["default"] = argparse.SUPPRESS
        parser.add_argument(*names, **kwargs)


def _declare_build_options(parser: _Options) -> None:
    parser.add_argument(
        "--out",
        type=_path,
        default=Path("output/nato_map.html"),
        metavar="PATH",
        help="where to write the HTML (default: %(default)s); e.g. --out /tmp/map.html",
    )
    parser.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="draw the alliance as of this date; later waves are present but "
        "switched off (default: 2021-12-17, the day of the demands); "
        "e.g. --as-of 2026-11-27",
    )
    parser.add_argument(
        "--lang",
        type=_langs,
        default=["en"],
        metavar="CODE[,CODE…]",
        help="the language of the texts: en (default) or a language with a file in "
        "data/i18n; several, comma-separated, are built side by side, each to "
        "OUT-STEM.CODE.html; e.g. --lang de or --lang de,fr,pl",
    )
    parser.add_argument(
        "--base-url",
        type=_base_url,
        default=None,
        metavar="URL",
        help="where the files will be published: the page then has share tags (Open Graph, "
        "Twitter card) for OUT-STEM.card.png and a canonical link; "
        "e.g. --base-url https://example.org/graphics/nato/",
    )
    parser.add_argument(
        "--print",
        dest="print_size",
        nargs="?",
        const="A4",
        default=None,
        type=_print_size,
        metavar="MM",
        help="also write OUT-STEM.pdf and OUT-STEM.svg for print (vector, text as text): A4, or "
        "a newspaper column MM millimetres wide; e.g. --print or --print 60",
    )
    parser.add_argument(
        "--title",
        type=_title,
        default=None,
        metavar="TEXT",
        help='the page and map title (default: from data/map.toml); e.g. --title "NATO today"',
    )
    parser.add_argument(
        "--data-dir",
        type=_path,
        default=None,
        metavar="DIR",
        help="a folder laid out like data/ (default: ./data if it exists, else "
        "the data bundled with mapgen); e.g. --data-dir ~/newsroom/data",
    )
    parser.add_argument(
        "--members",
        type=_path,
        default=None,
        metavar="PATH",
        help="another members table (default: DIR/nato_members.csv); "
        "e.g. --members edited_members.csv",
    )
    parser.add_argument(
        "--events",
        type=_path,
        default=None,
        metavar="PATH",
        help="another events table (default: DIR/events.csv); e.g. --events edited_events.csv",
    )
    parser.add_argument(
        "--simplify-px",
        type=_simplify_px,
        default=_default_simplify_px(),
        metavar="PX",
        help="largest distance in screen pixels, at the default zoom, between a simplified "
        "border and the data (default: %(default)s); e.g. --simplify-px 0.25 for finer borders",
    )
    parser.add_argument(
        "--tiles",
        type=_provider,
        default=None,
        metavar="NAME",
        help="add an online tile basemap from xyzservices (default: none; the vector base is "
        'the basemap and the page makes no request); e.g. --tiles "OpenStreetMap Mapnik"',
    )
    parser.add_argument(
        "--assets",
        choices=("inline", "cdn"),
        default="inline",
        help="inline Leaflet into the page (default) or link the same pinned files from a CDN "
        "with SRI hashes; e.g. --assets cdn",
    )
    parser.add_argument(
        "--chapter",
        default=None,
        metavar="ID",
        help="the chapter of the story the page opens on (default: the first; 'explore': "
        "none, every layer free); e.g. --chapter donbas",
    )
    parser.add_argument(
        "--png-chapter",
        default=None,
        metavar="ID",
        help="the chapter the static image shows (default: the one the page opens on); "
        "e.g. --png-chapter seas",
    )
    parser.add_argument(
        "--no-png",
        action="store_true",
        help="do not write the static image OUT-STEM.png (the page then has no image for "
        "readers without scripts); e.g. mapgen build --no-png",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print nothing but errors; e.g. mapgen build --quiet"
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the Python traceback of an internal error; e.g. mapgen build --debug",
    )


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mapgen", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    _add_build_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=description,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    build_parser = command("build", "build the map (the default command)", BUILD_DESCRIPTION)
    _add_build_options(build_parser, inherit=True)
    serve_parser = command(
        "serve", "a live preview that rebuilds as the data changes", SERVE_DESCRIPTION
    )
    serve_parser.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar="N",
        help="the port on 127.0.0.1 (default: 8000; 0 picks a free one); e.g. --port 8800",
    )
    serve_parser.add_argument(
        "--no-open",
        action="store_true",
        help="do not open the page in a browser; e.g. mapgen serve --no-open",
    )
    _add_build_options(serve_parser, inherit=True)
    init_parser = command("init", "copy the bundled data into DIR/data to edit", INIT_DESCRIPTION)
    init_parser.add_argument(
        "dir", type=_path, metavar="DIR", help="the project folder; e.g. mapgen init my-map"
    )
    init_parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite the bundled files in an existing DIR/data; e.g. mapgen init . --force",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"mapgen {_version()}",
        help="print mapgen's version and exit; e.g. mapgen --version",
    )
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mapgen")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _serve(args, options) -> int:
    from functools import partial

    from mapgen.locale import DEFAULT
    from mapgen.pipeline import build, output_paths
    from mapgen.serve import serve

    if len(args.lang) > 1:
        print("mapgen: serve previews one language at a time", file=sys.stderr)
        return 2
    page = output_paths(options.out, None if options.lang == DEFAULT else options.lang)["html"]
    try:
        serve(partial(build, options), page, options.data_dir, args.port, not args.no_open)
    except interrupts.Interrupted:
        pass
    except OSError as err:  # the port is taken, or not allowed
        print(f"mapgen: cannot serve on port {args.port}: {err.strerror}", file=sys.stderr)
        return 2
    print("mapgen: preview stopped", file=sys.stderr)
    return 0


def _report(err: InputError, outcome: str) -> int:
    """Every located problem on its own line, then what happened; exit code 2."""
    for problem in err.problems:
        print(problem, file=sys.stderr)
    print(f"mapgen: {len(err.problems)} problem(s) in the input; {outcome}", file=sys.stderr)
    return 2


def _init(args) -> int:
    from mapgen.project import init

    try:
        target = init(args.dir, force=args.force)
    except InputError as err:
        return _report(err, "nothing was copied")
    print(f"mapgen: the data is in {target}; edit it there, then run mapgen in {args.dir}")
    return 0


def run() -> NoReturn:
    """The console script: :func:`main` without the cycle collector (a short run that frees
    nothing it needs back; collections during the imports of folium, pandas and geopandas and
    the build took ~0.3 s of ~1.5 s here), then exit at once: once the files are written there
    is nothing to clean up, and tearing those objects down one by one costs ~0.2 s more."""
    gc.disable()
    interrupts.install()
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _default_simplify_px() -> float:
    from mapgen.page.document import RenderOptions

    return RenderOptions.simplify_px


def _wants_png(argv: list[str]) -> bool:
    if argv and argv[0] in ("init", "serve"):
        return False
    return not {"--no-png", "-h", "--help", "--version"} & set(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``mapgen`` console script; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    job = None
    try:
        # The static image is drawn by a second process. Started before folium, pandas and
        # geopandas are imported here, it has matplotlib loaded by the time the data are.
        job = ImageJob() if _wants_png(argv) else None
        return _main(argv, job)
    except interrupts.Interrupted as err:
        interrupts.hold("interrupted")
        print("mapgen: interrupted; nothing changed", file=sys.stderr)
        return 128 + err.signum
    finally:
        if job:
            with interrupts.deferred():
                job.cancel()


def _main(argv: list[str], job: ImageJob | None) -> int:
    from mapgen.page.document import RenderOptions
    from mapgen.pipeline import BuildOptions, build, build_languages

    args = make_parser().parse_args(argv)
    if args.command == "init":
        return _init(args)
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="mapgen: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    options = BuildOptions(
        out=args.out,
        as_of=args.as_of,
        data_dir=args.data_dir,
        members=args.members,
        events=args.events,
        png=not args.no_png,
        png_chapter=args.png_chapter,
        lang=args.lang[0],
        print_size=args.print_size,
        render=RenderOptions(
            base_url=args.base_url,
            title=args.title,
            simplify_px=args.simplify_px,
            tiles=args.tiles,
            assets=args.assets,
            chapter=args.chapter,
        ),
    )
    if args.command == "serve":
        return _serve(args, options)
    try:
        if len(args.lang) > 1:
            if job:
                job.cancel()  # each language's process draws its own
            build_languages(options, args.lang)
        else:
            build(options, image_job=job)
    except InputError as err:
        return _report(err, "nothing was written")
    except Exception as err:  # an internal error: one line, the traceback only with --debug
        if args.debug:
            traceback.print_exc()
        print(
            f"mapgen: internal error: {type(err).__name__}: {err} "
            "(run with --debug for the traceback); nothing was written",
            file=sys.stderr,
        )
        return 1
    return 0
