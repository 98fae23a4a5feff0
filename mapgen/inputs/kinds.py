"""The one vocabulary of values: what a date, a country code, a link, a colour, a text … is.

A CSV cell arrives as text and is *parsed* (``parse_*``: the value, or ValueError with the
message); a map.toml value arrives typed from TOML and is *checked* (``check_*``: the message,
or None). Both sides use the same patterns and the same rule of the characters a text may
not hold (:func:`hidden_character`: control characters, bidi overrides); where a CSV
message has always differed from its map.toml one (dates, numbers), both are kept as they are.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from mapgen import texts

TEXT_MAX = 5000  # characters: the longest text a popup or caption can honestly hold

# Control characters other than tab and line feed. A CSV cell quoted over several lines of a
# file with CRLF line ends holds CRLF: that CR is the file's line end, not the text's
# (see parse_text); a lone CR anywhere is a control character.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character(value: str) -> str | None:
    """The message for the first control character in ``value``, or None."""
    control = CONTROL.search(value)
    return f"contains the control character U+{ord(control.group()):04X}" if control else None


# Bidirectional formatting characters. The overrides and embeddings (U+202A-U+202E) and an
# isolate left open (U+2066-U+2068 without its U+2069) reorder what follows them, even past
# the text's end in the page: a caption or a name that reads differently from its characters
# ("Trojan source", CVE-2021-42574). The marks a right-to-left language needs stay text:
# U+200E LRM, U+200F RLM, U+061C ALM, and isolates closed in the same text.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ISOLATES = "\u2066\u2067\u2068"
_PDI = "\u2069"
_TROJAN = 'which makes the text read differently from its characters ("Trojan source")'


def _named(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char)}"


def bidi_control(value: str) -> str | None:
    """The message for the first bidi override or embedding in ``value``, or for an isolate
    not closed (or a close without its isolate) in it; None if there is none."""
    opened = []
    for match in _BIDI.finditer(value):
        char = match.group()
        if char in _ISOLATES:
            opened.append(char)
        elif char != _PDI:
            return f"contains {_named(char)}, {_TROJAN}; remove it"
        elif opened:
            opened.pop()
        else:
            return (
                f"contains {_named(char)} with no isolate open before it, which would close one "
                'around the text ("Trojan source"); remove it'
            )
    if opened:
        return (
            f"contains {_named(opened[-1])} not closed by {_named(_PDI)} in the same text, "
            f"{_TROJAN}; close it or remove it"
        )
    return None


def hidden_character(value: str) -> str | None:
    """The message for a character a text may not hold (a control character, a bidi
    override, an open isolate), or None: the one rule of every text, CSV cell or TOML value."""
    return control_character(value) or bidi_control(value)


@dataclass(frozen=True)
class Pattern:
    """A value written to a pattern (a code, a link, a colour), and what it is not."""

    regex: re.Pattern
    message: str

    def check(self, value) -> str | None:
        if not isinstance(value, str) or not self.regex.fullmatch(value):
            return self.message
        return None

    def parse(self, text: str) -> str:
        if not self.regex.fullmatch(text):
            raise ValueError(self.message)
        return text


def _pattern(regex: str, message: str) -> Pattern:
    return Pattern(re.compile(regex, re.ASCII), message)


ISO3 = _pattern(r"[A-Z]{3}", "is not a three-letter upper-case ISO 3166-1 alpha-3 code")
URL = _pattern(r"https?://[^\s\"'<>\\]+", "is not an http(s) URL")
COLOUR = _pattern(r"#[0-9a-fA-F]{6}", "is not a colour written #rrggbb")
ID = _pattern(r"[a-z][a-z0-9_-]{0,31}", "is not an id of lower-case letters, digits, - and _")
MONTH = _pattern(r"[0-9]{4}-(0[1-9]|1[0-2])", "is not a month written YYYY-MM")
COUNT = _pattern(r"[1-9][0-9]{0,5}", "is not a whole number from 1 up")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# A decimal number in ASCII digits: float() would also take "٥٠", "５０", "5_0", "nan" and "inf".
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", re.ASCII)


# --- colours -------------------------------------------------------------------------------


def rgb(colour: str) -> list[int]:
    """The red, green and blue of a colour written #rrggbb (:data:`COLOUR`)."""
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def hex_colour(channels) -> str:
    """#rrggbb from red, green and blue (0-255)."""
    return "#" + "".join(f"{v:02x}" for v in channels)


# --- CSV cells: parse text ---------------------------------------------------------------------


def parse_decimal(text: str) -> float:
    """A finite number written with ASCII digits (``50``, ``-1.5``, ``2e3``)."""
    if not _DECIMAL.fullmatch(text):
        raise ValueError("is not a number written with the digits 0-9")
    return float(text)


def parse_date(text: str) -> date:
    """A real calendar date written YYYY-MM-DD."""
    if not _DATE.fullmatch(text):
        raise ValueError("is not a valid YYYY-MM-DD date")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("is not a valid YYYY-MM-DD date") from None


