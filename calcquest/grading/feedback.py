"""The built-in library of calculus mistakes, applied to every question without authoring.

Each rule is a small function `Clue -> Hit | None` with a docstring naming the mistake. The
first rule that explains a wrong answer wins, so `RULES` runs from the most specific message
to the most general. A rule must be sound: it only fires when the response really *equals*
the mistaken form at the test points, never on a resemblance.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

from calcquest.grading.calculus import derivative
from calcquest.grading.clue import Clue, last_digit_share, significant_digits
from calcquest.grading.counterexample import format_pair

#: Kinds whose answers are usually derivatives (the chain and power rules apply).
DERIVATIVE_KINDS = ("expression", "vector", "matrix")


@dataclass(frozen=True)
class Hit:
    """A rule's explanation: the rule's name (Verdict.mistake) and the message."""

    mistake: str
    feedback: str


def forgot_constant(clue: Clue) -> Hit | None:
    """Right antiderivative, but the question wants the general one and there is no + C."""
    if not clue.general or clue.raw_response is None:
        return None
    if set(clue.constants) & clue.raw_response.free_symbols:
        return None
    if not clue.same(clue.response, clue.expected):
        return None
    return Hit(
        "forgot_constant",
        "Right, apart from the constant: add + C, because every antiderivative differs "
        "from another by a constant.",
    )


def rounded_too_early(clue: Clue) -> Hit | None:
    """A decimal typed with too few digits: the right value rounded (or cut) to the typed
    digits, which the tolerance does not allow. 2.4 for 2.5 is wrong, not rounded."""
    typed = clue.typed_decimals()
    gap = clue.relative_gap() if typed else None
    if gap is None or gap >= 0.05:
        return None
    needed = max(2, math.ceil(-math.log10(max(clue.tolerance.rtol, 1e-15))) + 1)
    short = [t for t in typed if significant_digits(t) < needed and gap <= last_digit_share(t)]
    short = [t for t in short if clue.rounding_explains(t)]
    if not short:
        return None  # enough digits, or a wrong value rather than a rounded one
    had = min(significant_digits(t) for t in short)
    if needed > 8:  # an exact test: no number of digits is enough
        advice = "write the exact value (like 1/3 or sqrt(2)) instead."
    else:
        advice = f"keep at least {needed}, or write the exact value (like 1/3 or sqrt(2))."
    return Hit(
        "rounded",
        f"Close, but rounded too early: {_digits(had)} not enough here; {advice}",
    )


def _digits(count: int) -> str:
    """ "1 significant digit is", "2 significant digits are"."""
    return "1 significant digit is" if count == 1 else f"{count} significant digits are"


def sign_flipped(clue: Clue) -> Hit | None:
    """The right answer with the opposite sign (a lost minus, often from cos' = -sin)."""
    if np.nanmax(np.abs(clue.values(clue.expected)), initial=0.0) < 1e-9:
        return None
    if not clue.same(clue.response, -clue.expected):
        return None
    return Hit("sign", "Check the sign: your answer is the negative of the right one.")


#: Functions that are not smooth: "multiply by sign(x)" is never the intended chain rule.
_NOT_SMOOTH = (sympy.Abs, sympy.sign, sympy.floor, sympy.ceiling, sympy.Max, sympy.Min)


def _inner_functions(expected: sympy.Expr, var: sympy.Symbol) -> list[sympy.Expr]:
    """Candidate insides u: arguments of composites f(u) in `expected`, and the composites
    themselves (d/dx sin^2 x = 2 sin x * cos x has u = sin x only as a factor)."""
    found: list[sympy.Expr] = []
    for node in sympy.preorder_traversal(expected):
        if isinstance(node, _NOT_SMOOTH):
            continue
        if isinstance(node, sympy.Function) and node.args:
            candidates = [node.args[0], node]
        elif isinstance(node, sympy.Pow) and node.base != var:
            candidates = [node.base if var in node.base.free_symbols else node.exp]
        else:
            continue
        for inner in candidates:
            if var in inner.free_symbols and inner != var and inner not in found:
                found.append(inner)
    return found[:10]


def missing_inner_derivative(clue: Clue) -> Hit | None:
    """Chain rule without the inside's derivative: response * u'(x) equals the answer."""
    if clue.kind not in DERIVATIVE_KINDS or not clue.var:
        return None
    for inner in _inner_functions(clue.expected, clue.var):
        rate = derivative(inner, clue.var)
        if rate in (0, 1) or not clue.same(clue.response * rate, clue.expected):
            continue
        return Hit(
            "chain_rule",
            f"Almost: multiply by the derivative of the inside, {_show(inner)} "
            f"(its derivative is {_show(rate)}).",
        )
    return None


def _common_ratio(ratios: np.ndarray) -> str | None:
    """The ratio every point shares, written nicely (2, 1/2, 2.72), or None."""
    ratios = ratios[np.isfinite(ratios)]
    if ratios.size < 3 or np.ptp(ratios) > 1e-7 * (1 + abs(ratios[0])):
        return None
    k = float(ratios[0])
    if abs(k) < 1e-9 or abs(abs(k) - 1) < 1e-9:
        return None
    nice = Fraction(k).limit_denominator(24)
    if abs(float(nice) - k) <= 1e-9 * (1 + abs(k)):
        return str(nice)
    return format_pair(k, math.copysign(1.0, k))[0]  # 1.00005, never "1 times"


def constant_factor(clue: Clue) -> Hit | None:
    """Right up to a constant factor: a dropped 2 from x^2, a 1/2 from the power rule."""
    if not clue.expected.free_symbols:
        return None  # any two numbers have a ratio; that explains nothing
    expected = clue.values(clue.expected)
    with np.errstate(all="ignore"):
        ratios = clue.values(clue.response) / np.where(np.abs(expected) > 1e-9, expected, np.nan)
    factor = _common_ratio(ratios)
    if factor is None:
        return None
    return Hit(
        "constant_factor",
        f"Right up to a constant factor: your answer is {factor} times the right one.",
    )


def _shift_powers(expr: sympy.Expr, var: sympy.Symbol, step: int) -> sympy.Expr | None:
    """Each term c*x^m of a polynomial-like sum turned into c*x^(m+step), or None."""
    terms = []
    for term in sympy.Add.make_args(sympy.expand(expr)):
        coefficient, rest = term.as_independent(var, as_Add=False)
        base, exponent = rest.as_base_exp()
        if rest == 1:
            base, exponent = var, sympy.Integer(0)
        if base != var or not exponent.is_number:
            return None
        terms.append(coefficient * var ** (exponent + step))
    return sympy.Add(*terms)


def power_rule_off_by_one(clue: Clue) -> Hit | None:
    """The power rule with the exponent not lowered (n x^n) or raised (n x^(n+1))."""
    if clue.kind not in ("expression", "vector", "matrix") or not clue.depends_on_var(
        clue.expected
    ):
        return None
    for step in (1, 2, -1):
        shifted = _shift_powers(clue.expected, clue.var, step)
        if shifted is not None and clue.same(clue.response, shifted):
            return Hit(
                "power_rule",
                "Check the power rule: d/dx x^n = n*x^(n-1), so the exponent goes down by one.",
            )
    return None


def integrated_instead(clue: Clue) -> Hit | None:
    """Asked for a derivative, the player integrated: the answer's second derivative fits."""
    if clue.kind not in DERIVATIVE_KINDS or not clue.depends_on_var(clue.response):
        return None
    if not clue.depends_on_var(clue.expected):
        return None
    second = clue.derivative_values(clue.response, 2)
    if not clue.values_match(second, clue.values(clue.expected)):
        return None
    return Hit(
        "integrated_instead",
        "It looks like you integrated instead of differentiating: take the derivative.",
    )


def not_differentiated(clue: Clue) -> Hit | None:
    """The answer's derivative is the right answer: the function itself, or an integral."""
    if clue.kind not in DERIVATIVE_KINDS or not clue.depends_on_var(clue.response):
        return None
    if not clue.depends_on_var(clue.expected):
        return None
    first = clue.derivative_values(clue.response, 1)
    if not clue.values_match(first, clue.values(clue.expected)):
        return None
    return Hit(
        "not_differentiated",
        "The derivative of your answer is the right answer: differentiate once more.",
    )


def differentiated_instead(clue: Clue) -> Hit | None:
    """Asked for an antiderivative, the player differentiated the integrand instead."""
    if clue.kind != "antiderivative" or clue.integrand is None or clue.var is None:
        return None
    # up to a constant: the response's derivative (clue.response) against f''
    second = clue.derivative_values(clue.integrand, 2)
    if np.nanmax(np.abs(second), initial=0.0) < 1e-6:
        return None
    if not clue.values_match(clue.values(clue.response), second):
        return None
    return Hit(
        "differentiated_instead",
        "It looks like you differentiated instead of integrating: find a function whose "
        "derivative is the integrand.",
    )


#: The rules, most specific first. Add a rule by writing a function and listing it here.
RULES: list[Callable[[Clue], Hit | None]] = [
    forgot_constant,
    rounded_too_early,
    differentiated_instead,
    sign_flipped,
    missing_inner_derivative,
    constant_factor,
    power_rule_off_by_one,
    integrated_instead,
    not_differentiated,
]


def explain(clue: Clue) -> Hit | None:
    """The first rule that explains this wrong answer, or None."""
    for rule in RULES:
        try:
            hit = rule(clue)
        except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError):
            continue
        if hit is not None:
            return hit
    return None


def _show(expr: sympy.Expr) -> str:
    """An expression in learner notation: x^2, not x**2."""
    return sympy.sstr(expr).replace("**", "^")
