"""What a mistake rule may look at: the wrong response, the right answer, and cheap tests.

A `Clue` is built once per wrong scalar answer (or vector entry) by the checker and handed to
each rule in `calcquest.grading.feedback`. Its comparisons are numeric only (no `simplify`),
because a rule only chooses which message to show; correctness was decided already.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import numpy as np
import sympy

from calcquest.grading.calculus import derivative
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

    def derivative_values(self, expr: sympy.Expr, order: int) -> np.ndarray:
        """d^order expr / d var^order at the probe points, by central differences.

        Numeric on purpose: SymPy's symbolic second derivative of a messy answer can take a
        tenth of a second, and a rule only needs to know whether the values match.
        """
        points = self._probe
        row = self.space.symbols.index(self.var)
        step = (1e-5 if order == 1 else 1e-4) * (1.0 + np.abs(points[row]))
        shifted = [points.copy(), points.copy()]
        shifted[0][row] += step
        shifted[1][row] -= step
        ahead, behind = (evaluate(expr, self.space.symbols, p) for p in shifted)
        if order == 1:
            return (ahead - behind) / (2 * step)
        return (ahead - 2 * self.values(expr) + behind) / step**2

    def values_match(self, got: np.ndarray, want: np.ndarray) -> bool:
        """Whether two value arrays agree closely (1e-5) at the (at least 5) defined points."""
        defined = ~np.isnan(got) & ~np.isnan(want)
        if defined.sum() < 5:
            return False
        got, want = got[defined], want[defined]
        return bool(np.all(np.abs(got - want) <= 1e-5 * (1 + np.abs(want))))

    def relative_gap(self) -> float | None:
        """The largest |response - expected| / |expected| at the test points, if all defined."""
        r, e = self.values(self.response), self.values(self.expected)
        if r.size == 0 or np.isnan(r).any() or (np.abs(e) < 1e-12).any():
            return None
        return float(np.max(np.abs(r - e) / np.abs(e)))

    def typed_decimals(self) -> list[str]:
        """The decimal numbers the player typed, e.g. ["0.333"]."""
        return [m.group(1) for m in _DECIMAL.finditer(self.text)]

    def rounding_explains(self, literal: str) -> bool:
        """Whether the typed decimal `literal` is the right value rounded or cut to its
        digits: the value k that would make the answer right (0.3333... for 0.33 x^3 when
        x^3/3 is right) rounds or truncates to `literal`. 2.4 for 2.5, or 3.2 for pi, is a
        wrong number, not a rounded one."""
        right = self._value_that_fits(literal)
        if right is None:
            return False
        typed = math.copysign(float(literal), right)
        unit = last_digit_share(literal) * abs(typed)
        off = abs(right - typed)
        rounded = off <= unit / 2 * (1 + 1e-9)
        cut = 0 < abs(typed) < abs(right) and typed * right > 0 and off < unit
        return rounded or cut

    def _value_that_fits(self, literal: str) -> float | None:
        """The value the decimal should have for the answer to equal the right one, found by
        the secant method at one test point and confirmed at all of them (None: none)."""
        source = self.raw_response if self.raw_response is not None else self.response
        size = float(literal)  # typed without its sign, which may be the float's own
        floats = [f for f in source.atoms(sympy.Float) if abs(abs(float(f)) - size) <= 1e-12]
        if not floats:
            return None
        typed = float(floats[0])
        floats = [f for f in floats if float(f) == typed]
        k = sympy.Dummy("k", dummy_index=0)  # the same symbol each time: lambdify caches
        with_k = source.xreplace({f: k for f in floats})
        if self.kind == "antiderivative" and self.var is not None:
            with_k = derivative(with_k, self.var)
        symbols = (*self.space.symbols, k)
        points, want = self._probe, self.values(self.expected)

        def gap(value: float) -> np.ndarray:
            row = np.full((1, points.shape[1]), value)
            return evaluate(with_k, symbols, np.vstack([points, row])) - want

        right = _secant(lambda v: float(gap(v)[0]), typed, typed * (1 + 1e-3) + 1e-9)
        if right is None or not self.values_match(gap(right) + want, want):
            return None
        return right

    def depends_on_var(self, expr: sympy.Expr) -> bool:
        """Whether `expr` involves the main variable (derivative rules need one)."""
        return self.var is not None and self.var in expr.free_symbols


def _secant(f, a: float, b: float, steps: int = 30) -> float | None:
    """A root of f near a and b (None when the iteration fails or f is undefined)."""
    fa, fb = f(a), f(b)
    for _ in range(steps):
        if not (np.isfinite(fa) and np.isfinite(fb)) or fa == fb:
            return a if fa == 0 else None
        a, b, fa = b, b - fb * (b - a) / (fb - fa), fb
        fb = f(b)
        if abs(b - a) <= 1e-14 * (1 + abs(b)):
            return b
    return None


def last_digit_share(literal: str) -> float:
    """One unit in the last typed digit, relative to the number: "0.33" -> 0.01/0.33.

    A value rounded (or cut) to the typed digits is off by less than this, so a larger
    gap means a wrong value rather than a rounded one.
    """
    value = Decimal(literal)
    if value == 0:
        return 0.0
    return float(Decimal(10) ** value.as_tuple().exponent / abs(value))


def significant_digits(literal: str) -> int:
    """How many significant digits a typed decimal has: "0.0330" -> 3."""
    digits = literal.replace(".", "").lstrip("0")
    return max(len(digits), 1)
