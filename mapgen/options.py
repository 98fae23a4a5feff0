"""What a build can be told, every default of it, the files it writes, and how an option given
as text is checked.

This is the one place of the defaults: the command line (:mod:`mapgen.arguments`) gives
argparse no defaults of its own and names them in its help from here; the data's own defaults
(the date the map opens on, the title) stay in map.toml, and the language is English unless
told, the language of map.toml (:data:`mapgen.locale.DEFAULT`). Importing this module loads
no folium, pandas or geopandas; the checks import what they check against only when called.
"""

from __future__ import annotations

import dataclasses
import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mapgen.errors import shorten
from mapgen.locale import DEFAULT as DEFAULT_LANG

PORT = 8000  # mapgen serve's port on 127.0.0.1
OUT = Path("output/nato_map.html")  # the page without --out (see page_out)
SIMPLIFY_RANGE = (0.05, 10.0)  # px: finer keeps every point of data/geo; coarser is a sketch


@dataclass
class RenderOptions:
    """How the page is drawn.

    Parameters
    ----------
    title : str, optional
        Overrides the title in map.toml.
    simplify_px : float, default 0.75
        Largest distance, in screen pixels at the default zoom, between a simplified line and
        the line in data/geo. With the coordinate grid (1/4 px) the error stays under a pixel.
    tiles : str, optional
        An xyzservices provider name (e.g. ``"OpenStreetMap Mapnik"``) for an online tile basemap;
        default none: the vector base from data/geo is the basemap.
    assets : {"inline", "cdn"}, default "inline"
        Inline Leaflet, or link it from a CDN with SRI hashes.
    png_name : str, optional
        The static image beside the page, shown where scripts do not run.
    chapter : str, optional
        The chapter the page opens on (default: the first; ``explore``: none).
    versions : tuple of (str, str)
        The languages built together, each with its page's file name: the page links them
        (``hreflang``) and names them under "About this map".
    card_name : str, optional
        The share card beside the page (``<stem>.card.png``).
    base_url : str, optional
        Where the page will be published (``https://example.org/maps/``): the share card's
        Open Graph and Twitter tags and the canonical link need absolute URLs; without it the
        page has none of them.
    """

    title: str | None = None
    simplify_px: float = 0.75
    png_name: str | None = None
    tiles: str | None = None
    assets: str = "inline"
    chapter: str | None = None
    versions: tuple = ()  # (lang, file name) of each language built with this one
    card_name: str | None = None
    base_url: str | None = None
    page_name: str | None = None  # the page's file name, for its canonical URL


@dataclass
class BuildOptions:
    """Everything ``mapgen build`` can be told.

    Parameters
    ----------
    out : Path, optional
        Where the page goes: exactly there for one language, ``<stem>.<lang>.html`` beside
        it for each of several. Default :data:`OUT`, ``output/nato_map.html``, and
        ``output/nato_map.<lang>.html`` in one other language than English, so that builds of
        different languages do not overwrite each other (:func:`page_out`).
    as_of : date, optional
        Default: map.toml's ``default_as_of``.
    data_dir : Path, optional
        Default: ``./data`` if present, else the data bundled with mapgen.
    members : Path, optional
        Another members table.
    events : Path, optional
        Another events table.
    png : bool, default True
        Also write the static image ``<out-stem>.png``.
    png_chapter : str, optional
        The chapter the static image shows (default: the chapter the page opens on).
    lang : str, default "en"
        The language of the texts: English from map.toml and the tables, another from
        ``data/i18n/<lang>.toml`` (:mod:`mapgen.i18n`).
    print_size : str, optional
        Also write ``<out-stem>.pdf`` and ``.svg`` for print: "A4", or a newspaper column's
        width in millimetres ("60").
    render : RenderOptions

    Examples
    --------
    >>> from mapgen import BuildOptions, RenderOptions, build
    >>> build(BuildOptions(lang="de", render=RenderOptions(title="NATO heute")))  # doctest: +SKIP
    """

    out: Path | None = None
    as_of: date | None = None
    data_dir: Path | None = None
    members: Path | None = None
    events: Path | None = None
    png: bool = True
    png_chapter: str | None = None
    lang: str = DEFAULT_LANG
    print_size: str | None = None
    render: RenderOptions = field(default_factory=RenderOptions)
    log_level: int = logging.INFO  # of a language's worker process (build_languages)

    @classmethod
    def given(cls, **values) -> BuildOptions:
        """The options with ``values`` set by field name, BuildOptions' or RenderOptions'
        (``title=...``); every other field keeps its default."""
        render = {f.name for f in dataclasses.fields(RenderOptions)}
        own = {k: v for k, v in values.items() if k not in render}
        drawn = {k: v for k, v in values.items() if k in render}
        return cls(**own, render=RenderOptions(**drawn))


DEFAULTS = BuildOptions()


def page_out(options: BuildOptions, several: bool = False) -> Path:
    """Where the page of ``options.lang`` goes: ``out`` exactly, for one language; with
    ``several`` languages, or without ``out`` in one other than English, ``<stem>.<lang>.html``
    beside it (:data:`OUT` by default)."""
    if options.out is not None and not several:
        return options.out
    if options.lang == DEFAULT_LANG and not several:
        return OUT
    return output_paths(options.out or OUT, options.lang)["html"]


