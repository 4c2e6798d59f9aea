"""The `equation` kind: the same relation, in any rearrangement.

`y = 4x - 4`, `4x - y = 4` and `2y = 8x - 8` are one line. Writing each equation as
f = lhs - rhs = 0, two equations are the same relation when f_response = k * f_expected for a
nonzero constant k; numerically, the ratio of the two sides is the same number at every
test point. When the expected equation is `y = ...`, a bare expression `4x - 4` is read as
`y = 4x - 4`. A wrong line solvable for the same variable is explained like an expression.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy

from calcquest.grading.calculus import derivative
from calcquest.grading.check_base import Checker, Outcome, Prepared
from calcquest.grading.check_expression import explain_scalar
from calcquest.grading.equivalence import compare
from calcquest.grading.reading import Answer
from calcquest.grading.sampling import evaluate
from calcquest.grading.verdict import SpecError


def _lone_symbol(expected: Answer) -> sympy.Symbol | None:
    """The `y` of an expected `y = f(...)`, when the left side is a bare variable."""
    lhs, rhs = expected.value
    return lhs if isinstance(lhs, sympy.Symbol) and lhs not in rhs.free_symbols else None


def _zero_form(prepared: Prepared, answer: Answer) -> sympy.Expr:
    """lhs - rhs of the response; a bare expression e means `y = e` when that fits."""
    if answer.shape == "equation":
        lhs, rhs = answer.value
        return lhs - rhs
    return _lone_symbol(prepared.expected) - answer.value


def _common_ratio(prepared: Prepared, f_response, f_expected) -> sympy.Expr | None:
    """The constant k with f_response = k f_expected, estimated at the test points."""
    points = prepared.space.draw(0, 32)
    r = evaluate(f_response, prepared.space.symbols, points)
    e = evaluate(f_expected, prepared.space.symbols, points)
    with np.errstate(all="ignore"):
        ratios = r / np.where(np.abs(e) > 1e-9, e, np.nan)
    ratios = ratios[np.isfinite(ratios)]
    if ratios.size == 0 or abs(float(np.median(ratios))) < 1e-12:
        return None
    k = float(np.median(ratios))
    nice = Fraction(k).limit_denominator(10**6)
    return (
        sympy.Rational(nice.numerator, nice.denominator)
        if abs(float(nice) - k) < 1e-12
        else sympy.Float(k)
    )


def _solved_for(f: sympy.Expr, symbol: sympy.Symbol) -> sympy.Expr | None:
    """symbol = ... when f = 0 is linear in symbol, else None."""
    slope = derivative(f, symbol)
    if slope == 0 or symbol in slope.free_symbols:
        return None
    return sympy.together(-f.subs(symbol, 0) / slope)


class EquationChecker(Checker):
    """Right when the response is the same relation as `expected`, rearranged or scaled."""

    kind = "equation"
    shapes = ("equation", "scalar")

    def check_expected(self, prepared: Prepared) -> None:
        """An equation question needs an equation as its answer."""
        if prepared.expected.shape != "equation":
            raise SpecError("expected must be an equation such as y = 4*x - 4 (kind equation)")

    def shape_problem(self, prepared: Prepared, answer: Answer) -> str | None:
        """A bare expression is only understood when the expected equation is `y = ...`."""
        if answer.shape == "scalar" and _lone_symbol(prepared.expected) is None:
            return "This question wants an equation, with an = sign, like x^2 + y^2 = 1."
        return super().shape_problem(prepared, answer)

    def same_relation(self, prepared: Prepared, answer: Answer) -> bool:
        """Whether the two zero forms have a constant nonzero ratio."""
        lhs, rhs = prepared.expected.value
        f_expected, f_response = lhs - rhs, _zero_form(prepared, answer)
        k = _common_ratio(prepared, f_response, f_expected)
        if k is None:
            return False
        return compare(f_response / f_expected, k, prepared.space, skip_undefined=True).equal

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """The ratio test."""
        if not self.same_relation(prepared, answer):
            return Outcome(False)
        return Outcome(True, f"It is the same relation as {prepared.expected.text}.")

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Both solved for the same variable and compared like expressions, when possible."""
        lhs, rhs = prepared.expected.value
        f_expected, f_response = lhs - rhs, _zero_form(prepared, answer)
        for symbol in self._solve_order(prepared):
            want, got = _solved_for(f_expected, symbol), _solved_for(f_response, symbol)
            if want is not None and got is not None:
                inner = explain_scalar(prepared, "expression", got, want, answer.text)
                text = inner.feedback.replace("your answer", f"your {symbol.name}")
                return Outcome(False, text, inner.mistake)
        return Outcome(False, "That is not the same relation as the right one.")

    def _solve_order(self, prepared: Prepared) -> list[sympy.Symbol]:
        """The expected's lone left-hand variable first, then the others from the last."""
        lone = _lone_symbol(prepared.expected)
        rest = [s for s in reversed(prepared.space.symbols) if s != lone]
        return ([lone] if lone is not None else []) + rest
