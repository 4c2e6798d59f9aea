"""The passes, run in order on one answer, and the rendering of the result.

Kept apart from `api` so that importing the public names does not import SymPy.
"""

from __future__ import annotations

from typing import Any

from calcquest.grading.parser.application import apply_functions
from calcquest.grading.parser.brackets import check_brackets, classify_bars
from calcquest.grading.parser.characters import normalise
from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.grammar import parse_tokens
from calcquest.grading.parser.implicit import insert_products
from calcquest.grading.parser.lexer import reject_bad, tokenize
from calcquest.grading.parser.literals import check_literals
from calcquest.grading.parser.names import Scope, resolve_names
from calcquest.grading.parser.nodes import Node
from calcquest.grading.parser.printer import learner_text, pretty_ascii, pretty_unicode
from calcquest.grading.parser.reals import check_reals
from calcquest.grading.parser.shapes import shape_and_value
from calcquest.grading.parser.sizes import check_sizes
from calcquest.grading.parser.tokens import Token

__all__ = ["Scope", "picture", "read", "render"]


def read(text: str, scope: Scope) -> tuple[str, Any]:
    """(shape, value) of a typed answer, through every pass in order."""
    tokens = tokenize(normalise(text))
    tokens = _resolve(tokens, scope)
    tokens = classify_bars(tokens)
    check_brackets(tokens)
    check_literals(tokens)
    tokens = apply_functions(tokens)
    tokens = insert_products(tokens)
    tree = parse_tokens(tokens)
    check_sizes(tree, text)
    check_reals(tree, text)
    return _build(tree)


def _build(tree: Node) -> tuple[str, Any]:
    """Build with SymPy, keeping `2(x+1)` as typed (not 2x+2); SymPy failures become messages."""
    from sympy.core.parameters import distribute

    try:
        with distribute(False):
            return shape_and_value(tree)
    except (ArithmeticError, ValueError, TypeError, RecursionError) as error:
        raise AnswerSyntaxError(
            "that answer could not be worked out; try writing it more simply",
            hint=f"(SymPy said: {type(error).__name__})",
        ) from None


def _resolve(tokens: list[Token], scope: Scope) -> list[Token]:
    """Resolve names, then refuse leftover characters; whichever problem comes first is told."""
    try:
        resolved = resolve_names(tokens, scope)
    except AnswerSyntaxError as error:
        reject_bad([t for t in tokens if t.column < (error.column or 0)])
        raise
    reject_bad(resolved)
    return resolved


def render(shape: str, value: Any) -> tuple[str, str]:
    """(one-line text, Unicode picture) for a parsed value of the given shape."""
    return _line(shape, value), picture(shape, value, unicode=True)


def picture(shape: str, value: Any, *, unicode: bool) -> str:
    """The terminal picture of a parsed value: Unicode, or plain ASCII as a fallback."""
    import sympy

    draw = pretty_unicode if unicode else pretty_ascii
    if shape == "scalar":
        return draw(value)
    if shape == "vector":
        return draw(list(value))
    if shape == "matrix":
        return draw(sympy.Matrix([list(row) for row in value]))
    return draw(sympy.Eq(value[0], value[1], evaluate=False))


def _line(shape: str, value: Any) -> str:
    """The one-line learner reading of a parsed value."""
    if shape == "scalar":
        return learner_text(value)
    if shape == "vector":
        return _bracketed(value)
    if shape == "matrix":
        return "[" + ", ".join(_bracketed(row) for row in value) + "]"
    return f"{learner_text(value[0])} = {learner_text(value[1])}"


def _bracketed(items: tuple[Any, ...]) -> str:
    return "[" + ", ".join(learner_text(item) for item in items) + "]"