def output_paths(out: Path, lang: str | None = None) -> dict[str, Path]:
    """The files a build can write: the page, its static image, the share card, the embed
    snippet and the print files; with ``lang``, ``<stem>.<lang>.html`` and so on."""
    if lang:
        out = out.with_name(f"{out.stem}.{lang}{out.suffix}")
    return {
        "html": out,
        "png": out.with_suffix(".png"),
        "card": out.with_name(out.stem + ".card.png"),
        "embed": out.with_name(out.stem + ".embed.html"),
        "pdf": out.with_suffix(".pdf"),
        "svg": out.with_suffix(".svg"),
    }


def wanted_outputs(paths: dict[str, Path], options: BuildOptions) -> dict[str, Path]:
    """The paths this build writes: no image or card with ``png=False``, print files only
    when asked for."""
    dropped = (set() if options.png else {"png", "card"}) | (
        set() if options.print_size else {"pdf", "svg"}
    )
    return {kind: path for kind, path in paths.items() if kind not in dropped}


# How an option given as text is checked: each returns the value or raises ValueError with
# what is wrong, quoting the text (the command line shows it after the option's name).


def parse_path(text: str) -> Path:
    """A path that can be written as UTF-8: not empty (``''`` would be the current folder),
    no control character (a newline would split every message that names it)."""
    _utf8(text, "is not a valid UTF-8 path")
    if not text:
        raise ValueError("'' is empty; name a file or folder ('.' is the current folder)")
    control = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    if control:
        raise ValueError(
            f"{shorten(text)!r} has a control character (U+{ord(control):04X}); name it without one"
        )
    return Path(text)


def parse_date(text: str) -> date:
    """A YYYY-MM-DD date, held to the rules of the tables' dates."""
    from mapgen.inputs.kinds import parse_date as table_date

    try:
        return table_date(text)
    except ValueError as err:
        raise ValueError(f"{text!r} {err}") from None


def parse_langs(text: str) -> list[str]:
    """Language codes, comma-separated, in lower case (``DE`` is ``de``), none twice. Whether
    each is a language the data has a file for is :func:`check_langs`' (it needs the data
    folder, which ``--data-dir`` may name after ``--lang``)."""
    from mapgen.inputs import translate as i18n

    langs = [i18n.lower(part.strip()) for part in text.split(",")]
    if len(set(langs)) != len(langs):
        raise ValueError(f"{shorten(text)!r} names a language twice")
    return langs


def parse_lang(lang: str) -> str:
    """One language code known to CLDR, in lower case."""
    from mapgen.inputs import translate as i18n

    lang = i18n.lower(lang)
    problem = i18n.check_lang(lang)
    if problem:
        raise ValueError(f"{shorten(lang)!r} {problem}")
    return lang


def check_langs(langs: list[str], data_dir: Path) -> None:
    """Each of ``langs`` is English or has a file in ``data_dir/i18n``.

    Raises
    ------
    ValueError
        A code that is not a language CLDR knows: what is wrong, the languages there are and
        how to add one (the ``--lang`` option's mistake).
    InputError
        A language CLDR knows without a file (``es``): located at the file it would be.
    """
    from mapgen.errors import InputError
    from mapgen.inputs import translate as i18n

    known = i18n.available(data_dir)
    for lang in langs:
        if lang in known:
            continue
        problem = i18n.check_lang(lang)
        if problem is None:
            raise InputError([i18n.no_file(data_dir, lang)])
        raise ValueError(
            f"{shorten(lang)!r} {problem}; mapgen has texts in {', '.join(known)}; "
            f"a new language: {i18n.how_to_add(data_dir)}"
        )


def parse_base_url(text: str) -> str:
    """An http(s) URL, as map.toml's URLs."""
    from mapgen.inputs import schema

    problem = schema.check_value(text, schema.URL)
    if problem:
        raise ValueError(f"{text!r} {problem}")
    return text


def parse_print_size(text: str) -> str:
    """``A4``, or a newspaper column's width in millimetres within the print sheet's range."""
    from mapgen.image import sheets

    if text.upper() == "A4":
        return "A4"
    try:
        width = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not A4 or a width in millimetres") from None
    if not sheets.PRINT_MIN_MM <= width <= sheets.PRINT_MAX_MM:
        raise ValueError(f"{text!r} is outside {sheets.PRINT_MIN_MM:g}-{sheets.PRINT_MAX_MM:g} mm")
    return f"{width:g}"


def parse_title(text: str) -> str:
    """A title held to the rules of map.toml's texts (length, no control characters)."""
    from mapgen.inputs import schema

    _utf8(text, "is not valid UTF-8")
    problem = schema.check_literal(text)  # a title is not a template
    if problem:
        raise ValueError(f"{shorten(text)!r} {problem}")
    return text


def parse_simplify_px(text: str) -> float:
    """A number of pixels within :data:`SIMPLIFY_RANGE`."""
    from mapgen.inputs.kinds import parse_decimal

    low, high = SIMPLIFY_RANGE
    try:
        value = parse_decimal(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ValueError(f"{text!r} is not a number of pixels from {low:g} to {high:g}")
    return value


def parse_tiles(name: str) -> str:
    """The name of an xyzservices tile provider."""
    import xyzservices

    try:
        xyzservices.providers.query_name(name)
    except ValueError:
        raise ValueError(
            f"{name!r} is not an xyzservices provider (e.g. 'OpenStreetMap Mapnik', "
            "'Esri WorldGrayCanvas')"
        ) from None
    return name


def _utf8(text: str, problem: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{text!r} {problem}") from None
