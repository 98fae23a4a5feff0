"""The tables every map reads, whatever its layers: the members, the parts of members that
joined on a date of their own, and the index of the drafts' articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from mapgen.errors import InputError, Problem, display_path
from mapgen.inputs.files import AREAS_FILE, ARTICLES_FILE, MEMBERS_FILE
from mapgen.inputs.tables import Column, Table, read_table, with_choices

MEMBERS = Table(
    "members",
    MEMBERS_FILE,
    (
        Column("iso3", "iso3"),
        Column("name"),
        Column("accession_date", "date"),
        Column("source"),
    ),
    key=("iso3",),
    min_rows=1,
)
AREAS = Table(
    "areas",
    AREAS_FILE,
    (
        Column("shape_id"),
        Column("member_iso3", "iso3"),
        Column("name"),
        Column("accession_date", "date"),
        Column("event"),
        Column("source"),
    ),
    key=("shape_id",),
    translated=("name", "event"),
    row_key=lambda r: r.shape_id,
)
DOCUMENTS = ("treaty", "agreement")  # the draft treaty with the US, the draft agreement with NATO
ARTICLES = Table(
    "articles",
    ARTICLES_FILE,
    (
        Column("document"),
        Column("article", "count"),
        Column("summary"),
        Column("on_map", required=False),
        Column("not_mapped", required=False),
        Column("source"),
        Column("source_url", "url"),
        # what became of it since: a sentence, and the date and source of the latest fact it
        # names (all three empty where it names none)
        Column("since"),
        Column("since_date", "date", required=False),
        Column("since_source", required=False),
        Column("since_url", "url", required=False),
    ),
    key=("document", "article"),
    translated=("summary", "not_mapped", "since", "since_source"),
    row_key=lambda r: f"{r.document}-{r.article}",
)
CORE_TABLES = (MEMBERS, AREAS, ARTICLES)

_NO_SHAPE = "has no shape in data/geo"


def unknown_codes(settings, shape_ids) -> list[Problem]:
    """The country codes map.toml names (``iso3`` lists) that have no shape."""
    problems = []
    for layer, spec in settings.layers.items():
        for key, value in spec.items():
            if key == "iso3":
                missing = [code for code in value if code not in shape_ids]
                if missing:
                    problems.append(
                        settings.problem(
                            f"layers.{layer}.{key}",
                            f"names {', '.join(missing)}, which have no shape in data/geo",
                        )
                    )
    return problems


def load_members(path: Path, shape_ids) -> pd.DataFrame:
    """Read the members table; every iso3 must name a country shape."""
    columns = with_choices(MEMBERS.columns, "iso3", shape_ids, _NO_SHAPE)
    return read_table(path, columns, key=MEMBERS.key, min_rows=MEMBERS.min_rows)


def load_areas(path: Path, shape_ids, member_codes) -> pd.DataFrame:
    """Read the parts of members that joined on a date of their own (the former GDR)."""
    columns = with_choices(AREAS.columns, "shape_id", shape_ids, _NO_SHAPE)
    columns = with_choices(columns, "member_iso3", member_codes, "is not in the members table")
    return read_table(path, columns, key=AREAS.key)


def _names(value) -> list[str]:
    return [n.strip() for n in value.split(";") if n.strip()] if isinstance(value, str) else []


_SINCE_FACT = ("since_date", "since_source", "since_url")


def _since_problems(row, label: str) -> list[Problem]:
    """A fact the ``since`` sentence names has its date, source and link, or none of them."""
    given = [name for name in _SINCE_FACT if isinstance(getattr(row, name), (str, date))]
    if not given or len(given) == len(_SINCE_FACT):
        return []
    missing = [name for name in _SINCE_FACT if name not in given]
    message = (
        f"{missing[0]} is empty, but {given[0]} {str(getattr(row, given[0]))!r} is given: "
        "a fact since 2021 has its date, source and link (or none of them)"
    )
    return [Problem(label, row.line, missing[0], message)]


def load_articles(path: Path, layer_names) -> pd.DataFrame:
    """Read the index of the drafts' articles: each names the layers that show it (of
    ``layer_names``, the registered layers) or says why none does."""
    layer_names = list(layer_names)
    unknown = f"is not one of {', '.join(DOCUMENTS)}"
    columns = with_choices(ARTICLES.columns, "document", DOCUMENTS, unknown)
    articles = read_table(path, columns, key=ARTICLES.key)
    label, problems = display_path(path), []
    for row, layers in zip(articles.itertuples(), map(_names, articles["on_map"]), strict=True):
        unknown_layers = [name for name in layers if name not in layer_names]
        if unknown_layers:
            message = (
                f"on_map {row.on_map!r} names no layer {', '.join(unknown_layers)} "
                f"({', '.join(layer_names)})"
            )
            problems.append(Problem(label, row.line, "on_map", message))
        if not layers and not isinstance(row.not_mapped, str):
            message = "not_mapped is empty: say why the map does not show this article"
            problems.append(Problem(label, row.line, "not_mapped", message))
        problems += _since_problems(row, label)
    if problems:
        raise InputError(problems)
    return articles.assign(layers=[_names(v) for v in articles["on_map"]])
