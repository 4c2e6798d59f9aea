"""Say what is wrong with YAML that cannot be read, where the author has to fix it.

PyYAML notices a mistake where parsing breaks, which is often lines after the cause and in
parser words ("expected <block end>, but found '<scalar>'"). The usual causes in level files
are few: a quote never closed, a `[` or `{` never closed, a line indented unlike its
siblings, a line that is not `key: value`, a value with ': ' or a leading `*` unquoted. Each
gets a plain message at the place to edit; anything else keeps PyYAML's own words.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from calcquest.levels.problems import Problem

_FRIENDLIER = {
    "mapping values are not allowed here": "a value containing ': ' needs quotes",
    "found character '\\t' that cannot start any token": "use spaces, not tabs",
}
#: A line whose value (after an optional `- ` and `key: `) opens with a quote mark.
_QUOTED_VALUE = re.compile(r"^(\s*(?:-\s+)?(?:[^\s#'\"{\[][^#]*?:\s+)?)(['\"])")
#: A line that ends by opening a block scalar (`lesson: |`, `text: >-`).
_BLOCK_START = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")


def syntax_problem(error: yaml.MarkedYAMLError, text: str, path: Path | str) -> Problem:
    """The problem to show for a YAML syntax error in `text`."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    quote = unclosed_quote(text, line)
    if quote is not None:
        return Problem(
            path,
            *quote,
            "",
            "YAML syntax: this quote is never closed; end the text "
            "with the same quote mark (inside, write \\\" or '')",
        )
    plain = _plain_words(error, line) or _deeper_line(error, text, line, column)
    if plain is not None:
        where, message = plain
        return Problem(path, *where, "", f"YAML syntax: {message}")
    return Problem(path, line, column, "", _pyyaml_words(error))


def unclosed_quote(text: str, last_line: int) -> tuple[int, int] | None:
    """Line and column of the first quoted value, up to `last_line`, that does not end on
    its own line (text inside `|` and `>` blocks is skipped)."""
    block_indent: int | None = None
    for number, line in enumerate(text.splitlines()[:last_line], start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (not line.strip() or indent > block_indent):
            continue
        block_indent = indent if _BLOCK_START.search(line) else None
        match = _QUOTED_VALUE.match(line)
        if match and not _closes(line[match.end() :], match.group(2)):
            return number, match.start(2) + 1
    return None


def _closes(rest: str, quote: str) -> bool:
    """Whether the text after an opening quote closes it on the same line."""
    if quote == '"':
        return re.search(r'(?<!\\)(\\\\)*"', rest) is not None
    return re.search(r"'(?!')", rest.replace("''", "")) is not None


def _plain_words(error: yaml.MarkedYAMLError, line: int) -> tuple[tuple[int, int], str] | None:
    """A plain message and its place for the common structural mistakes, else None."""
    problem, context = error.problem or "", error.context or ""
    opened = error.context_mark
    start = (opened.line + 1, opened.column + 1) if opened else None
    if context.startswith("while parsing a flow") and problem.startswith("expected ','"):
        bracket = "[" if "sequence" in context else "{"
        if start and start[0] == line:
            return (line, error.problem_mark.column + 1), (
                f"{problem}; separate the items inside {bracket} ... with commas"
            )
        closing = "]" if bracket == "[" else "}"
        return start or (line, 1), f"this '{bracket}' is never closed; end it with '{closing}'"
    if problem.startswith("expected <block end>") and start:
        return (line, error.problem_mark.column + 1), (
            f"this line is not lined up with the block it belongs to (which starts at line "
            f"{start[0]}, column {start[1]}); indent the keys of one mapping equally, with spaces"
        )
    if problem == "but found another document":
        return (line, 1), (
            "a level file holds one document; remove this '---' line and what follows, "
            "or move it to a file of its own"
        )
    if problem == "could not find expected ':'" and start:
        return start, (
            "this line is not 'key: value' nor a list item; quote text that goes on over "
            "several lines, or write it as a block (key: |)"
        )
    return None


def _deeper_line(
    error: yaml.MarkedYAMLError, text: str, line: int, column: int
) -> tuple[tuple[int, int], str] | None:
    """`key: value` indented under a line that already has its value reads as that value
    going on, so its ': ' is refused; say so instead of asking for quotes."""
    if error.problem != "mapping values are not allowed here":
        return None
    lines = text.splitlines()
    if line > len(lines) or ":" in lines[line - 1][: column - 1] or line == 1:
        return None
    return (line, 1 + len(lines[line - 1]) - len(lines[line - 1].lstrip())), (
        "this line is indented deeper than the key above it, so it reads as more of that "
        "key's value; line it up with its siblings"
    )


def _pyyaml_words(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or error.context or "not valid YAML"
    message = f"YAML syntax: {problem}"
    if problem in _FRIENDLIER:
        message += f" ({_FRIENDLIER[problem]})"
    elif problem.startswith("found undefined alias") or "cannot start any token" in problem:
        message += ' (a value starting with * & @ ` % ! | > needs quotes, e.g. "*x")'
    if error.context and error.context_mark and error.problem:
        message += f", {error.context} at line {error.context_mark.line + 1}"
    return message
