"""Reproducible element ids: folium/branca draw random ones; we number them in tree order."""

from __future__ import annotations

from branca.element import Element


def stabilise_ids(root: Element) -> None:
    """Give every element under ``root`` an id from a counter, depth first in child order."""
    counter = 0

    def visit(element: Element) -> None:
        nonlocal counter
        element._id = f"{counter:03d}"
        counter += 1
        for child in element._children.values():
            visit(child)

    visit(root)
