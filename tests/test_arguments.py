"""mapgen.arguments: the build options, declared once for mapgen, build and serve, with their
defaults only in mapgen.options."""

from __future__ import annotations

import argparse

import pytest

from mapgen import options
from mapgen.arguments import build_options
from mapgen.cli import make_parser
from mapgen.options import BuildOptions


def _subparser(name: str) -> argparse.ArgumentParser:
    parser = make_parser()
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[
        name
    ]


def _build_options(parser: argparse.ArgumentParser) -> list[str]:
    skip = {"--help", "--version", "--port", "--no-open"}
    return [
        a.option_strings[-1]
        for a in parser._actions
        if a.option_strings and not skip & set(a.option_strings)
    ]


def test_mapgen_build_and_serve_have_the_same_build_options():
    top = _build_options(make_parser())
    assert top[0] == "--out" and top[-1] == "--debug" and len(top) == 17
    assert _build_options(_subparser("build")) == top
    assert _build_options(_subparser("serve")) == top


@pytest.mark.parametrize("argv", [[], ["build"], ["serve"]])
def test_an_option_left_out_is_absent_and_takes_its_default_from_options(argv):
    args = make_parser().parse_args(argv)
    assert set(vars(args)) <= {"command", "port", "no_open"}
    built, langs = build_options(args)
    assert built == BuildOptions() and langs == ["en"]


def test_an_option_given_before_the_command_is_kept():
    args = make_parser().parse_args(
        ["--title", "T", "--lang", "de,fr", "build", "--no-png", "--simplify-px", "0.5"]
    )
    built, langs = build_options(args)
    assert (built.render.title, built.render.simplify_px, built.png) == ("T", 0.5, False)
    assert built.lang == "de" and langs == ["de", "fr"]
    assert built.out == BuildOptions().out


def test_the_help_names_the_defaults_of_options(monkeypatch):
    monkeypatch.setattr(options, "OUT", options.Path("elsewhere/x.html"))
    help_text = " ".join(_subparser("build").format_help().split())
    assert "(default: elsewhere/x.html;" in help_text and "elsewhere/x.CODE.html" in help_text
    assert f"(default: {options.DEFAULTS.render.simplify_px})" in help_text
    assert "2021-12-17" not in help_text  # the date the map opens on is map.toml's
