"""The render stage's templates: one autoescaping Jinja environment over mapgen/templates."""

from __future__ import annotations

from importlib import resources

import jinja2

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("mapgen", "templates"), autoescape=True, keep_trailing_newline=True
)


def template_text(name: str) -> str:
    """A template file's text as it is (CSS and JS inlined into the page)."""
    path = resources.files("mapgen.templates")
    for part in name.split("/"):
        path = path.joinpath(part)
    return path.read_text(encoding="utf-8")
