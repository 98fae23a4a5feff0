"""The map in the reader's language: one file a language, ``data/i18n/<lang>.toml``.

English is the language of map.toml and the tables; a language file gives every text the
reader sees under the key of its English text, and nothing else:

- map.toml's texts by table and key (``[layers.baseline] popup_text``); a list of sources
  gives its titles only (the links stay); a chapter is ``[chapters.<id>]``;
- the tables' texts by file and row (``[events."1949-04-04"] title``, see :func:`rows`);
- ``[names]``: the shapes Natural Earth does not name in the language (oblasts, seas), by
  ``shape_id``. Countries are named from Natural Earth's ``name_<lang>`` in data/geo, unless
  the file names them too (optional: ``BLR = "Беларусь"``).

A text whose wording follows a number (``plural`` in :mod:`mapgen.inputs.schema`) may be a
table of
CLDR plural forms: ``label = { one = "…", few = "…", many = "…", other = "…" }``.
Which columns of a table are translated, and how a row is named, its declaration says
(:class:`mapgen.inputs.tables.Table`: ``translated``, ``row_key``).
A missing or extra key, a placeholder English does not use, a list of another length: each is
a located error, ``data/i18n/de.toml:12: …``. ``mapgen lang template LANG`` writes the keys
with their English texts: the start of a new language.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path

from mapgen import locale
from mapgen.errors import InputError, Problem, display_path, read_input, shorten
from mapgen.inputs import schema
from mapgen.inputs.files import I18N_DIR
from mapgen.inputs.settings import settings_from
from mapgen.inputs.toml import key_lines, parse_toml
from mapgen.texts import Plural, placeholders

_LANG = re.compile(r"[a-z]{2,3}", re.ASCII)


def rows(sources):
    """The tables' texts: (the name a language file gives the table, the table's name, how
    a row is named, the columns the reader sees) of each table with translated columns (the
    rest are positions, dates, links and ids)."""
    return [
        (table.stem, table.name, table.row_key, table.translated)
        for table in sources.declared.values()
        if table.translated
    ]


def _row_keys(frame, name_of) -> list[str]:
    """Each row's key; a key already taken gets ``-2``, ``-3`` … (two events on one day)."""
    keys, seen = [], {}
    for row in frame.itertuples():
        key = name_of(row)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return keys


@dataclasses.dataclass(frozen=True)
class Entry:
    """One English text: its value and how it is checked (placeholders, plural)."""

    value: object
    key: schema.Key


_ROW_TEXT = schema.Key("text")  # a table's cell: a plain text, no placeholders


def english(raw: dict, sources, shapes, lang: str) -> dict[str, Entry]:
    """Every text the reader sees, by the dotted key the file of ``lang`` gives it under."""
    out: dict[str, Entry] = {}
    for name, keys, table in schema.each_table(raw, sources.settings.tables):
        table = table or {}
        for key_name, key in keys.items():
            if key.is_translated and key_name in table:
                out[f"{name}.{key_name}"] = Entry(_titles(table[key_name], key), key)
    for chapter in raw.get("chapters", []):
        for key_name, key in schema.CHAPTER.items():
            if key.is_translated and key_name in chapter:
                value = _titles(chapter[key_name], key)
                out[f"chapters.{chapter['id']}.{key_name}"] = Entry(value, key)
    for stem, table_name, name_of, columns in rows(sources):
        frame = sources.tables[table_name]
        for row_key, (_, row) in zip(_row_keys(frame, name_of), frame.iterrows(), strict=True):
            for column in columns:
                if isinstance(row[column], str) and row[column]:
                    out[f"{stem}.{row_key}.{column}"] = Entry(row[column], _ROW_TEXT)
    for shape_id, name in _unnamed(shapes, lang).items():
        out[f"names.{shape_id}"] = Entry(name, _ROW_TEXT)
    return out


def _titles(value, key: schema.Key):
    return [who for who, _link in value] if key.kind == "sources" else value


def _own_name(shapes, lang: str) -> list[str]:
    """Each shape's name in ``lang`` from Natural Earth (``name_<lang>``), or ""."""
    column = f"name_{lang}"
    if column not in shapes.columns:
        return [""] * len(shapes)
    return [name if isinstance(name, str) else "" for name in shapes[column]]


