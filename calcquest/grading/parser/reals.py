"""Pass 9b: every part made of numbers alone must be a real number.

calcquest is calculus over the reals, and SymPy is at its slowest with nested complex
constants: building `sigmoid(sqrt(ln(asin(2))))` never returns, because each step asks
SymPy whether a complex number is positive, real or zero, and it answers by evaluating
ever more digits. So before anything is built, each part of the tree that has no variables
is worked out in ordinary complex floating point (microseconds), and the first one that is
not real is refused: "asin(2) at column 16 is not a real number". Parts that overflow or
divide by zero are left alone; they read as "undefined" or are caught by the size limits.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Callable

from calcquest.grading.parser import nodes as n
from calcquest.grading.parser.errors import AnswerSyntaxError, quote
from calcquest.grading.parser.limits import MAX_QUOTE
from calcquest.grading.parser.sizes import source_of

#: How large an imaginary part may be, relative to the value, and still count as rounding.
IMAGINARY_NOISE = 1e-9


def _real_only(function: Callable[[float], float]) -> Callable[[complex], complex]:
    """A real-line function (floor, sign, ...) on a value already known to be real."""
    return lambda value: complex(function(value.real))


def _sign(value: float) -> float:
    return float((value > 0) - (value < 0))


def _cbrt(value: float) -> float:
    return math.copysign(abs(value) ** (1 / 3), value)


#: The built-in functions by canonical name, on complex values (principal branches, as SymPy).
FUNCTIONS: dict[str, Callable[[complex], complex]] = {
    "sin": cmath.sin, "cos": cmath.cos, "tan": cmath.tan,
    "sec": lambda v: 1 / cmath.cos(v), "csc": lambda v: 1 / cmath.sin(v),
    "cot": lambda v: cmath.cos(v) / cmath.sin(v),
    "asin": cmath.asin, "acos": cmath.acos, "atan": cmath.atan,
    "asec": lambda v: cmath.acos(1 / v), "acsc": lambda v: cmath.asin(1 / v),
    "acot": lambda v: cmath.atan(1 / v),
    "sinh": cmath.sinh, "cosh": cmath.cosh, "tanh": cmath.tanh,
    "sech": lambda v: 1 / cmath.cosh(v), "csch": lambda v: 1 / cmath.sinh(v),
    "coth": lambda v: cmath.cosh(v) / cmath.sinh(v),
    "asinh": cmath.asinh, "acosh": cmath.acosh, "atanh": cmath.atanh,
    "exp": cmath.exp, "ln": cmath.log, "sqrt": cmath.sqrt, "abs": lambda v: complex(abs(v)),
    "sigmoid": lambda v: 1 / (1 + cmath.exp(-v)), "relu": _real_only(lambda v: max(0.0, v)),
    "cbrt": _real_only(_cbrt), "sign": _real_only(_sign), "floor": _real_only(math.floor),
    "ceil": _real_only(math.ceil), "factorial": _real_only(lambda v: math.gamma(v + 1)),
}  # fmt: skip

_CONSTANTS = {"pi": complex(math.pi), "e": complex(math.e)}


def check_reals(tree: n.Node, text: str) -> None:
    """Raise AnswerSyntaxError at the first part without variables that is not real."""
    _Reals(text).value(tree)


class _Reals:
    """Complex values of the number-only parts of a tree (None: has variables, or unknown)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def value(self, node: n.Node) -> complex | None:
        """The value of `node` when it is made of numbers alone, refusing a non-real one."""
        try:
            result = getattr(self, "_" + type(node).__name__.lower())(node)
        except (ArithmeticError, ValueError, TypeError):
            return None  # 1/0, ln(0), an overflow: not this pass's business
        if result is not None and not _is_real(result):
            raise self.refusal(node)
        return result

    def refusal(self, node: n.Node) -> AnswerSyntaxError:
        """ "asin(2) at column 16 is not a real number", with what to do about it."""
        piece = quote(source_of(self.text, node), MAX_QUOTE)
        hint = "Answers here are real numbers: check the signs under roots and inside logs."
        if isinstance(node, n.Power):
            hint = "For the real cube root of a negative number write cbrt(-8)."
        return AnswerSyntaxError(
            f"{piece} at column {node.column} is not a real number", node.column, hint
        )

    def _number(self, node: n.Number) -> complex:
        return complex(float(node.text))

    def _name(self, node: n.Name) -> complex | None:
        return _CONSTANTS.get(node.name) if node.kind == "const" else None

    def _negate(self, node: n.Negate) -> complex | None:
        inner = self.value(node.operand)
        return None if inner is None else -inner

    def _chain(self, node: n.Chain) -> complex | None:
        total = self.value(node.first)
        for op, term in node.rest:
            value = self.value(term)
            total = None if total is None or value is None else _apply(total, op, value)
        return total

    def _power(self, node: n.Power) -> complex | None:
        base, exponent = self.value(node.base), self.value(node.exponent)
        if base is None or exponent is None:
            return None
        if exponent.real.is_integer() and abs(exponent.imag) == 0:
            return complex(base.real ** int(exponent.real)) if _is_real(base) else None
        return base**exponent

    def _factorial(self, node: n.Factorial) -> complex | None:
        inner = self.value(node.operand)
        return None if inner is None else FUNCTIONS["factorial"](inner)

    def _call(self, node: n.Call) -> complex | None:
        args = [self.value(arg) for arg in node.args]
        if node.kind != "func" or any(arg is None for arg in args):
            return None
        if node.name in ("max", "min"):
            return complex((max if node.name == "max" else min)(a.real for a in args))
        if node.name.startswith("log_"):
            return cmath.log(args[0]) / math.log(int(node.name[4:]))
        if node.name == "ln" and len(args) == 2:
            return cmath.log(args[0]) / cmath.log(args[1])
        return FUNCTIONS[node.name](args[0]) if node.name in FUNCTIONS else None

    def _abs(self, node: n.Abs) -> complex | None:
        inner = self.value(node.operand)
        return None if inner is None else complex(abs(inner))

    def _sequence(self, node: n.Sequence) -> None:
        for item in node.items:
            self.value(item)

    def _equation(self, node: n.Equation) -> None:
        self.value(node.left)
        self.value(node.right)


def _apply(left: complex, op: str, right: complex) -> complex:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    return left * right if op == "*" else left / right


def _is_real(value: complex) -> bool:
    """No imaginary part beyond rounding (infinite or NaN values are someone else's)."""
    if not (cmath.isfinite(value)):
        return True
    return abs(value.imag) <= IMAGINARY_NOISE * (1 + abs(value.real))
