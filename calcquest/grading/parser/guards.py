"""The builder's second line of defence: size checks on values SymPy has already worked out.

The size pass (`sizes`) refuses what plain arithmetic on the typed numbers would blow up.
Some values only appear once SymPy evaluates a function (`sqrt(10^20)` is 10^10, `abs`, `max`,
`floor`), so just before the builder makes a power, a product or a factorial, these checks look
at the (already small) SymPy operands and refuse anything that would be expensive to compute.
"""

from __future__ import annotations

import math

import sympy

from calcquest.grading.parser.errors import AnswerSyntaxError, quote
from calcquest.grading.parser.limits import (
    MAX_EXPONENT,
    MAX_FACTORIAL,
    MAX_QUOTE,
    MAX_RESULT_DIGITS,
    MAX_ROOT_DIGITS,
)
from calcquest.grading.parser.sizes import factorial_refusal, number_refusal, power_refusal


def check_power(base: sympy.Expr, exponent: sympy.Expr, column: int, exponent_column: int) -> None:
    """Refuse `base^exponent` when the exponent, the result, or a root is too large."""
    magnitude = constant_size(exponent)
    if magnitude is None:
        return
    if magnitude > MAX_EXPONENT:
        raise power_refusal(quote(sympy.sstr(exponent), MAX_QUOTE), exponent_column)
    coefficient = base.as_coeff_Mul()[0]
    if isinstance(coefficient, sympy.Rational):
        estimate = log_digits(coefficient) * magnitude
        if estimate > MAX_RESULT_DIGITS:
            raise number_refusal(int(estimate), column)
    if isinstance(exponent, sympy.Rational) and not exponent.is_Integer:
        check_roots(root_digits(base) + _coefficient_digits(base), column)


def check_product(left: sympy.Expr, right: sympy.Expr, column: int) -> None:
    """Refuse a product whose roots SymPy would merge into one too large to factor."""
    check_roots(root_digits(left) + root_digits(right), column)


def check_roots(digits: int, column: int) -> None:
    """Refuse roots of exact numbers with more than MAX_ROOT_DIGITS digits in all."""
    if digits > MAX_ROOT_DIGITS:
        raise AnswerSyntaxError(
            f"that root is too large to check (about {digits} digits under roots; "
            f"the limit is {MAX_ROOT_DIGITS})",
            column,
        )


def check_digits(value: sympy.Expr, column: int) -> None:
    """Refuse an exact number (alone, or as a coefficient) past MAX_RESULT_DIGITS."""
    for part in (value, *value.args):
        if isinstance(part, sympy.Rational) and digits(part) > MAX_RESULT_DIGITS:
            raise number_refusal(digits(part), column)


def check_factorial(value: sympy.Expr, column: int) -> None:
    """Refuse the factorial of a whole number beyond MAX_FACTORIAL."""
    if value.is_Integer and value > MAX_FACTORIAL:
        raise factorial_refusal(quote(sympy.sstr(value), MAX_QUOTE), column)


def constant_size(value: sympy.Expr) -> float | None:
    """|value| for a constant (None for one with variables, or one SymPy cannot size)."""
    if value.free_symbols or not value.is_number:
        return None
    if value.is_Number:
        return float(abs(value)) if value.is_finite else None
    try:
        return float(abs(complex(value.evalf(15))))
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        return None


def root_digits(value: sympy.Expr) -> int:
    """Digits of every exact number under a fractional power inside `value`."""
    return sum(
        digits(power.base)
        for power in value.atoms(sympy.Pow)
        if isinstance(power.base, sympy.Rational)
        and isinstance(power.exp, sympy.Rational)
        and not power.exp.is_Integer
    )


def _coefficient_digits(value: sympy.Expr) -> int:
    coefficient = value.as_coeff_Mul()[0]
    return digits(coefficient) if isinstance(coefficient, sympy.Rational) else 0


def digits(value: sympy.Rational) -> int:
    """Decimal digits of the larger of numerator and denominator."""
    bits = max(abs(int(value.p)).bit_length(), int(value.q).bit_length())
    return int(bits * 0.30103) + 1


def log_digits(value: sympy.Rational) -> float:
    """log10 of the larger of |numerator| and denominator: the digits a power multiplies."""
    biggest = max(abs(int(value.p)), int(value.q))
    return math.log10(biggest) if biggest > 1 else 0.0
