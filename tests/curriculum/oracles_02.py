"""Independent answers for world 2 (Derivatives), computed without SymPy or the YAML.

Slopes come from central finite differences of the function as written in the prompt, so a
slip in the level's hand-derived formula shows up here as a mismatch.
"""

from __future__ import annotations

import numpy as np

_H = 1e-5


def slope(f, x: float, h: float = _H) -> float:
    """Central-difference estimate of f'(x) (error ~h^2, far inside the questions' rtol)."""
    return (f(x + h) - f(x - h)) / (2 * h)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _tangent_root(f, a: float) -> float:
    """Where the tangent of f at a meets y = 0: a - f(a)/f'(a), slope found numerically."""
    return a - f(a) / slope(f, a)


def _worst_velocity_error(p) -> float:
    """Two readings of a known path x(t) = 3t, off by +e then -e: the difference's error."""
    h, e = p["h"], p["e"]
    late, early = 3 * (1 + h) + e, 3 * 1 - e
    return abs((late - early) / h - 3)


def _largest_wiggle_slope(p) -> float:
    """Max |d/dx eps*sin(w x)| over one period, by differencing a fine grid."""
    x = np.linspace(0, 2 * np.pi / p["w"], 20001)
    return float(np.max(np.abs(np.gradient(p["eps"] * np.sin(p["w"] * x), x))))


def _count_loss_calls(n: int) -> int:
    """Run a full central-difference gradient over n weights and count the loss evaluations.
    Each weight is nudged in place (up, down, back), so the loop costs O(n), not O(n^2)."""
    calls = 0

    def loss(weights) -> float:
        nonlocal calls
        calls += 1
        return 0.0

    weights, h = np.zeros(n), 1e-5
    for i in range(n):
        weights[i] += h
        up = loss(weights)
        weights[i] -= 2 * h
        down = loss(weights)
        weights[i] += h
        _ = (up - down) / (2 * h)
    return calls


ORACLES = {
    ("power-and-sum-rules", "slope-at-a-point"): lambda p: slope(lambda x: x**3 - p["a"] * x, 2.0),
    ("exp-log-trig", "slope-of-a-to-the-x"): lambda p: slope(lambda x: p["a"] ** x, 0.0),
    ("product-and-quotient-rules", "sigmoid-slope-from-value"): lambda p: slope(
        _sigmoid, np.log(p["k"])
    ),
    ("chain-rule", "squared-error-gradient"): lambda p: slope(
        lambda w: (w * p["x"] - p["t"]) ** 2, float(p["w"])
    ),
    # Tangent-line estimate: value plus numerical slope times the step of 1.
    ("tangent-lines", "linear-estimate"): lambda p: (
        np.sqrt(p["a"] ** 2) + slope(np.sqrt, p["a"] ** 2) * 1.0
    ),
    ("tangent-lines", "tangent-crosses-axis"): lambda p: _tangent_root(
        lambda x: x**2, float(p["a"])
    ),
    # The central difference itself, evaluated in floating point.
    ("numerical-vs-analytic", "central-of-cube"): lambda p: slope(
        lambda x: x**3, float(p["a"]), h=0.1
    ),
    ("numerical-vs-analytic", "cost-of-numerical-gradient"): lambda p: _count_loss_calls(p["n"]),
    ("numerical-vs-analytic", "gradient-check-error"): lambda p: (
        abs(2.000 - 2.004) / max(2.000, 2.004)
    ),
    ("noisy-derivatives", "velocity-error"): _worst_velocity_error,
    ("noisy-derivatives", "wiggle-amplified"): _largest_wiggle_slope,
    # Least-squares line through the five readings; its slope is the speed.
    ("noisy-derivatives", "least-squares-slope"): lambda p: float(
        np.polyfit([0, 1, 2, 3, 4], [1.0, 2.9, 5.2, 6.8, 9.1], 1)[0]
    ),
}
