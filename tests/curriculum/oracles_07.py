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


def integral(f, a: float, b: float, strips: int = _STRIPS) -> float:
    """The definite integral by a vectorised midpoint rule with a million strips."""
    width = (b - a) / strips
    midpoints = a + (np.arange(strips) + 0.5) * width
    return float(np.sum(f(midpoints) * np.ones_like(midpoints)) * width)


def mean(values) -> float:
    """A plain average, added up in a loop."""
    total = 0.0
    for value in values:
        total += value
    return total / len(values)


def best_constant_prediction(density, lo: float, hi: float) -> float:
    """Grid search for the c minimising the expected squared loss E[(X - c)^2]."""
    xs = lo + (np.arange(10_000) + 0.5) * (hi - lo) / 10_000
    cs = np.linspace(lo, hi, 4001)
    risks = ((xs[None, :] - cs[:, None]) ** 2 * density(xs)[None, :]).sum(axis=1)
    return float(cs[np.argmin(risks)])


def _uniform_moment(power: int, a: float, b: float) -> float:
    """E[X^power] for X uniform on [a, b], integrating x^power times the height 1/(b - a)."""
    return integral(lambda x: x**power / (b - a), a, b)


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
    ("integration-by-substitution", "change-the-limits"): lambda p: integral(
        lambda x: 2 * x * (1 + x**2) ** p["n"], 0, 1
    ),
    # c = 1 / (area under x^2 on [0, b]).
    ("probability-densities", "normalising-constant"): lambda p: (
        1 / integral(lambda x: x**2, 0, p["b"])
    ),
    # The tail integral, cut 40 mean lifetimes past t.
    ("probability-densities", "exponential-tail"): lambda p: integral(
        lambda x: p["lam"] * np.exp(-p["lam"] * x), p["t"], p["t"] + 40 / p["lam"]
    ),
    # Height h with h * (area of a unit-height rectangle) = 1.
    ("probability-densities", "uniform-height"): lambda p: (
        1 / integral(lambda x: 1.0, p["a"], p["b"])
    ),
    ("probability-densities", "triangle-cdf"): lambda p: integral(lambda x: 2 * x, 0, p["q"]),
    # An interval of width zero.
    ("probability-densities", "single-point"): lambda p: integral(lambda x: 2 * x, 0.5, 0.5),
    ("expectations", "uniform-mean"): lambda p: _uniform_moment(1, p["a"], p["b"]),
    ("expectations", "uniform-second-moment"): lambda p: _uniform_moment(2, 0, p["b"]),
    ("expectations", "uniform-variance"): lambda p: (
        _uniform_moment(2, 0, p["b"]) - _uniform_moment(1, 0, p["b"]) ** 2
    ),
    ("expectations", "exponential-mean"): lambda p: integral(
        lambda x: x * p["lam"] * np.exp(-p["lam"] * x), 0, 60 / p["lam"]
    ),
    ("expectations", "best-constant"): lambda p: best_constant_prediction(lambda x: 2 * x, 0, 1),
    # Width times the average of the samples.
    ("monte-carlo", "estimate-with-width"): lambda p: p["b"] * mean([3, 5, 2, 6]),
    ("monte-carlo", "estimate-by-hand"): lambda p: mean([p["a"] * x**2 for x in (0.2, 0.5, 0.8)]),
    # Error 0.04 * sqrt(n / N) = 0.01, solved for N.
    ("monte-carlo", "samples-for-accuracy"): lambda p: p["n"] * (0.04 / 0.01) ** 2,
    # Central differences of the batch's average loss.
    ("monte-carlo", "minibatch-gradient"): lambda p: (
        (
            mean([(p["w"] + 1e-4 - x) ** 2 for x in (1, 2, 6)])
            - mean([(p["w"] - 1e-4 - x) ** 2 for x in (1, 2, 6)])
        )
        / 2e-4
    ),
    # The standard deviation of an average falls with the square root of the batch.
    ("monte-carlo", "batch-noise"): lambda p: p["s"] / math.sqrt(p["m"]),
}
