"""Are two SymPy expressions the same function on the test domain? Numbers first, then algebra.

The policy (docs/grading.md, "How answers are judged"):

1. Evaluate both at random points of the `Space`, vectorised, in rounds, until enough points
   have a defined *expected* value. Points where the expected answer is undefined are
   redrawn and never count as agreement. A point where the expected value is defined but
   the response is not counts against the response (log x + log y is not log(xy) for
   negative x and y), unless the caller says undefined responses are to be skipped.
2. Every point agrees (tight tolerance) and there are enough of them: equal.
   Clear disagreement at several points: different.
3. Anything else (few valid points, near misses that may be rounding, one odd point, or
   disagreeing points that agree when re-checked with 40 digits: cancellation in floats) is
   settled by SymPy (`simplify(a - b) == 0`, then `equals`) under a soft time budget, with
   real (or positive) symbols. If SymPy cannot decide in time, the majority of points does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy

from calcquest.grading.budget import BudgetExceeded, time_budget
from calcquest.grading.sampling import Space, evaluate

ROUND_SIZE = 32
MAX_ROUNDS = 6
TARGET_POINTS = 24
MIN_POINTS = 8
#: Nearly agreeing points re-checked with high precision before asking SymPy to simplify.
PRECISE_POINTS = 4
#: Soft budget for one 40-digit re-check of a point, in seconds.
PRECISE_BUDGET = 0.05
#: Default soft budget for a symbolic confirmation, in seconds (None: unlimited).
SYMBOLIC_BUDGET: float | None = None


@dataclass(frozen=True)
class Tolerance:
    """|a - e| <= atol + rtol * |e| counts as agreement (e: the expected value)."""

    rtol: float = 1e-8
    atol: float = 1e-8

    def close(self, response: np.ndarray, expected: np.ndarray) -> np.ndarray:
        """Element-wise agreement of two value arrays."""
        return np.abs(response - expected) <= self.atol + self.rtol * np.abs(expected)


#: Agreement for expressions: floating-point noise only.
STRICT = Tolerance()
#: Disagreement smaller than this may be rounding noise; ask SymPy.
LOOSE = Tolerance(rtol=1e-3, atol=1e-6)


@dataclass(frozen=True)
class Witness:
    """A point where the two sides differ (response None: undefined there)."""

    point: dict[sympy.Symbol, float]
    response: float | None
    expected: float


@dataclass(frozen=True)
class Decision:
    """The outcome of a comparison, with a witness point when they differ."""

    equal: bool
    witness: Witness | None = None
    how: str = "numeric"


@dataclass
class Evidence:
    """The sampled values, sorted into agreeing, nearly agreeing and disagreeing points."""

    points: np.ndarray
    response: np.ndarray
    expected: np.ndarray
    tolerance: Tolerance
    skip_undefined_response: bool

    def __post_init__(self) -> None:
        undefined = np.isnan(self.response)
        used = ~undefined if self.skip_undefined_response else np.ones_like(undefined)
        self.used = used
        self.agree = used & ~undefined & self.tolerance.close(self.response, self.expected)
        loose = Tolerance(
            max(LOOSE.rtol, self.tolerance.rtol), max(LOOSE.atol, self.tolerance.atol)
        )
        self.near = used & ~undefined & ~self.agree & loose.close(self.response, self.expected)
        self.bad = used & ~self.agree & ~self.near

    @property
    def count(self) -> int:
        """How many points take part in the vote."""
        return int(self.used.sum())

    def settle_near(self, response, expected, symbols) -> None:
        """Re-check nearly agreeing points with 40-digit arithmetic: noise or a real gap?"""
        for j in np.flatnonzero(self.near)[:PRECISE_POINTS]:
            point = {s: sympy.Rational(self.points[i, j]) for i, s in enumerate(symbols)}
            same = precisely_equal(response, expected, point, self.tolerance)
            if same is None:
                return
            self.near[j] = False
            (self.agree if same else self.bad)[j] = True
        if not self.bad.any() and self.near.any():
            self.agree |= self.near
            self.near[:] = False

    def doubt_bad(self, response, expected, symbols) -> bool:
        """Whether the disagreeing points may be floating-point cancellation, not a real
        difference: `x^40 - (x^40 - 1)` is exactly 1 but 0 in floats near x = 3. Re-checks
        a few with 40-digit arithmetic (a real difference usually shows at the first one);
        the ones that agree move to `agree`. True when every one re-checked agreed."""
        finite = [j for j in np.flatnonzero(self.bad) if np.isfinite(self.response[j])]
        if not finite:
            return False  # undefined where the right answer is defined: a real difference
        for j in finite[:PRECISE_POINTS]:
            point = {s: sympy.Rational(self.points[i, j]) for i, s in enumerate(symbols)}
            try:
                with time_budget(PRECISE_BUDGET):
                    same = precisely_equal(response, expected, point, self.tolerance)
            except BudgetExceeded:
                same = None
            if not same:
                return False
            self.bad[j], self.agree[j] = False, True
        return True

    def verdict(self) -> bool | None:
        """True/False when the numbers settle it, None when SymPy should be asked."""
        count, bad = self.count, int(self.bad.sum())
        if count >= MIN_POINTS and bad == 0 and not self.near.any():
            return True
        if bad >= max(3, 0.1 * count):
            return False
        return None

    def majority(self) -> bool:
        """The fallback when SymPy cannot decide: nearly every point agrees."""
        return self.count >= 3 and int(self.agree.sum()) >= 0.9 * self.count

    def witness(self, symbols) -> Witness | None:
        """A disagreeing point, preferring one where the response is defined."""
        wrong = np.flatnonzero(self.used & ~self.agree)
        if wrong.size == 0:
            return None
        defined = [j for j in wrong if not np.isnan(self.response[j])]
        j = int((defined or list(wrong))[0])
        value = None if np.isnan(self.response[j]) else float(self.response[j])
        point = {s: float(self.points[i, j]) for i, s in enumerate(symbols)}
        return Witness(point, value, float(self.expected[j]))


def precisely_equal(response, expected, point, tolerance: Tolerance) -> bool | None:
    """Compare at one point with 40 significant digits (None when it cannot be evaluated)."""
    try:
        r = complex(response.evalf(40, subs=point))
        e = complex(expected.evalf(40, subs=point))
    except (TypeError, ValueError, ArithmeticError):
        return None
    scale = max(tolerance.atol, 1e-12) + max(tolerance.rtol, 1e-12) * abs(e)
    return abs(r - e) <= scale


def collect(response, expected, space: Space, tolerance: Tolerance, skip_undefined: bool):
    """Sample until enough points have a defined expected value (or the rounds run out)."""
    kept_points, kept_r, kept_e = [], [], []
    total = 0
    for round_index in range(MAX_ROUNDS):
        points = space.draw(round_index, ROUND_SIZE)
        e_values = evaluate(expected, space.symbols, points)
        r_values = evaluate(response, space.symbols, points)
        keep = ~np.isnan(e_values)
        if skip_undefined:
            keep &= ~np.isnan(r_values)
        kept_points.append(points[:, keep])
        kept_r.append(r_values[keep])
        kept_e.append(e_values[keep])
        total += int(keep.sum())
        if total >= TARGET_POINTS:
            break
    return Evidence(
        np.concatenate(kept_points, axis=1),
        np.concatenate(kept_r),
        np.concatenate(kept_e),
        tolerance,
        skip_undefined,
    )


def real_symbols(space: Space) -> dict[sympy.Symbol, sympy.Symbol]:
    """Each variable as a real SymPy symbol (positive when its whole domain is)."""
    mapping = {}
    for symbol, domain in zip(space.symbols, space.domains, strict=True):
        positive = domain is not None and domain[0] > 0
        mapping[symbol] = sympy.Symbol(symbol.name, real=True, positive=positive or None)
    return mapping


def symbolically_equal(a, b, space: Space, budget: float | None) -> bool | None:
    """True/False when SymPy can prove it within `budget` seconds, else None."""
    mapping = real_symbols(space)
    difference = (a - b).xreplace(mapping)
    try:
        with time_budget(budget):
            if difference == 0:
                return True
            simplified = sympy.simplify(difference)
            if simplified == 0:
                return True
            if simplified.is_number and simplified.is_finite and simplified != 0:
                return False
            return difference.equals(0)
    except (BudgetExceeded, RecursionError, TypeError, ValueError, ArithmeticError):
        return None


def compare(
    response: sympy.Expr,
    expected: sympy.Expr,
    space: Space,
    tolerance: Tolerance = STRICT,
    *,
    skip_undefined: bool = False,
    budget: float | None = None,
    quick: bool = False,
) -> Decision:
    """Decide whether `response` equals `expected` on the space (see the module docstring).

    `quick` skips SymPy entirely (the numbers, then the majority, decide): the mistake rules
    use it, since they only choose which message to show.
    """
    evidence = collect(response, expected, space, tolerance, skip_undefined)
    numeric = evidence.verdict()
    doubted = numeric is False and not quick
    doubted = doubted and evidence.doubt_bad(response, expected, space.symbols)
    if numeric is None and evidence.near.any() and not quick:
        evidence.settle_near(response, expected, space.symbols)
        numeric = evidence.verdict()
    if doubted:
        numeric = None  # the floats cancelled: SymPy (or the re-checked points) decides
    if numeric is not None:
        return Decision(numeric, None if numeric else evidence.witness(space.symbols))
    budget = SYMBOLIC_BUDGET if budget is None else budget
    exact_wanted = tolerance == STRICT and not quick
    proved = symbolically_equal(response, expected, space, budget) if exact_wanted else None
    if proved is None:
        equal, how = evidence.majority(), "majority"
    else:
        equal, how = proved, "symbolic"
    return Decision(equal, None if equal else evidence.witness(space.symbols), how)
