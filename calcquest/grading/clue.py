"""What a mistake rule may look at: the wrong response, the right answer, and cheap tests.

A `Clue` is built once per wrong scalar answer (or vector entry) by the checker and handed to
each rule in `calcquest.grading.feedback`. Its comparisons are numeric only (no `simplify`),
because a rule only chooses which message to show; correctness was decided already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import sympy

from calcquest.grading.equivalence import STRICT, Tolerance, collect, compare
from calcquest.grading.sampling import Space, evaluate

_DECIMAL = re.compile(r"(?<![\w.])(\d*\.\d+|\d+\.\d*)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Clue:
    """One wrong answer in the form the rules compare, with the question's context.

    `response` and `expected` are the forms to compare: for an antiderivative they are the
    derivative of the response and the integrand, so "off by a factor" means the same thing
    for every kind. `raw_response` is what the player typed, read.
    """

    kind: str
    response: sympy.Expr
    expected: sympy.Expr
    space: Space
    text: str
    tolerance: Tolerance = STRICT
    var: sympy.Symbol | None = None
    raw_response: sympy.Expr | None = None
    integrand: sympy.Expr | None = None
    general: bool = False
    constants: tuple[sympy.Symbol, ...] = field(default_factory=tuple)

    def same(self, a: sympy.Expr, b: sympy.Expr) -> bool:
        """Whether two expressions agree at the test points (numbers only)."""
        return compare(a, b, self.space, self.tolerance, quick=True).equal

    @cached_property
    def _probe(self) -> np.ndarray:
        evidence = collect(self.expected, self.expected, self.space, STRICT, False)
        return evidence.points

    def values(self, expr: sympy.Expr) -> np.ndarray:
        """Values of `expr` at points where the expected answer is defined (NaN: undefined)."""
        return evaluate(expr, self.space.symbols, self._probe)

    def relative_gap(self) -> float | None:
        """The largest |response - expected| / |expected| at the test points, if all defined."""
        r, e = self.values(self.response), self.values(self.expected)
        if r.size == 0 or np.isnan(r).any() or (np.abs(e) < 1e-12).any():
            return None
        return float(np.max(np.abs(r - e) / np.abs(e)))

    def typed_decimals(self) -> list[str]:
        """The decimal numbers the player typed, e.g. ["0.333"]."""
        return [m.group(1) for m in _DECIMAL.finditer(self.text)]

    def depends_on_var(self, expr: sympy.Expr) -> bool:
        """Whether `expr` involves the main variable (derivative rules need one)."""
        return self.var is not None and self.var in expr.free_symbols


def significant_digits(literal: str) -> int:
    """How many significant digits a typed decimal has: "0.0330" -> 3."""
    digits = literal.replace(".", "").lstrip("0")
    return max(len(digits), 1)
