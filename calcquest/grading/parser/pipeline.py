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
from calcquest.grading.parser.printer import learner_text, pretty_unicode
from calcquest.grading.parser.shapes import shape_and_value
from calcquest.grading.parser.sizes import check_sizes
from calcquest.grading.parser.tokens import Token

__all__ = ["Scope", "read", "render"]


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
    """(one-line text, pretty picture) for a parsed value of the given shape."""
    import sympy

    if shape == "scalar":
        return learner_text(value), pretty_unicode(value)
    if shape == "vector":
        return _bracketed(value), pretty_unicode(list(value))
    if shape == "matrix":
        text = "[" + ", ".join(_bracketed(row) for row in value) + "]"
        return text, pretty_unicode(sympy.Matrix([list(row) for row in value]))
    left, right = value
    picture = pretty_unicode(sympy.Eq(left, right, evaluate=False))
    return f"{learner_text(left)} = {learner_text(right)}", picture


def _bracketed(items: tuple[Any, ...]) -> str:
    return "[" + ", ".join(learner_text(item) for item in items) + "]"