def _unnamed(shapes, lang: str) -> dict[str, str]:
    """The shapes Natural Earth does not name in ``lang`` (oblasts, seas, the former GDR), by
    id, with their English names: the language file names them."""
    return {
        sid: name
        for sid, name, own in zip(
            shapes.index, shapes["name"], _own_name(shapes, lang), strict=True
        )
        if not own
    }


def language_file(data_dir: Path, lang: str) -> Path:
    return data_dir / I18N_DIR / f"{lang}.toml"


def available(data_dir: Path) -> list[str]:
    """The languages data/ has a file for (named by a language code), and English."""
    folder = data_dir / I18N_DIR
    found = sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []
    langs = [lang for lang in found if _LANG.fullmatch(lang) and lang != locale.DEFAULT]
    return [locale.DEFAULT, *langs]


def how_to_add(data_dir: Path, lang: str = "LANG") -> str:
    """The command that starts the file of a new language."""
    return f"mapgen lang template {lang} > {display_path(language_file(data_dir, lang))}"


def no_file(data_dir: Path, lang: str) -> Problem:
    """A language CLDR knows that data/ has no file for: where the file would be, the
    languages there are, and how to start it."""
    known = ", ".join(available(data_dir))
    message = (
        f"no such file: mapgen has no texts in {lang!r} (it has {known}); "
        f"{how_to_add(data_dir, lang)} writes the keys to translate"
    )
    return Problem(display_path(language_file(data_dir, lang)), None, None, message)


def flatten(tree: dict, english_keys, prefix: str = ""):
    """A language file's tables as (dotted key, value) pairs; a table whose key is an English
    text (a plural form table) is a value."""
    for name, value in tree.items():
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(value, dict) and path not in english_keys:
            yield from flatten(value, english_keys, path)
        else:
            yield path, value


def _problem(value, entry: Entry, lang: str) -> str | None:
    """What is wrong with a translated value, or None."""
    key, english_value = entry.key, entry.value
    if key is _ROW_TEXT:  # a table's cell, a shape's name: plain text, as in the CSV
        if not isinstance(value, str):
            return "is not a text"
        return schema.check_literal(value, key)
    if isinstance(english_value, list):
        if not isinstance(value, list) or len(value) != len(english_value):
            return f"is not a list of {len(english_value)} texts, as in English"
        for item in value:
            problem = schema.check_value(item, schema.Key("text"))
            if problem:
                return f"item {item!r} {problem}"
        return None
    wanted = set(placeholders(english_value))
    if isinstance(value, dict) and key.plural:
        forms = locale.plural_forms(lang)
        unknown = [form for form in value if form not in forms]
        if unknown or "other" not in value:
            return f"has the plural forms {sorted(value)}; {lang} has {', '.join(sorted(forms))}"
        texts = value.items()
    elif isinstance(value, str):
        texts = [("other", value)]
    else:
        plural = " or a table of plural forms" if key.plural else ""
        return f"is not a text{plural}"
    for form, text in texts:
        problem = schema.check_value(text, key)
        if problem:
            return problem if form == "other" and len(texts) == 1 else f"form {form} {problem}"
        used = set(placeholders(text))
        if used - wanted:
            allowed = ", ".join(f"{{{p}}}" for p in sorted(wanted)) or "none"
            return f"uses {{{sorted(used - wanted)[0]}}}; the English text uses: {allowed}"
        if form == "other" and wanted - used:
            return f"lacks {{{sorted(wanted - used)[0]}}}, which the English text has"
    return None


@dataclasses.dataclass
class Translation:
    """A language file, read and checked: its texts by dotted key."""

    lang: str
    texts: dict
    label: str


def optional_names(shapes) -> dict[str, Entry]:
    """Names a language file may give though Natural Earth has them: ``[names] BLR =
    "Беларусь"`` where the newsroom writes a country otherwise (Natural Earth: Белоруссия)."""
    return {
        f"names.{sid}": Entry(name, _ROW_TEXT)
        for sid, name in zip(shapes.index, shapes["name"], strict=True)
    }


