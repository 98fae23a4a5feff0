"""Fill the texts of data/map.toml: ``{name}`` placeholders only, nothing else.

The editors' texts are untrusted. ``str.format`` would let ``{name.__class__}`` or
``{name[0]}`` reach into Python objects, so the texts are parsed here instead: a placeholder is
a bare name from the list a text declares (see :mod:`mapgen.schema`), with at most the ``,``
format (thousands separators); ``{{`` and ``}}`` are literal braces.
"""

from __future__ import annotations

import string

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


def fill(template: str, **values) -> str:
    """``template`` with each ``{name}`` replaced by ``values[name]`` (``{name:,}`` groups
    thousands). Checked as :func:`placeholders` checks, so no placeholder reaches further
    than the value it names.

    Examples
    --------
    >>> fill("About {area:,} km²", area=16993)
    'About 16,993 km²'
    """
    placeholders(template)
    out = []
    for literal, field, spec, _conversion in _PARSER.parse(template):
        out.append(literal)
        if field is not None:
            if field not in values:
                raise KeyError(f"no value for the placeholder {{{field}}}")
            value = values[field]
            out.append(format(value, spec) if isinstance(value, int | float) else str(value))
    return "".join(out)
