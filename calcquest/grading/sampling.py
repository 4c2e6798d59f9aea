"""Random test points inside each variable's domain, and fast vectorised evaluation there.

The numeric half of the equivalence test lives here: a `Space` draws reproducible points
(the spec's domain for a variable, else [-3, 3] without the tiny interval around 0, where
1/x-like answers blow up), and `evaluate` runs a SymPy *object* built by our parser through
`lambdify` on NumPy arrays. Anything undefined at a point (a log of a negative number, a
division by zero, a complex value, an overflow) comes back as NaN, so the caller can skip
or redraw that point.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sympy

#: Default test interval for a variable without a declared domain.
DEFAULT_DOMAIN = (-3.0, 3.0)
#: Points closer to 0 than this are avoided on the default domain.
TINY = 0.1
#: Values whose magnitude exceeds this count as overflow (undefined for comparison).
HUGE = 1e150
#: At most this many points are evaluated one by one when vectorised evaluation fails.
POINTWISE_LIMIT = 48


def _gamma(values):
    return np.vectorize(lambda v: math.gamma(v) if v < 171 else math.inf, otypes=[float])(values)


#: Functions NumPy lacks, for lambdify's module list (names are SymPy's printed names).
NUMPY_EXTRAS = {
    "factorial": lambda v: _gamma(np.asarray(v, dtype=float) + 1.0),
    "gamma": _gamma,
}


@dataclass(frozen=True)
class Space:
    """The variables of a comparison, each with its test interval (None: the default)."""

    symbols: tuple[sympy.Symbol, ...]
    domains: tuple[tuple[float, float] | None, ...]
    seed: int = 271828

    def draw(self, round_index: int, size: int) -> np.ndarray:
        """Points of round `round_index`, shape (len(symbols), size); same seed, same points."""
        rng = np.random.default_rng((self.seed, round_index))
        rows = [self._column(rng, domain, size) for domain in self.domains]
        return np.array(rows, dtype=float).reshape(len(self.symbols), size)

    @staticmethod
    def _column(rng: np.random.Generator, domain, size: int) -> np.ndarray:
        if domain is not None:
            return rng.uniform(domain[0], domain[1], size)
        low, high = DEFAULT_DOMAIN
        magnitude = rng.uniform(TINY, max(abs(low), abs(high)), size)
        return np.where(rng.random(size) < 0.5, -magnitude, magnitude)

    def extended(self, symbols, domain=None) -> Space:
        """This space plus more variables (e.g. the constant C), skipping ones it has."""
        new = [s for s in symbols if s not in self.symbols]
        return Space(self.symbols + tuple(new), self.domains + (domain,) * len(new), self.seed)


@lru_cache(maxsize=512)
def _compiled(expr: sympy.Expr, symbols: tuple[sympy.Symbol, ...]):
    return sympy.lambdify(symbols, expr, modules=[NUMPY_EXTRAS, "numpy"])


def _clean(raw, size: int) -> np.ndarray:
    """Real values with NaN wherever the value is complex, infinite or absurdly large."""
    values = np.broadcast_to(np.asarray(raw, dtype=complex), (size,))
    real = values.real.copy()
    complex_part = np.abs(values.imag) > 1e-9 * (1.0 + np.abs(real))
    real[complex_part | ~np.isfinite(values) | (np.abs(real) > HUGE)] = np.nan
    return real


def _pointwise(expr: sympy.Expr, symbols, points: np.ndarray) -> np.ndarray:
    """Slow path: evaluate with SymPy itself, point by point (rare, capped)."""
    size = points.shape[1]
    out = np.full(size, np.nan, dtype=complex)
    if expr.has(sympy.Derivative):  # evalf would differentiate numerically: far too slow
        return out
    for j in range(min(size, POINTWISE_LIMIT)):
        subs = {s: sympy.Float(points[i, j]) for i, s in enumerate(symbols)}
        try:
            out[j] = complex(expr.evalf(15, subs=subs))
        except (TypeError, ValueError, ArithmeticError):
            continue
    return out


def evaluate(expr: sympy.Expr, symbols: tuple[sympy.Symbol, ...], points: np.ndarray):
    """Values of `expr` at `points` (one row per symbol); NaN where undefined or not real."""
    size = points.shape[1]
    try:
        function = _compiled(expr, symbols)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw = function(*points)
        return _clean(raw, size)
    except (
        TypeError,
        ValueError,
        ArithmeticError,
        NameError,
        AttributeError,
        KeyError,
        NotImplementedError,
    ):
        return _clean(_pointwise(expr, symbols, points), size)


def number_value(expr: sympy.Expr) -> float | None:
    """A constant expression as a real float, or None when it is not a finite real number."""
    try:
        value = complex(sympy.N(expr, 30))
    except (TypeError, ValueError, ArithmeticError):
        return None
    if not math.isfinite(value.real) or abs(value.imag) > 1e-12 * (1 + abs(value.real)):
        return None
    return value.real