def parse_number(low: float, high: float, what: str) -> Callable[[str], float]:
    """A parser of a decimal number in [low, high]; ``what`` names it in messages."""

    def parse(text: str) -> float:
        try:
            value = parse_decimal(text)
        except ValueError:
            raise ValueError(f"is not a number written with the digits 0-9 ({what})") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(f"is outside [{low:g}, {high:g}] ({what})")
        return value

    return parse


def parse_count(text: str) -> int:
    """A whole number from 1 up, written with ASCII digits."""
    return int(COUNT.parse(text))


def parse_text(text: str) -> str:
    """Any text but control characters and bidi overrides (:func:`hidden_character`; a tab
    or a line break inside quotes is fine)."""
    problem = hidden_character(text.replace("\r\n", "\n"))
    if problem:
        raise ValueError(problem)
    return text


# --- map.toml values: check typed values ---------------------------------------------------------


def word_count(value: str) -> int:
    """Words, not punctuation: French sets « », : and ; apart with spaces, and a number
    grouped with a space (14 000) is one word."""
    value = re.sub(r"(?<=\d)[\u00a0\u202f ](?=\d{3}\b)", "", value)
    return sum(any(c.isalnum() for c in token) for token in value.split())


def visible(value: str) -> bool:
    """Whether a text has a character a reader sees (not only spaces or zero-width marks)."""
    return any(unicodedata.category(c)[0] not in "CZ" for c in value)


def check_number(value, low: float, high: float, integer: bool) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "is not a number"
    if integer and not isinstance(value, int):
        return "is not a whole number"
    if not math.isfinite(value) or not low <= value <= high:
        return f"is outside [{low:g}, {high:g}]"
    return None


def check_text(value, placeholders: tuple[str, ...] = (), words: int = 0) -> str | None:
    """A text the reader sees, using only these ``{placeholders}``, of at most ``words``
    words (0: no limit)."""
    if not isinstance(value, str):
        return "is not a text (put it in double quotes)"
    if not visible(value):
        return "is empty (or only spaces and invisible marks)"
    if len(value) > TEXT_MAX:
        return f"is longer than {TEXT_MAX} characters"
    hidden = hidden_character(value)
    if hidden:
        return hidden
    try:
        used = texts.placeholders(value)
    except ValueError as err:
        return str(err)
    if words and word_count(value) > words:
        return f"has {word_count(value)} words; a caption holds at most {words}"
    unknown = [name for name in used if name not in placeholders]
    if unknown:
        allowed = ", ".join(f"{{{p}}}" for p in placeholders) or "none"
        return f"has the placeholder {{{unknown[0]}}}; this text may use: {allowed}"
    return None


def check_latlon(value) -> str | None:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or any(isinstance(v, bool) or not isinstance(v, int | float) for v in value)
    ):
        return "is not [latitude, longitude]"
    lat, lon = value
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return "is outside [-90, 90] x [-180, 180]"
    return None


def check_bounds(value) -> str | None:
    if not isinstance(value, list) or len(value) != 2 or any(check_latlon(v) for v in value):
        return "is not [[south, west], [north, east]] in degrees"
    (south, west), (north, east) = value
    if not (south < north and west < east):
        return "is not [[south, west], [north, east]]: south must be below north, west of east"
    return None


def check_list(value, each: Callable[[object], str | None], what: str) -> str | None:
    """A list of at least one item, each passing ``each``, none repeated."""
    if not isinstance(value, list) or not value:
        return f"is not a list of {what}"
    for item in value:
        problem = each(item)
        if problem:
            return f"item {item!r} {problem}"
    if len(set(map(str, value))) != len(value):
        return "repeats an item"
    return None


def check_date(value) -> str | None:
    if isinstance(value, datetime):
        return "is a date and time; write the date alone, YYYY-MM-DD"
    if isinstance(value, date):
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return "is not a date written YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return "is not a real calendar date"
    return None


def iso_date(value):
    """A date of map.toml (a TOML date or a YYYY-MM-DD text) as YYYY-MM-DD."""
    return value.isoformat() if isinstance(value, date) else value


def check_sources(value) -> str | None:
    """A list of [who and what, http(s) link] pairs."""
    if not isinstance(value, list) or not value:
        return "is not a list of [source, link] pairs"
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            return f"item {pair!r} is not a [source, link] pair"
        problem = check_text(pair[0]) or URL.check(pair[1])
        if problem:
            return f"item {pair!r} {problem}"
    return None


def check_hatches(value, needed: tuple[str, ...]) -> str | None:
    """A table of pattern names and colours, with at least the ``needed`` patterns."""
    if not isinstance(value, dict):
        return "is not a table of pattern names and colours"
    for name, colour in value.items():
        if not ID.regex.fullmatch(name):
            return f"names a pattern {name!r}; use lower-case letters, digits, - and _"
        problem = COLOUR.check(colour)
        if problem:
            return f"pattern {name!r}: {colour!r} {problem}"
    missing = [name for name in needed if name not in value]
    if missing:
        return f"lacks the pattern(s) {', '.join(missing)}, which the layers draw with"
    return None
