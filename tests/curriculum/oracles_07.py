"""Independent answers for world 7 (Integrals), computed without SymPy or the YAML.

Riemann sums are added up in explicit loops, exactly as a learner does by hand. Definite
integrals, normalising constants, probabilities and expectations come from a fine midpoint
rule (a Riemann sum with a million strips), with infinite ranges cut where the tail is
negligible. Monte Carlo answers average the given samples in a loop.
"""

from __future__ import annotations

import math

import numpy as np

_STRIPS = 1_000_000


def riemann(f, a: float, b: float, n: int, rule: str) -> float:
    """Sum of n rectangles of f on [a, b], heights at the left, right or middle of each strip."""
    width = (b - a) / n
    offset = {"left": 0.0, "midpoint": 0.5, "right": 1.0}[rule]
    total = 0.0
    for k in range(n):
        total += f(a + (k + offset) * width) * width
    return total


def integral(f, a: float, b: float) -> float:
    """The definite integral by a vectorised midpoint rule with a million strips."""
    width = (b - a) / _STRIPS
    midpoints = a + (np.arange(_STRIPS) + 0.5) * width
    return float(np.sum(f(midpoints)) * width)


ORACLES = {
    ("riemann-sums", "right-sum-by-hand"): lambda p: riemann(
        lambda x: x**2, 0, p["n"], p["n"], "right"
    ),
    ("riemann-sums", "midpoint-sum"): lambda p: riemann(
        lambda x: p["a"] * x**2, 0, 2, 2, "midpoint"
    ),
    # A left sum with 100,000 rectangles stands in for the limit n -> oo.
    ("riemann-sums", "limit-of-left-sums"): lambda p: riemann(
        lambda x: p["c"] * x, 0, 1, 100_000, "left"
    ),
    ("fundamental-theorem", "cube-difference"): lambda p: integral(lambda x: 3 * x**2, 1, p["b"]),
    ("fundamental-theorem", "sine-hump"): lambda p: integral(np.sin, 0, math.pi),
    ("fundamental-theorem", "signed-area"): lambda p: integral(lambda x: x, -p["a"], p["b"]),
}
