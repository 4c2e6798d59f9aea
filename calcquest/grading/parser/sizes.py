"""Pass 9: refuse powers and factorials too large to compute, before SymPy sees anything.

Walks our syntax tree and works out, with exact fractions, the value of every part that is
plain arithmetic on numbers (`10^10`, `9^9`, `2*500`). A power whose exponent is larger than
MAX_EXPONENT, an exact number that would have more than MAX_RESULT_DIGITS digits, or a
factorial beyond MAX_FACTORIAL is refused with the part quoted. The builder repeats the same
checks on values SymPy works out itself (`2^sqrt(10^20)`), so neither route can run away.
"""

from __future__ import annotations

import math
from fractions import Fraction

from calcquest.grading.parser import nodes as n
from calcquest.grading.parser.errors import AnswerSyntaxError, quote
from calcquest.grading.parser.limits import (
    MAX_EXPONENT,
    MAX_FACTORIAL,
    MAX_QUOTE,
    MAX_RESULT_DIGITS,
)


def check_sizes(tree: n.Node, text: str) -> None:
    """Raise AnswerSyntaxError if any part of the tree is too large to compute."""
    _Sizer(text).value(tree)


def digits_of(value: Fraction) -> int:
    """Decimal digits of the larger of numerator and denominator (cheap: from bit length)."""
    bits = max(abs(value.numerator).bit_length(), value.denominator.bit_length())
    return int(bits * 0.30103) + 1


def log_digits(value: Fraction) -> float:
    """log10 of the larger of |numerator| and denominator: the digits a power multiplies."""
    biggest = max(abs(value.numerator), value.denominator)
    return math.log10(biggest) if biggest > 1 else 0.0


def power_refusal(exponent: str, column: int) -> AnswerSyntaxError:
    """'that power is too large to check (exponent 10^10)'."""
    return AnswerSyntaxError(
        f"that power is too large to check (exponent {exponent})",
        column,
        f"Exponents up to {MAX_EXPONENT} can be checked.",
    )


def number_refusal(digits: int, column: int) -> AnswerSyntaxError:
    """'that number is too large to check (about N digits; ...)'."""
    return AnswerSyntaxError(
        f"that number is too large to check (about {digits} digits; "
        f"the limit is {MAX_RESULT_DIGITS})",
        column,
    )


def factorial_refusal(argument: str, column: int) -> AnswerSyntaxError:
    """'that factorial is too large to check (10^10!; the limit is 1000!)'."""
    return AnswerSyntaxError(
        f"that factorial is too large to check ({argument}!; the limit is {MAX_FACTORIAL}!)",
        column,
    )


class _Sizer:
    """Exact values of the arithmetic parts of a tree (None where not plain arithmetic)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def source(self, node: n.Node) -> str:
        """The typed text of a node, shortened for messages."""
        return quote(source_of(self.text, node), MAX_QUOTE)

    def value(self, node: n.Node) -> Fraction | None:
        """The exact value of `node` when it is arithmetic on numbers, checking its parts."""
        method = getattr(self, "_" + type(node).__name__.lower())
        return method(node)

    def _number(self, node: n.Number) -> Fraction | None:
        return Fraction(node.text)

    def _name(self, node: n.Name) -> None:
        return None

    def _negate(self, node: n.Negate) -> Fraction | None:
        inner = self.value(node.operand)
        return None if inner is None else -inner

    def _chain(self, node: n.Chain) -> Fraction | None:
        total = self.value(node.first)
        for op, term in node.rest:
            value = self.value(term)
            total = _combine(total, op, value)
            if total is not None and digits_of(total) > MAX_RESULT_DIGITS:
                raise number_refusal(digits_of(total), node.column)
        return total

    def _power(self, node: n.Power) -> Fraction | None:
        base, exponent = self.value(node.base), self.value(node.exponent)
        if exponent is None:
            return None
        if abs(exponent) > MAX_EXPONENT:
            raise power_refusal(self.source(node.exponent), node.exponent.column)
        if base is None or exponent.denominator != 1 or (base == 0 and exponent < 0):
            return None
        estimate = log_digits(base) * abs(exponent.numerator)
        if estimate > MAX_RESULT_DIGITS:
            raise number_refusal(int(estimate), node.column)
        return base**exponent.numerator

    def _factorial(self, node: n.Factorial) -> Fraction | None:
        return self.factorial_of(node.operand)

    def factorial_of(self, operand: n.Node) -> Fraction | None:
        """Check `operand!` and return its value when it is a small whole number."""
        argument = self.value(operand)
        if argument is None or argument.denominator != 1 or argument < 0:
            return None
        if argument > MAX_FACTORIAL:
            raise factorial_refusal(self.source(operand), operand.column)
        return Fraction(math.factorial(int(argument)))

    def _call(self, node: n.Call) -> None:
        if node.name == "factorial" and len(node.args) == 1:
            self.factorial_of(node.args[0])
            return None
        for arg in node.args:
            self.value(arg)
        return None

    def _abs(self, node: n.Abs) -> Fraction | None:
        inner = self.value(node.operand)
        return None if inner is None else abs(inner)

    def _sequence(self, node: n.Sequence) -> None:
        for item in node.items:
            self.value(item)
        return None

    def _equation(self, node: n.Equation) -> None:
        self.value(node.left)
        self.value(node.right)
        return None


def source_of(text: str, node: n.Node) -> str:
    """The typed text of a node, without wrapping parentheses.

    A node's columns leave out brackets around its own parts (`2^(2^10)` ends before the
    last `)`), so unmatched brackets are closed or opened again to quote what was meant.
    """
    piece = _balanced(text[node.column - 1 : _last_end(node) - 1].strip())
    while piece.startswith("(") and piece.endswith(")") and _is_balanced(piece[1:-1]):
        piece = piece[1:-1].strip()
    return piece


def _last_end(node: n.Node) -> int:
    """Where the node's text ends: the furthest end of it or any part (a bracket the parser
    supplied, as in `sin x`, carries the column of its function, not of its end)."""
    end, stack = node.end, [node]
    while stack:
        current = stack.pop()
        end = max(end, current.end)
        for value in vars(current).values():
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                parts = item if isinstance(item, tuple) else (item,)  # Chain.rest pairs
                stack.extend(part for part in parts if isinstance(part, n.Node))
    return end


def _balanced(piece: str) -> str:
    """`piece` with unmatched `(` closed at the end and unmatched `)` opened at the start."""
    depth = lowest = 0
    for char in piece:
        depth += {"(": 1, ")": -1}.get(char, 0)
        lowest = min(lowest, depth)
    return "(" * -lowest + piece + ")" * (depth - lowest)


def _is_balanced(piece: str) -> bool:
    """Whether every bracket in `piece` has its partner."""
    return _balanced(piece) == piece


def _combine(left: Fraction | None, op: str, right: Fraction | None) -> Fraction | None:
    """left op right, or None when either is unknown or it divides by zero."""
    if left is None or right is None or (op == "/" and right == 0):
        return None
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    return left * right if op == "*" else left / right
