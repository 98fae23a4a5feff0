"""How dates, numbers, lists and plurals read in the language of the build (Babel, CLDR).

A build is in one language (``mapgen build --lang de``); :func:`using` sets it for the stages
that write texts, so that a layer module asks :func:`long_date` and gets "17. Dezember 2021"
without a language passed down every call. Several languages are built in separate processes.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

DEFAULT = "en"
# English as the map writes it: "17 December 2021", "A, B and C" (CLDR's British English).
_CLDR = {"en": "en_GB"}

_current: ContextVar[str] = ContextVar("mapgen_lang", default=DEFAULT)


def current() -> str:
    """The language being built: ``en``, ``de`` …"""
    return _current.get()


@contextmanager
def using(lang: str):
    """Build in ``lang`` inside the block."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def cldr(lang: str | None = None) -> Locale:
    """The CLDR locale of ``lang`` (default: the current language)."""
    return _parsed(lang or current())


@cache
def _parsed(lang: str) -> Locale:
    return Locale.parse(_CLDR.get(lang, lang))


def is_known(lang: str) -> bool:
    """Whether CLDR knows ``lang`` (so that its dates and plurals can be written)."""
    try:
        Locale.parse(_CLDR.get(lang, lang))
    except (ValueError, LookupError, UnknownLocaleError):  # 'xx': UnknownLocaleError
        return False
    return True


def autonym(lang: str) -> str:
    """The language's name in itself: English, Deutsch, Українська, العربية."""
    name = Locale.parse(lang).get_display_name(lang)
    return name[:1].upper() + name[1:]


def direction(lang: str | None = None) -> str:
    """``ltr`` or ``rtl``, for ``<html dir>``."""
    return cldr(lang).text_direction


def long_date(day: date) -> str:
    """``17 December 2021``, ``17. Dezember 2021``, ``17 грудня 2021 р.``"""
    return format_date(day, "long", locale=cldr())


def month_year(value: str) -> str:
    """A month written ``2021-11``: ``November 2021``, ``listopad 2021``."""
    year, month = (int(part) for part in value.split("-")[:2])
    return format_skeleton("yMMMM", date(year, month, 1), locale=cldr())


def number(value: int | float, grouped: bool = False) -> str:
    """A number in the language's digits; ``grouped`` with its thousands separator
    (16,993; 16.993; 16 993)."""
    return format_decimal(value, format=None if grouped else "0.###", locale=cldr())


def names_list(names: list[str]) -> str:
    """``A, B and C``; ``A, B und C``."""
    names = list(names)
    return format_list(names, locale=cldr()) if names else ""


def plural_form(count: int) -> str:
    """The CLDR plural category of ``count`` in the current language: one, few, many, other …"""
    return cldr().plural_form(count)


def plural_forms(lang: str) -> tuple[str, ...]:
    """The plural categories a text in ``lang`` may give (``other`` always)."""
    return tuple(cldr(lang).plural_form.tags | {"other"})
