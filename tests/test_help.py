"""``credsite COMMAND --help`` works for every command and subcommand (README: "Every command has
``--help``") and names each of its options.

tests/test_golden_output.py pins the texts of the top-level commands; this covers every level
(``import edubadges``, ``export sd-jwt``, ``key compromised`` ...), found in the parser itself, so
a command added later is covered without a change here. The fixed list below makes sure the walk
finds them all: a new command is added to it on purpose.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from credsite.commands.cli import main, make_parser

COMMANDS = {
    (),
    ("build",),
    ("check",),
    ("serve",),
    ("init",),
    ("import",),
    ("import", "edubadges"),
    ("keygen",),
    ("key",),
    ("key", "compromised"),
    ("issue",),
    ("revoke",),
    ("suspend",),
    ("reinstate",),
    ("renew-lists",),
    ("unpublish",),
    ("export",),
    ("export", "elm"),
    ("export", "sd-jwt"),
    ("verify",),
}


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


PARSERS = dict(_commands(make_parser()))


def _names(parser: argparse.ArgumentParser) -> list[str]:
    """What its help must mention: every option string, every argument, every subcommand."""
    names: list[str] = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        if isinstance(action, argparse._SubParsersAction):
            names += list(action.choices)
        elif action.option_strings:
            names += action.option_strings
        else:
            names.append(str(action.metavar or action.dest))
    return names


def test_the_walk_finds_every_command() -> None:
    assert set(PARSERS) == COMMANDS


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=lambda p: " ".join(p) or "credsite")
def test_help_exits_0_and_names_every_option(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*path, "--help"], prog="credsite")
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert out.startswith(" ".join(["usage: credsite", *path]) + " ")
    names = _names(PARSERS[path])
    assert "--help" in names and len(names) > 1
    for name in names:
        assert name in out, f"credsite {' '.join(path)} --help does not name {name}"
