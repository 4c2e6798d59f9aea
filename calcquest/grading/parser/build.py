"""Pass 10: build SymPy objects from our checked syntax tree, and nothing else.

Only whitelisted constructors are called (Symbol, Integer, Float, Add, Mul, Pow, the functions
in `FUNCTIONS`); no text is ever handed to SymPy to interpret. SymPy evaluates as it builds
(so `2x*3` becomes 6x and `1/3` stays an exact Rational), and before each power or factorial is
built, the values SymPy has already worked out are checked against the same limits as the size
pass, so a value SymPy derives itself (`2^sqrt(10^20)`) cannot run away either.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from calcquest.grading.parser import guards
from calcquest.grading.parser import nodes as n
from calcquest.grading.parser.errors import AnswerSyntaxError

_CONSTANTS = {"pi": sympy.pi, "e": sympy.E, "oo": sympy.oo}


def _cbrt(x: sympy.Expr) -> sympy.Expr:
    """The real cube root, so cbrt(-8) = -2 (SymPy's own cbrt is the complex principal root)."""
    if x.is_nonnegative:
        return sympy.cbrt(x)
    return sympy.sign(x) * sympy.cbrt(sympy.Abs(x))


def _sigmoid(x: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-x))


def _relu(x: sympy.Expr) -> sympy.Expr:
    return sympy.Max(0, x)


#: One-argument functions by canonical name.
UNARY: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "sec": sympy.sec,
    "csc": sympy.csc, "cot": sympy.cot, "asin": sympy.asin, "acos": sympy.acos,
    "atan": sympy.atan, "asec": sympy.asec, "acsc": sympy.acsc, "acot": sympy.acot,
    "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh, "sech": sympy.sech,
    "csch": sympy.csch, "coth": sympy.coth, "asinh": sympy.asinh, "acosh": sympy.acosh,
    "atanh": sympy.atanh, "exp": sympy.exp, "sqrt": sympy.sqrt, "cbrt": _cbrt,
    "abs": sympy.Abs, "sigmoid": _sigmoid, "relu": _relu, "sign": sympy.sign,
    "floor": sympy.floor, "ceil": sympy.ceiling,
}  # fmt: skip


def build(node: n.Node) -> sympy.Expr:
    """The SymPy expression for a scalar node (lists and equations are split off earlier)."""
    return _BUILDERS[type(node)](node)


def _number(node: n.Number) -> sympy.Expr:
    """An exact Integer, or a Float: double precision unless more digits were typed."""
    if node.text.isdigit():
        return sympy.Integer(int(node.text))
    mantissa = node.text.lower().partition("e")[0]
    significant = len(mantissa.replace(".", "").lstrip("0"))
    return sympy.Float(node.text, 15 if significant <= 17 else significant)


def _name(node: n.Name) -> sympy.Expr:
    if node.kind == "const":
        return _CONSTANTS[node.name]
    return sympy.Symbol(node.name)


def _negate(node: n.Negate) -> sympy.Expr:
    return -build(node.operand)


def _chain(node: n.Chain) -> sympy.Expr:
    """A sum in one Add; a product factor by factor, each step checked before it is made."""
    if node.rest[0][0] in ("+", "-"):
        terms = [build(node.first)]
        terms += [build(term) if op == "+" else -build(term) for op, term in node.rest]
        result = sympy.Add(*terms)
        guards.check_digits(result, node.column)
        return result
    result = build(node.first)
    for op, factor in node.rest:
        value = build(factor)
        guards.check_product(result, value, node.column)
        result = result * (value if op == "*" else sympy.Pow(value, -1))
        guards.check_digits(result, node.column)
    return result


def _power(node: n.Power) -> sympy.Expr:
    base, exponent = build(node.base), build(node.exponent)
    guards.check_power(base, exponent, node.column, node.exponent.column)
    return sympy.Pow(base, exponent)


def _factorial(node: n.Factorial) -> sympy.Expr:
    return _factorial_of(build(node.operand), node.operand)


def _factorial_of(value: sympy.Expr, operand: n.Node) -> sympy.Expr:
    guards.check_factorial(value, operand.column)
    return sympy.factorial(value)


def _call(node: n.Call) -> sympy.Expr:
    args = [build(arg) for arg in node.args]
    if node.kind == "ufunc":
        return sympy.Function(node.name)(*args)
    if node.name == "factorial":
        _arity(node, 1, 1)
        return _factorial_of(args[0], node.args[0])
    if node.name in ("max", "min"):
        return (sympy.Max if node.name == "max" else sympy.Min)(*args)
    if node.name == "ln" or node.name.startswith("log_"):
        return _log(node, args)
    _arity(node, 1, 1)
    if node.name in ("sqrt", "cbrt"):
        guards.check_power(args[0], sympy.Rational(1, 2), node.column, node.column)
    return UNARY[node.name](args[0])


def _log(node: n.Call, args: list[sympy.Expr]) -> sympy.Expr:
    """ln(x), log(x) (natural), log(x, b), log_2(x)."""
    if node.name.startswith("log_"):
        _arity(node, 1, 1)
        return sympy.log(args[0], sympy.Integer(int(node.name[4:])))
    _arity(node, 1, 2)
    return sympy.log(*args)


def _arity(node: n.Call, least: int, most: int) -> None:
    count = len(node.args)
    if least <= count <= most:
        return
    wanted = "one value" if most == 1 else f"{least} or {most} values"
    raise AnswerSyntaxError(
        f"'{node.name}' at column {node.column} takes {wanted}, not {count}", node.column
    )


def _abs(node: n.Abs) -> sympy.Expr:
    return sympy.Abs(build(node.operand))


def _misplaced(node: n.Node) -> sympy.Expr:
    what = "an equation" if isinstance(node, n.Equation) else "a list"
    raise AnswerSyntaxError(
        f"{what} at column {node.column} can only be the whole answer",
        node.column,
        "Vectors look like [1, 2]; equations like y = 2x + 1.",
    )


_BUILDERS: dict[type, Callable[..., sympy.Expr]] = {
    n.Number: _number,
    n.Name: _name,
    n.Negate: _negate,
    n.Chain: _chain,
    n.Power: _power,
    n.Factorial: _factorial,
    n.Call: _call,
    n.Abs: _abs,
    n.Sequence: _misplaced,
    n.Equation: _misplaced,
}
