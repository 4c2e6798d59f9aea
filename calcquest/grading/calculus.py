"""Derivatives taken over the reals, so |x|' is sign(x) rather than SymPy's complex formula.

SymPy's plain symbols are complex: d/dx |x| comes out in terms of re(x) and im(x), which
NumPy cannot evaluate. Every derivative the checkers and rules take goes through here, with
each free symbol temporarily made real when the expression has |x| or the like (real
symbols make SymPy query assumptions, which is slow, so plain ones are used otherwise).
"""

from __future__ import annotations

import sympy

#: Functions whose SymPy derivative differs for complex symbols.
_COMPLEX_AWARE = (sympy.Abs, sympy.sign, sympy.re, sympy.im, sympy.arg, sympy.conjugate)


#: Step functions: their derivative is 0 wherever it exists (everywhere but the jumps).
_STEPS = (sympy.floor, sympy.ceiling, sympy.sign, sympy.frac)


def derivative(expr: sympy.Expr, var: sympy.Symbol, order: int = 1) -> sympy.Expr:
    """d^order expr / d var^order, treating every symbol as real."""
    if order == 0:
        return expr
    if not expr.has(*_COMPLEX_AWARE):
        return _almost_everywhere(sympy.diff(expr, var, order))  # fast: no assumptions
    real = {s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols | {var}}
    back = {r: s for s, r in real.items()}
    result = sympy.diff(expr.xreplace(real), real[var], order)
    return _almost_everywhere(result.xreplace(back))


def _almost_everywhere(result: sympy.Expr) -> sympy.Expr:
    """A derivative as it is away from jumps: d/dx floor(x) (which SymPy leaves unevaluated,
    and could only estimate point by point, slowly) and DiracDelta are 0 there."""
    if result.has(sympy.Derivative):
        result = result.replace(
            lambda e: isinstance(e, sympy.Derivative) and isinstance(e.expr, _STEPS),
            lambda e: sympy.S.Zero,
        )
    if result.has(sympy.DiracDelta):
        result = result.replace(sympy.DiracDelta, lambda *args: sympy.S.Zero)
    return result
