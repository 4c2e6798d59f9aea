"""docs/grading.md "What you can type" says what the parser does: every row is checked here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calcquest.grading import parse_answer
from calcquest.grading.parser import limits

DOC = Path(__file__).resolve().parents[1] / "docs" / "grading.md"


def _section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## What you can type")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _cells(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [cell.strip().replace("\\|", "|") for cell in cells]


def _notation_rows() -> list[tuple[str, str]]:
    rows = []
    for line in _section().splitlines():
        cells = _cells(line) if line.startswith("| `") else []
        if len(cells) == 3:
            rows.append((cells[0].strip("`"), cells[1].strip("`")))
    return rows


ROWS = _notation_rows()


def test_the_notation_table_is_there():
    assert len(ROWS) >= 40


@pytest.mark.parametrize(("typed", "reading"), ROWS, ids=[row[0] for row in ROWS])
def test_each_documented_reading_is_what_the_parser_does(typed, reading):
    assert parse_answer(typed, ["x", "y"]).text == reading


@pytest.mark.parametrize(
    "value",
    [
        limits.MAX_LENGTH,
        limits.MAX_NESTING,
        limits.MAX_NUMBER_DIGITS,
        limits.MAX_SCIENTIFIC_EXPONENT,
        limits.MAX_EXPONENT,
        limits.MAX_RESULT_DIGITS,
        limits.MAX_ROOT_DIGITS,
        limits.MAX_FACTORIAL,
    ],
)
def test_every_limit_is_documented_with_its_value(value):
    limits_table = _section().split("### What is refused")[1]
    assert (
        f"| {value}" in limits_table or f"e{value}" in limits_table or f"{value}!" in limits_table
    )
