"""Expression strings in scene parameters, turned into numbers and NumPy functions safely.

Every string goes through calcquest's own parser (`calcquest.grading.parse_answer`), never
through `sympify` or `eval`; `sympy.lambdify` is applied only to the SymPy object that parser
built. Errors name the parameter and the problem, so an author can fix the level file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from calcquest.errors import CalcquestError
from calcquest.scenes.base import SceneError
from calcquest.scenes.fmt import num


def parse(text: str | float, variables: Sequence[str], name: str) -> Any:
    """The SymPy expression for one scalar parameter; SceneError when it cannot be read."""
    import sympy

    if isinstance(text, bool):
        raise SceneError(f"{name}: expected a number or an expression, got {text!r}")
    if isinstance(text, int):
        return sympy.Integer(text)
    if isinstance(text, float):
        return sympy.Float(text)
    from calcquest.grading import parse_answer

    example = (
        f"an expression in {', '.join(variables)}" if variables else "a number such as 0.5 or pi/4"
    )
    try:
        parsed = parse_answer(str(text), list(variables))
    except CalcquestError as exc:
        raise SceneError(
            f"{name}: cannot read {str(text)!r}: {exc.message}", f"Write {name} as {example}."
        ) from None
    if parsed.shape != "scalar":
        raise SceneError(
            f"{name}: {str(text)!r} reads as a {parsed.shape}, but a single expression is needed",
            f"Write {name} as {example}.",
        )
    return _real(parsed.value)


def _real(expr: Any) -> Any:
    """The expression over real variables, so d|x|/dx is sign(x), as on a plot."""
    import sympy

    return expr.xreplace({s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols})


def symbols_for(expr: Any, variables: Sequence[str]) -> list[Any]:
    """The expression's own symbols for each variable name (so assumptions match)."""
    import sympy

    own = {s.name: s for s in expr.free_symbols}
    return [own.get(v, sympy.Symbol(v)) for v in variables]


def number(value: str | float, name: str) -> float:
    """A finite real number from a parameter such as 2, 0.5 or "pi/4"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        result = float(value)
    else:
        expr = parse(value, [], name)
        try:
            result = complex(expr.evalf())
        except (TypeError, ValueError):
            raise SceneError(
                f"{name}: {value!r} is not a number", "Give a number such as 0.5."
            ) from None
        if abs(result.imag) > 1e-12:
            raise SceneError(f"{name}: {value!r} is not a real number", "Give a real number.")
        result = result.real
    if not math.isfinite(result):
        raise SceneError(f"{name}: {value!r} is not finite", "Give a finite number.")
    return result


def integer(value: str | float, name: str, lo: int, hi: int) -> int:
    """A whole number in [lo, hi] from a parameter."""
    result = number(value, name)
    if abs(result - round(result)) > 1e-9 or not lo <= round(result) <= hi:
        raise SceneError(
            f"{name}: {value!r} must be a whole number from {lo} to {hi}",
            f"Give {name} a whole number in that range.",
        )
    return int(round(result))


def interval(values: Sequence[str | float], name: str) -> tuple[float, float]:
    """A range [lo, hi] with lo < hi."""
    if len(values) != 2:
        raise SceneError(f"{name}: expected [lo, hi], got {list(values)!r}", "Give two numbers.")
    lo, hi = number(values[0], f"{name}[0]"), number(values[1], f"{name}[1]")
    if not lo < hi:
        raise SceneError(f"{name}: [{lo:g}, {hi:g}] is empty", "Put the smaller number first.")
    return lo, hi


def to_numpy(expr: Any, variables: Sequence[str], name: str) -> Callable[..., Any]:
    """A vectorised NumPy function of `variables` (arrays in, float arrays out; nan where
    undefined). The expression is tried once so unsupported functions fail here, clearly."""
    import numpy as np
    import sympy

    try:
        # The module object, not "numpy": the string makes SymPy run `from numpy import *`,
        # which imports every NumPy submodule (testing, f2py, ma, ...): ~17 MB and ~0.1 s in
        # the game process for names the printed code never uses (it imports what it needs).
        raw = sympy.lambdify(symbols_for(expr, variables), expr, modules=[np])
    except Exception as exc:  # the NumPy printer lacks e.g. DiracDelta; say so, kindly
        raise _not_numeric(expr, name, exc) from None

    def evaluate(*args: Any) -> Any:
        arrays = [np.asarray(a, dtype=float) for a in args]
        with np.errstate(all="ignore"):
            out = np.asarray(raw(*arrays))
        if np.iscomplexobj(out):
            out = np.where(np.abs(out.imag) < 1e-12, out.real, np.nan)
        shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
        return np.broadcast_to(out.astype(float), shape).copy()

    try:
        evaluate(*([np.array([0.5, 1.5])] * len(variables)))
    except Exception as exc:  # lambdify can name a function NumPy lacks; say which
        raise _not_numeric(expr, name, exc) from None
    return evaluate


def _not_numeric(expr: Any, name: str, exc: Exception) -> SceneError:
    return SceneError(
        f"{name}: cannot evaluate {shown(expr)} numerically ({type(exc).__name__})",
        "Use functions such as sin, exp, log, sqrt, abs and powers.",
    )


def function(text: str | float, variables: Sequence[str], name: str) -> tuple[Any, Callable]:
    """Parse a parameter and compile it: (SymPy expression, NumPy function)."""
    expr = parse(text, variables, name)
    return expr, to_numpy(expr, variables, name)


def shown(expr: Any) -> str:
    """An expression as a learner writes it: x^2 rather than x**2, and its decimals as the
    descriptions write numbers (`-0.5*y`, `1`), not SymPy's `1.00000000000000`."""
    return _printer().doprint(expr).replace("**", "^")


@lru_cache(maxsize=1)
def _printer() -> Any:
    """SymPy's string printer with floats written by `fmt.num` (built once, on first use)."""
    from sympy.printing.str import StrPrinter

    class _Printer(StrPrinter):
        def _print_Float(self, expr: Any) -> str:
            return num(float(expr))

    return _Printer()