def read(
    data_dir: Path,
    lang: str,
    entries: dict[str, Entry],
    path: Path | None = None,
    optional: dict[str, Entry] | None = None,
) -> Translation:
    """Read ``data/i18n/<lang>.toml`` and hold it to the English texts ``entries`` (and, if
    given, the ``optional`` ones it may also give).

    Raises
    ------
    InputError
        Every problem, located: a missing or extra key, a wrong kind, a placeholder.
    """
    path = path or language_file(data_dir, lang)
    label = display_path(path)
    raw, source = parse_toml(read_input(path, label), label)
    lines = key_lines(source)
    flat = dict(flatten(raw, entries))
    problems = []
    optional = optional or {}
    for key, value in flat.items():
        at = lines.get(key, 1)
        entry = entries.get(key) or optional.get(key)
        if entry is None:
            close = difflib.get_close_matches(key, list(entries), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(Problem(label, at, key, f"key '{key}' is not an English text{hint}"))
            continue
        problem = _problem(value, entry, lang)
        if problem:
            # a value that is not a text is shown marked as cut, whatever its length
            shown = shorten(value) if isinstance(value, str) else shorten(f"{value}...")
            problems.append(Problem(label, at, key, f"key '{key}' {shown!r} {problem}"))
    for key, entry in entries.items():
        if key not in flat:
            table = key.rsplit(".", 1)[0]
            at = lines.get(table, 1)
            english_value = shorten(str(entry.value))
            problems.append(
                Problem(label, at, key, f"key '{key}' is missing (English: {english_value!r})")
            )
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0))
    return Translation(lang, flat, label)


def translate(sources, data_dir: Path, lang: str):
    """``sources`` (:class:`mapgen.inputs.Sources`) with every reader's text in ``lang``: the
    translate stage, between load and join. English returns ``sources`` as it is."""
    if lang == locale.DEFAULT:
        return sources
    if not language_file(data_dir, lang).exists():
        raise InputError([no_file(data_dir, lang)])
    shapes = sources.shapes
    entries = english(sources.settings.raw, sources, shapes, lang)
    translation = read(data_dir, lang, entries, optional=optional_names(shapes))
    texts = translation.texts
    merged = _merged(sources.settings.raw, texts, sources.settings.tables)
    settings = settings_from(merged, sources.settings)
    tables = dict(sources.tables)
    for stem, table_name, name_of, columns in rows(sources):
        frame = tables[table_name].copy()
        keys = _row_keys(frame, name_of)
        for column in columns:
            frame[column] = [
                texts.get(f"{stem}.{key}.{column}", value)
                for key, value in zip(keys, frame[column], strict=True)
            ]
        tables[table_name] = frame
    names = [
        texts.get(f"names.{sid}") or own
        for sid, own in zip(shapes.index, _own_name(shapes, lang), strict=True)
    ]
    shapes = shapes.assign(name=names)
    members = tables["members"].copy()
    members["name"] = [shapes.at[iso3, "name"] for iso3 in members["iso3"]]
    tables["members"] = members
    return dataclasses.replace(sources, shapes=shapes, settings=settings, tables=tables)


def _merged(raw: dict, texts: dict, declared: dict) -> dict:
    """map.toml's tables with the translated texts in place of the English ones."""
    out = {name: dict(table) if isinstance(table, dict) else table for name, table in raw.items()}
    out["layers"] = {name: dict(table) for name, table in raw.get("layers", {}).items()}
    out["chapters"] = [dict(chapter) for chapter in raw.get("chapters", [])]
    for name, keys, table in schema.each_table(out, declared):
        if table is not None:
            _put(table, keys, texts, name)
    for chapter in out["chapters"]:
        _put(chapter, schema.CHAPTER, texts, f"chapters.{chapter['id']}")
    return out


def _put(table: dict, keys: dict, texts: dict, prefix: str) -> None:
    for key_name, key in keys.items():
        value = texts.get(f"{prefix}.{key_name}")
        if value is None:
            continue
        if key.kind == "sources":
            value = [[who, link] for who, (_old, link) in zip(value, table[key_name], strict=True)]
        elif isinstance(value, dict):
            value = Plural(value, key.plural)
        table[key_name] = value


def check_lang(lang: str) -> str | None:
    """What is wrong with a language code asked for (lower case: :func:`lower`), or None."""
    if not _LANG.fullmatch(lang):
        return "is not a language code (two or three letters: de, uk, ar)"
    if not locale.is_known(lang):
        return "is not a language CLDR knows (dates and plurals could not be written)"
    return None


def lower(code: str) -> str:
    """A language code in lower case (``DE`` is ``de``, as in BCP 47); a text that is not
    ASCII letters is left as it is, for :func:`check_lang` to refuse (``"\u212a"``, the
    Kelvin sign, would otherwise become ``k``)."""
    return code.lower() if code.isascii() and code.isalpha() else code
