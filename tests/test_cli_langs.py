"""``--lang`` and ``--out`` (issue 25): a code that is not a language of the data folder is
exit 2 in one line naming the languages there are and how to add one; one language honours
``--out`` exactly, several are ``<stem>.<lang>.html``."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import DATA, run_mapgen

KNOWN = "mapgen has texts in en, ar, de, fr, pl, ru, uk"
HOW = f"a new language: mapgen lang template LANG > {DATA / 'i18n' / 'LANG.toml'}"


def _not_a_code(shown: str, command: str = "build") -> str:
    return (
        f"mapgen {command}: argument --lang: {shown} is not a language code (two or three "
        f"letters: de, uk, ar); {KNOWN}; {HOW} (see mapgen {command} --help)"
    )


def _build_lang(tmp_path, code: str):
    """``mapgen build --lang CODE`` from the bundled data into tmp_path/out."""
    out = tmp_path / "out" / "m.html"
    return run_mapgen(
        "build", "--no-png", "--quiet", "--out", out, "--lang", code, "--data-dir", DATA,
        cwd=tmp_path,
    )  # fmt: skip


def _refused(result, tmp_path, expected: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [expected]  # one line, no summary, no traceback
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "xx",
            "mapgen build: argument --lang: 'xx' is not a language CLDR knows (dates and "
            f"plurals could not be written); {KNOWN}; {HOW} (see mapgen build --help)",
        ),
        (
            "es",
            f"{DATA / 'i18n' / 'es.toml'}: no such file: mapgen has no texts in 'es' (it has en, "
            f"ar, de, fr, pl, ru, uk); mapgen lang template es > {DATA / 'i18n' / 'es.toml'} "
            "writes the keys to translate",
        ),
        ("", _not_a_code("''")),
        ("de,", _not_a_code("''")),
        (
            "de,xx",
            _not_a_code("'xx'").replace(
                "is not a language code (two or three letters: de, uk, ar)",
                "is not a language CLDR knows (dates and plurals could not be written)",
            ),
        ),
        ("../de", _not_a_code("'../de'")),
        ("de;rm -rf", _not_a_code("'de;rm -rf'")),
        ("zh_Hant", _not_a_code("'zh_Hant'")),
        ("\u212aa", _not_a_code("'\u212aa'")),  # the Kelvin sign lower-cases to k: refused
        ("a" * 10_000, _not_a_code(repr("a" * 57 + "..."))),
    ],
    ids=[
        "unknown",
        "no-file",
        "empty",
        "trailing-comma",
        "second-unknown",
        "path",
        "shell",
        "script",
        "kelvin",
        "long",
    ],
)
def test_a_lang_that_is_not_a_language_of_the_data_is_one_line(tmp_path, code, expected):
    result = _build_lang(tmp_path, code)
    _refused(result, tmp_path, expected)


def test_serve_and_bytes_that_are_not_utf8(tmp_path):
    serve = run_mapgen("serve", "--no-open", "--lang", "xx", "--data-dir", DATA, cwd=tmp_path)
    assert serve.returncode == 2 and serve.stderr.startswith("mapgen serve: argument --lang: 'xx'")
    assert len(serve.stderr.splitlines()) == 1
    argv = [
        sys.executable,
        "-m",
        "mapgen",
        "build",
        "--no-png",
        "--lang",
        b"\xff",
        "--data-dir",
        str(DATA),
        "--out",
        str(tmp_path / "out" / "m.html"),
    ]
    raw = subprocess.run(argv, capture_output=True, cwd=tmp_path)
    _refused(
        subprocess.CompletedProcess(argv, raw.returncode, "", raw.stderr.decode()),
        tmp_path,
        _not_a_code(r"'\udcff'"),
    )


def test_a_code_is_case_insensitive(tmp_path):
    result = _build_lang(tmp_path, "DE")
    assert result.returncode == 0, result.stderr
    assert '<html lang="de"' in (tmp_path / "out" / "m.html").read_text(encoding="utf-8")


def test_one_language_honours_out_exactly_and_several_are_side_by_side(tmp_path):
    out = tmp_path / "out"
    one = run_mapgen(
        "build", "--quiet", "--lang", "de", "--out", out / "karte.html", "--data-dir", DATA
    )
    assert one.returncode == 0, one.stderr
    written = {"karte.html", "karte.png", "karte.card.png", "karte.embed.html"}
    assert {p.name for p in out.iterdir()} == written
    assert '<html lang="de"' in (out / "karte.html").read_text(encoding="utf-8")
    assert "karte.html" in (out / "karte.embed.html").read_text(encoding="utf-8")
    several = run_mapgen(
        "build",
        "--quiet",
        "--no-png",
        "--lang",
        "de,fr",
        "--out",
        out / "karte.html",
        "--data-dir",
        DATA,
    )
    assert several.returncode == 0, several.stderr
    added = {p.name for p in out.iterdir()} - written
    assert added == {"karte.de.html", "karte.de.embed.html", "karte.fr.html", "karte.fr.embed.html"}
    default = run_mapgen(
        "build", "--quiet", "--no-png", "--lang", "de", "--data-dir", DATA, cwd=tmp_path
    )
    assert default.returncode == 0, default.stderr  # without --out: one page a language
    assert {p.name for p in (tmp_path / "output").iterdir()} == {
        "nato_map.de.html",
        "nato_map.de.embed.html",
    }
