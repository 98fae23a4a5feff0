"""Fill the texts of data/map.toml: ``{name}`` placeholders only, nothing else.

The editors' texts are untrusted. ``str.format`` would let ``{name.__class__}`` or
``{name[0]}`` reach into Python objects, so the texts are parsed here instead: a placeholder is
a bare name from the list a text declares (see :mod:`mapgen.inputs.schema`), with at most the ``,``
format (thousands separators); ``{{`` and ``}}`` are literal braces.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from mapgen import locale

FORMATS = ("", ",")  # the format specs a placeholder may carry: none, or thousands separators

_PARSER = string.Formatter()


def placeholders(template: str) -> list[str]:
    """The placeholder names in ``template``, in order.

    Raises
    ------
    ValueError
        A stray brace, an attribute or index (``{a.b}``, ``{a[0]}``), a conversion
        (``{a!r}``), a format other than ``,``, or an empty name.
    """
    names = []
    try:
        parsed = list(_PARSER.parse(template))
    except ValueError as err:
        raise ValueError(
            f"has a stray brace ({err}); write {{{{ or }}}} for a literal one"
        ) from None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier():
            raise ValueError(f"has the placeholder {{{field}}}; placeholders are plain names")
        if conversion is not None:
            raise ValueError(f"has a conversion in {{{field}!{conversion}}}")
        if spec not in FORMATS:
            raise ValueError(f"has the format {{{field}:{spec}}}; only {{{field}:,}} is allowed")
        names.append(field)
    return names


@dataclass(frozen=True)
class Plural:
    """A text in the plural forms of its language, chosen by the number ``by`` names:
    ``{"one": "{count} член", "few": "{count} члена", "many": "{count} членов", …}``."""

    forms: dict
    by: str

    def choose(self, values: dict) -> str:
        number = values.get(self.by)
        form = locale.plural_form(number) if isinstance(number, int) else "other"
        return self.forms.get(form, self.forms["other"])


def fill(template: str | Plural, **values) -> str:
    """``template`` with each ``{name}`` replaced by ``values[name]``, numbers written for the
    current language (:mod:`mapgen.locale`; ``{name:,}`` groups thousands). Checked as
    :func:`placeholders` checks, so no placeholder reaches further than the value it names.

    Examples
    --------
    >>> fill("About {area:,} km²", area=16993)
    'About 16,993 km²'
    """
    if isinstance(template, Plural):
        template = template.choose(values)
    placeholders(template)
    out = []
    for literal, field, spec, _conversion in _PARSER.parse(template):
        out.append(literal)
        if field is not None:
            if field not in values:
                raise KeyError(f"no value for the placeholder {{{field}}}")
            value = values[field]
            out.append(
                locale.number(value, grouped=spec == ",")
                if isinstance(value, int | float) and not isinstance(value, bool)
                else str(value)
            )
    return "".join(out)


def pieces(template: str, fields: dict[str, str]) -> list[str]:
    """``template``'s texts and, in turn, the field each placeholder names (``fields``), for
    the page to put together: ``pieces("{date}: {title}", {"date": "d", "title": "t"})`` is
    ``["", "d", ": ", "t", ""]``."""
    placeholders(template)
    out = []
    for literal, field, _spec, _conversion in _PARSER.parse(template):
        if out and len(out) % 2 == 1:  # two texts in a row: join them
            out[-1] += literal
        else:
            out.append(literal)
        if field is not None:
            out.append(fields[field])
    if len(out) % 2 == 0:
        out.append("")
    return out
