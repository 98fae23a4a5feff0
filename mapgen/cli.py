"""The ``mapgen`` command: parses the arguments and calls the library (:mod:`mapgen.pipeline`,
:mod:`mapgen.serve`, :mod:`mapgen.project`, :mod:`mapgen.i18n`).

Every mistake is one located line on stderr and exit code 2, never a traceback; an internal
error is one line and exit 1 (the traceback with ``--debug``).

The build options, shared by ``mapgen``, ``build`` and ``serve``, are declared once in
:mod:`mapgen.arguments`; their defaults live in :mod:`mapgen.options`.

Process control lives here, because only the command owns the process: :func:`main` starts the
image process (:class:`ImageJob`) before anything heavy is imported, which is why this module
imports only :mod:`mapgen.interrupts`, :mod:`mapgen.errors` and the image job at the top and
everything else (the options and their Babel, folium, pandas, geopandas) inside the functions;
:func:`run` turns the cycle collector off and leaves with ``os._exit``.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import traceback
from typing import NoReturn

from mapgen import interrupts
from mapgen.errors import InputError
from mapgen.image.process import ImageJob

DESCRIPTION = """\
Build an interactive map of NATO's enlargement and Russia's December 2021 draft treaties
as one standalone HTML file. Plain `mapgen` is `mapgen build` with every default.

examples:
  mapgen
  mapgen init newsroom-map && cd newsroom-map && mapgen
  mapgen build --out output/nato_map.html --as-of 2021-12-17
  mapgen build --as-of 2026-11-27 --title "NATO today"
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

LANG_DESCRIPTION = """\
The language files of data/i18n: start one with every key and its English text, check one
against the English texts (the same checks as mapgen build --lang).

examples:
  mapgen lang template es > data/i18n/es.toml
  mapgen lang check es
"""

LANG_CHECK_DESCRIPTION = """\
Check a language file (data/i18n/LANG.toml, or FILE) against the English texts of data/:
every key, nothing else, the same placeholders, the language's plural forms.

examples:
  mapgen lang check de
  mapgen lang check de ~/drafts/de.toml
"""

LANG_TEMPLATE_DESCRIPTION = """\
Write a language file's keys, each with its English text, to standard output: the start of
a new language. With --keep, the texts already translated in FILE are kept and only new keys
get their English text (after a change to the English texts).

examples:
  mapgen lang template es > data/i18n/es.toml
  mapgen lang template de --keep data/i18n/de.toml > de.toml
"""


class _Parser(argparse.ArgumentParser):
    """argparse, with a mistake reported in one line (and where to find help), exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def make_parser() -> argparse.ArgumentParser:
    """The ``mapgen`` command line: the build options, then the commands."""
    from mapgen import options
    from mapgen.arguments import add_build_options, checked

    parser = _Parser(
        prog="mapgen", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_build_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    command = _commands(commands)
    add_build_options(command("build", "build the map (the default command)", BUILD_DESCRIPTION))
    serve = command("serve", "a live preview that rebuilds as the data changes", SERVE_DESCRIPTION)
    serve.add_argument(
        "--port",
        type=int,
        default=options.PORT,
        metavar="N",
        help=f"the port on 127.0.0.1 (default: {options.PORT}; 0 picks a free one); "
        "e.g. --port 8800",
    )
    serve.add_argument(
        "--no-open",
        action="store_true",
        help="do not open the page in a browser; e.g. mapgen serve --no-open",
    )
    add_build_options(serve)
    init = command("init", "copy the bundled data into DIR/data to edit", INIT_DESCRIPTION)
    init.add_argument(
        "dir",
        type=checked(options.parse_path),
        metavar="DIR",
        help="the project folder; e.g. mapgen init my-map",
    )
    init.add_argument(
        "--force",
        action="store_true",
        help="overwrite the bundled files in an existing DIR/data; e.g. mapgen init . --force",
    )
    _add_lang_commands(command("lang", "check or start a language file", LANG_DESCRIPTION))
    parser.add_argument(
        "--version",
        action="version",
        version=f"mapgen {_version()}",
        help="print mapgen's version and exit; e.g. mapgen --version",
    )
    return parser


def _commands(commands):
    """A function adding a command: its summary in the list, its description (with its
    examples, as written) in its help."""

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=description,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    return command


def _add_lang_commands(parser: argparse.ArgumentParser) -> None:
    from mapgen import options
    from mapgen.arguments import DATA_DIR_HELP, adder, checked

    commands = parser.add_subparsers(
        dest="lang_command", metavar="COMMAND", parser_class=_Parser, required=True
    )
    command = _commands(commands)
    check = command("check", "check a language file", LANG_CHECK_DESCRIPTION)
    template = command("template", "write a new language file's keys", LANG_TEMPLATE_DESCRIPTION)
    path = checked(options.parse_path)
    for each, name in ((check, "check"), (template, "template")):
        each.add_argument(
            "code",
            type=checked(options.parse_lang),
            metavar="LANG",
            help=f"the language code; e.g. mapgen lang {name} es",
        )
    check.add_argument(
        "file",
        nargs="?",
        type=path,
        metavar="FILE",
        help="the file to check (default: DIR/i18n/LANG.toml); e.g. mapgen lang check de de.toml",
    )
    template.add_argument(
        "--keep",
        type=path,
        metavar="FILE",
        help="a language file whose translations to keep; e.g. --keep data/i18n/de.toml",
    )
    for each in (check, template):  # no default: mapgen --data-dir DIR lang check … keeps DIR
        adder(each)("--data-dir", type=path, metavar="DIR", help=DATA_DIR_HELP)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mapgen")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _lang_mistake(args, options, langs: list[str]) -> str | None:
    """The one line refusing a ``--lang`` that is not English or a language with a file in
    the data folder's i18n/ (checked once the arguments are read: ``--data-dir`` may follow
    ``--lang``), or None. A folder that is not there is the load's to report."""
    from mapgen.inputs.files import default_data_dir
    from mapgen.options import check_langs

    data_dir = options.data_dir or default_data_dir()
    if not data_dir.is_dir():
        return None
    try:
        check_langs(langs, data_dir)
    except InputError as err:  # a language CLDR knows, without its file: located there
        return str(err.problems[0])
    except ValueError as err:
        prog = " ".join(["mapgen", *([args.command] if args.command else [])])
        return f"{prog}: argument --lang: {err} (see {prog} --help)"
    return None


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


