"""Issue 10's attacks on a language file (issue 25, point 6): each payload of map.toml and the
CSVs, put into a copy of data/i18n/de.toml (or ar.toml), is refused in one located line with
nothing written, or builds and stays text in the page's data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import tomlkit

from tests.conftest import DATA, page_parts, run_mapgen

MARKER = "mapgen-pwned"
# Jinja, HTML and script injection, a quote, U+2028/9, a template literal, an HTML comment
# and a javascript: link; a template's braces doubled, a table's cell's literal (see SHOWN).
PAYLOAD = (
    "{{ cycler.__init__.__globals__.os.popen('touch " + MARKER + "').read() }}"
    ' </script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    ' " \u2028 \u2029 ${{7*7}} <!-- javascript:alert(1)'
)
SHOWN = PAYLOAD.replace("{{", "{").replace("}}", "}")
SHORT = "</script><script>window.__pwned=3</script>"  # for the chapters' texts (60 words)
ROWS = ("events", "nato_members", "buildup_2021", "draft_articles", "posture_1997", "names")


def _every_text(text: str) -> str:
    """Every text of a language file with the payload before it: templates (map.toml's keys)
    with their braces doubled, the tables' rows and the shapes' names with literal ones."""
    document = tomlkit.parse(text)

    def hostile(value: str, path: tuple) -> str:
        if path[0] == "chapters" and path[-1] == "text":  # at most 60 words
            return f"{SHORT} {' '.join(value.split()[:40])}"
        return f"{SHOWN if path[0] in ROWS else PAYLOAD} {value}"

    def walk(table, path: tuple) -> None:
        for key in list(table):
            value = table[key]
            if isinstance(value, str):
                table[key] = hostile(value, (*path, key))
            elif isinstance(value, list):
                table[key] = [hostile(item, (*path, key)) for item in value]
            elif isinstance(value, dict):
                if set(value) <= {"zero", "one", "two", "few", "many", "other"}:
                    table[key] = {f: hostile(v, (*path, key)) for f, v in value.items()}
                else:
                    walk(value, (*path, key))

    walk(document, ())
    return tomlkit.dumps(document)


def _replace(old: str, new: str):
    def change(text: str) -> str:
        assert text.count(old) >= 1, old
        return text.replace(old, new, 1)

    return change


DE_TITLE = 'title = "Die NATO-Erweiterung'
# (id, language, change of its file's text (or of its path), outcome): "text", a text the
# page's data holds and how many times at least, or the line of the one problem (the text
# it starts on; None: the file) and what it says
CASES = [
    ("every text: script, Jinja, HTML, U+2028/9", "de", _every_text, ("text", SHOWN, 400)),
    ("every text, Arabic", "ar", _every_text, ("text", SHOWN, 400)),
    (
        "braces in a table's row: literal",
        "de",
        _replace('title = "Nordatlantikvertrag', 'title = "{name} {{x}} Nordatlantikvertrag'),
        ("text", "{name} {{x}} Nordatlantikvertrag", 1),
    ),
    ("a BOM", "de", lambda text: "\ufeff" + text, ("text", "Die NATO-Erweiterung", 1)),
    (
        "javascript: link for a source",
        "de",
        _replace('sources = ["NATO, Mitgliedstaaten",', 'sources = [["x", "javascript:alert(1)"],'),
        ('sources = [["x"', "is not a text"),
    ),
    (
        "raw NUL",
        "de",
        _replace(DE_TITLE, f"{DE_TITLE}\x00"),
        (DE_TITLE, "invalid TOML at column 30: Illegal character '\\x00'"),
    ),
    (
        "escaped NUL",
        "de",
        _replace(DE_TITLE, f"{DE_TITLE}\\u0000"),
        (DE_TITLE, "contains the control character U+0000"),
    ),
    (
        "escaped ESC",
        "de",
        _replace(DE_TITLE, f"{DE_TITLE}\\u001b[31m"),
        (DE_TITLE, "contains the control character U+001B"),
    ),
    (
        "overlong text",
        "de",
        _replace(DE_TITLE, f"{DE_TITLE}{'x' * 5000}"),
        (DE_TITLE, "is longer than 5000 characters"),
    ),
    (
        "bidi override U+202E",
        "ar",
        _replace('title = "توسع', 'title = "\u202eتوسع'),
        ('title = "\u202e', "contains U+202E RIGHT-TO-LEFT OVERRIDE"),
    ),
    (
        "bidi isolate left open",
        "de",
        _replace(DE_TITLE, f"{DE_TITLE}\u2067"),
        (DE_TITLE, "contains U+2067 RIGHT-TO-LEFT ISOLATE not closed"),
    ),
    (
        "invalid UTF-8",
        "de",
        lambda text: text.replace(DE_TITLE, f"{DE_TITLE}\udce9", 1),
        (DE_TITLE, "is not UTF-8 (byte 0xe9)"),
    ),
    (
        "deep nesting",
        "de",
        lambda text: text + "deep = " + "[" * 5000 + "]" * 5000 + "\n",
        (None, "invalid TOML: arrays or tables nested too deeply"),
    ),
    (
        "a key that is a path",
        "de",
        _replace(DE_TITLE, f'"../x" = "y"\n{DE_TITLE}'),
        ('"../x"', "key 'map.../x' is not an English text"),
    ),
    (
        "a duplicate key",
        "de",
        _replace(DE_TITLE, f'title = "Doppelt"\n{DE_TITLE}'),
        (DE_TITLE, "Cannot overwrite a value"),
    ),
    (
        "plural forms the language has not",
        "de",
        _replace('label = { one = "{date}: {count} Mitglied",', 'label = { few = "{count}",'),
        ("label = { few", "has the plural forms ['few', 'other']; de has one, other"),
    ),
    (
        "plural forms for a text without a number",
        "de",
        _replace(
            f'{DE_TITLE} und Russlands Forderungen vom Dezember 2021"',
            'title = { one = "x", other = "y" }',
        ),
        ("title = { one", "is not a text"),
    ),
    (
        "a placeholder reaching into Python",
        "de",
        _replace('label = { one = "{date}:', 'label = { one = "{date.__class__}:'),
        ("label = { one", "has the placeholder {date.__class__}; placeholders are plain names"),
    ),
    (
        "an array left open",
        "de",
        _replace('columns = ["Entwurf", "Artikel",', 'columns = ["Entwurf", "Artikel"\n#,'),
        ("columns = [", "invalid TOML: the array opened here is not closed"),
    ),
    ("a huge file", "de", "huge", (None, "is larger than 64 MB; is it the right file?")),
    ("a folder", "de", "folder", (None, "is a folder; expected a file")),
    ("a link to a device", "de", "device", (None, "is not a regular file; expected a file")),
]


def _prepare(data: Path, lang: str, change) -> str:
    """The copy of the language file changed; its text as changed (or "")."""
    path = data / "i18n" / f"{lang}.toml"
    if change == "huge":  # a sparse file: large, not written
        with path.open("ab") as file:
            file.truncate(65 * 2**20)
        return ""
    if change == "folder":
        path.unlink()
        path.mkdir()
        return ""
    if change == "device":
        path.unlink()
        os.symlink("/dev/zero", path)
        return ""
    text = change(path.read_text(encoding="utf-8"))
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return text


@pytest.fixture(scope="module")
def plain_scripts(tmp_path_factory):
    out = tmp_path_factory.mktemp("plain") / "out"
    result = run_mapgen("build", "--quiet", "--no-png", "--lang", "de", "--out", out / "m.html")
    assert result.returncode == 0, result.stderr
    return page_parts(_page(out)).code


def _page(out: Path) -> Path:
    [page] = [p for p in out.glob("*.html") if not p.name.endswith(".embed.html")]
    return page


@pytest.mark.parametrize(
    ("lang", "change", "outcome"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_language_file_payload_is_refused_or_stays_text(
    tmp_path, plain_scripts, lang, change, outcome
):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = _prepare(data, lang, change)
    out = tmp_path / "out"
    args = ("build", "--quiet", "--no-png", "--data-dir", "data", "--lang", lang)
    result = run_mapgen(*args, "--out", out / "m.html", cwd=tmp_path)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not list(tmp_path.rglob(MARKER)) and not Path(MARKER).exists()
    if outcome[0] == "text":
        assert result.returncode == 0, result.stderr
        parts = page_parts(_page(out))
        assert parts.code == plain_scripts  # the same scripts, whatever the texts
        for block in parts.raw_json.values():  # nothing can end the element
            assert not set("<>&\u2028\u2029") & set(block)
        found = f"{parts.data} {parts.title!r}"
        assert found.count(repr(outcome[1])[1:-1]) >= outcome[2]  # the texts, whole
        return
    starts, says = outcome
    label = f"data/i18n/{lang}.toml"
    where = label if starts is None else f"{label}:{text[: text.index(starts)].count(chr(10)) + 1}"
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{where}: ") and says in lines[0], lines[0]
    assert lines[1:] in ([], ["mapgen: 1 problem(s) in the input; nothing was written"])
    assert not out.exists()


@pytest.mark.browser
def test_a_hostile_language_file_shows_as_text_in_the_browser(tmp_path, open_page):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    _prepare(data, "de", _every_text)
    out = tmp_path / "out"
    args = ("build", "--quiet", "--no-png", "--data-dir", data, "--lang", "de")
    assert run_mapgen(*args, "--out", out / "m.html").returncode == 0
    page = open_page(_page(out))
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert page.locator("h1").inner_text().startswith(SHOWN)
    assert page.locator("#mg-panel").inner_text().count("window.__pwned=1") >= 20
    assert page.locator("img").count() == 0 and page.locator("#mg-panel script").count() == 0
    assert page.console_errors == []
