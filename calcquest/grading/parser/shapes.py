"""Pass 11: decide the answer's shape and build each part: scalar, vector, matrix, equation.

Lists and equations may only be the whole answer: `[1, 2]`, `(1, 2)` and a bare `1, 2` are
vectors, `[[1, 2], [3, 4]]` (or with parentheses) is a matrix whose rows must be the same
length, and `y = 4x - 4` is an equation.
"""

from __future__ import annotations

from typing import Any

from calcquest.grading.parser import nodes as n
from calcquest.grading.parser.build import build
from calcquest.grading.parser.errors import AnswerSyntaxError


def shape_and_value(tree: n.Node) -> tuple[str, Any]:
    """("scalar" | "vector" | "matrix" | "equation", the SymPy value(s))."""
    if isinstance(tree, n.Equation):
        return "equation", (build(tree.left), build(tree.right))
    if not isinstance(tree, n.Sequence):
        return "scalar", build(tree)
    rows = [item for item in tree.items if isinstance(item, n.Sequence)]
    if not rows:
        return "vector", tuple(build(item) for item in tree.items)
    if len(rows) != len(tree.items):
        odd = next(item for item in tree.items if not isinstance(item, n.Sequence))
        raise AnswerSyntaxError(
            f"the entry at column {odd.column} is not a row like the others",
            odd.column,
            "A matrix is a list of rows: [[1, 2], [3, 4]].",
        )
    return "matrix", _matrix(rows)


def _matrix(rows: list[n.Sequence]) -> tuple[tuple[Any, ...], ...]:
    """The entries row by row, refusing rows of different lengths."""
    width = len(rows[0].items)
    for number, row in enumerate(rows, start=1):
        if len(row.items) != width:
            raise AnswerSyntaxError(
                f"row {number} (column {row.column}) has {_entries(len(row.items))} "
                f"but row 1 has {_entries(width)}",
                row.column,
                "Every row of a matrix needs the same number of entries.",
            )
    return tuple(tuple(build(item) for item in row.items) for row in rows)


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"
