"""The README documents the command line: every command and every option of every command
appears in it, and every command's help has examples (as sqlite-utils' test_docs.py)."""

from __future__ import annotations

import argparse
import re

import pytest
from conftest import ROOT

from mapgen.cli import make_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, name: str = "mapgen"):
    """Each command's name and parser, ``mapgen`` itself first, subcommands depth first."""
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub, subparser in action.choices.items():
                yield from _commands(subparser, f"{name} {sub}")


COMMANDS = dict(_commands(make_parser()))
OPTIONS = sorted(
    {
        (name, option)
        for name, parser in COMMANDS.items()
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--")
    }
)


def test_the_walk_finds_every_command():
    assert set(COMMANDS) == {
        "mapgen",
        "mapgen build",
        "mapgen serve",
        "mapgen init",
        "mapgen lang",
        "mapgen lang check",
        "mapgen lang template",
    }
    assert len(OPTIONS) > 50


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_in_the_readme_and_its_help_has_examples(command):
    assert re.search(rf"(?<![\w-]){re.escape(command)}(?![\w-])", README), command
    parser = COMMANDS[command]
    assert "examples:" in parser.description, command
    for action in parser._actions:
        if action.help != argparse.SUPPRESS and action.dest != "help" and action.option_strings:
            assert "e.g." in action.help, (command, action.option_strings)


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[" ".join(o) for o in OPTIONS])
def test_every_option_is_in_the_readme(command, option):
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README), (
        f"{command} {option} is not in README.md"
    )
