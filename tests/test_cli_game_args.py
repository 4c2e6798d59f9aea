"""A bare `calcquest [OPTIONS]` is read without building every command's parser.

The game is the command people (and `calcquest serve`, once per player) run most, so its
options are read by a parser of the common options alone; anything else goes to the full
parser. These tests pin that both readings agree, and that the full parser still explains
mistakes.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from calcquest.cli import _game_args, build_parser

GAME_ARGS = [
    [],
    ["--data-dir", "/tmp/somewhere", "--player", "ada"],
    ["--plain"],
    ["--levels", "a", "--levels", "b", "--no-builtin"],
    ["--seed", "3"],
    ["--lev", "a"],
]


@pytest.mark.parametrize("argv", GAME_ARGS)
def test_the_game_options_read_the_same_as_with_the_full_parser(argv: list[str]) -> None:
    quick = _game_args(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["play"], ["--levels", "list"], ["--help"], ["--version"], ["--seed", "x"], ["-z"], ["--p"]],
)
def test_commands_help_and_mistakes_go_to_the_full_parser(argv: list[str]) -> None:
    assert _game_args(argv) is None


def test_an_unknown_option_is_still_explained_by_the_full_parser() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "calcquest", "--bogus"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr
    assert "COMMAND" in result.stderr, "the usage line is the full one"
