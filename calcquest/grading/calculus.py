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


def derivative(expr: sympy.Expr, var: sympy.Symbol, order: int = 1) -> sympy.Expr:
    """d^order expr / d var^order, treating every symbol as real."""
    if order == 0:
        return expr
    if not expr.has(*_COMPLEX_AWARE):
        return sympy.diff(expr, var, order)  # fast: no assumptions to query
    real = {s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols | {var}}
    back = {r: s for s, r in real.items()}
    result = sympy.diff(expr.xreplace(real), real[var], order)
    return result.xreplace(back)
