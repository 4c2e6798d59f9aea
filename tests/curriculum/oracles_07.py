"""Independent answers for world 7 (Integrals), computed without SymPy or the YAML.

Riemann sums are added up in explicit loops, exactly as a learner does by hand. Definite
integrals, normalising constants, probabilities and expectations come from a fine midpoint
rule (a Riemann sum with a million strips), with infinite ranges cut where the tail is
negligible. Monte Carlo answers average the given samples in a loop; sample-size answers add
up per-example variances and search for the batch size.
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


def spread_of_average(per_example_variance: float, n: int) -> float:
    """Standard deviation of the average of n independent examples: their variances add up
    (a loop over the examples), and dividing the sum by n divides the variance by n²."""
    total = 0.0
    for _ in range(n):
        total += per_example_variance
    return math.sqrt(total) / n


def per_example_variance(spread: float, n: int) -> float:
    """Bisect for the per-example variance whose n-example average has this spread."""
    lo, hi = 0.0, 1e6
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if spread_of_average(mid, n) < spread else (lo, mid)
    return (lo + hi) / 2


def samples_for_spread(variance: float, target: float, start: int) -> int:
    """The smallest sample count whose average has spread at most `target` (doubling, then
    bisection on the integer count)."""
    hi = start
    while spread_of_average(variance, hi) > target * (1 + 1e-9):
        hi *= 2
    lo = hi // 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if spread_of_average(variance, mid) <= target * (1 + 1e-9) else (mid, hi)
    return hi


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
    # Find the per-sample variance that gives error 0.04 at n samples, then search for the N
    # whose average has error 0.01.
    ("monte-carlo", "samples-for-accuracy"): lambda p: samples_for_spread(
        per_example_variance(0.04, p["n"]), 0.01, p["n"]
    ),
    # Central differences of the batch's average loss.
    ("monte-carlo", "minibatch-gradient"): lambda p: (
        (
            mean([(p["w"] + 1e-4 - x) ** 2 for x in (1, 2, 6)])
            - mean([(p["w"] - 1e-4 - x) ** 2 for x in (1, 2, 6)])
        )
        / 2e-4
    ),
    # Per-example variance from the batch of 32, then the spread of a bigger batch's average.
    ("monte-carlo", "batch-noise"): lambda p: spread_of_average(
        per_example_variance(p["s"], 32), 32 * p["m"]
    ),
}