def _lang(args) -> int:
    """``mapgen lang check`` and ``mapgen lang template``."""
    from mapgen import i18n, i18n_template
    from mapgen.inputs.files import default_data_dir

    data_dir = getattr(args, "data_dir", None) or default_data_dir()
    if args.lang_command == "check":
        try:
            found = i18n.check_file(data_dir, args.code, args.file)
        except InputError as err:
            return _report(err, "the file is not ready")
        print(f"{found.label}: {len(found.texts)} texts, every English key, nothing else")
        return 0
    try:
        text = i18n_template.template_for(data_dir, args.code, args.keep)
    except InputError as err:
        return _report(err, "nothing was written")
    sys.stdout.write(text)
    return 0


def _serve(args, options, langs: list[str]) -> int:
    from functools import partial

    from mapgen.options import page_out
    from mapgen.pipeline import build
    from mapgen.serve import serve

    if len(langs) > 1:
        print("mapgen: serve previews one language at a time", file=sys.stderr)
        return 2
    page = page_out(options)
    try:
        serve(partial(build, options), page, options.data_dir, args.port, not args.no_open)
    except interrupts.Interrupted:
        pass
    except OSError as err:  # the port is taken, or not allowed
        print(f"mapgen: cannot serve on port {args.port}: {err.strerror}", file=sys.stderr)
        return 2
    print("mapgen: preview stopped", file=sys.stderr)
    return 0


def _build(options, langs: list[str], job: ImageJob | None, debug: bool) -> int:
    from mapgen.pipeline import build, build_languages

    try:
        if len(langs) > 1:
            if job:
                job.cancel()  # each language's process draws its own
            build_languages(options, langs)
        else:
            build(options, image_job=job)
    except InputError as err:
        return _report(err, "nothing was written")
    except Exception as err:  # an internal error: one line, the traceback only with --debug
        if debug:
            traceback.print_exc()
        print(
            f"mapgen: internal error: {type(err).__name__}: {err} "
            "(run with --debug for the traceback); nothing was written",
            file=sys.stderr,
        )
        return 1
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


def _wants_png(argv: list[str]) -> bool:
    if argv and argv[0] in ("init", "serve", "lang"):
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
    args = make_parser().parse_args(argv)
    if args.command == "init":
        return _init(args)
    if args.command == "lang":
        return _lang(args)
    logging.basicConfig(
        level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO,
        format="mapgen: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    from mapgen.arguments import build_options

    options, langs = build_options(args)
    mistake = _lang_mistake(args, options, langs)
    if mistake:
        print(mistake, file=sys.stderr)
        return 2
    if args.command == "serve":
        return _serve(args, options, langs)
    return _build(options, langs, job, debug=getattr(args, "debug", False))
