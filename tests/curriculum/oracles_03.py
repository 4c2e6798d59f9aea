"""Independent answers for world 3 (Optimization), computed without SymPy or the YAML.

Minima and critical points come from NumPy's polynomial roots or a dense grid search;
curvatures from second differences; descent and Newton answers from running the updates
in an explicit loop, exactly as a learner would by hand.
"""

from __future__ import annotations

import math

import numpy as np

_H = 1e-4


def slope(f, x: float, h: float = _H) -> float:
    """Central first difference."""
    return (f(x + h) - f(x - h)) / (2 * h)


def curvature(f, x: float, h: float = 1e-3) -> float:
    """Central second difference, (f(x+h) - 2 f(x) + f(x-h)) / h^2."""
    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2


def argmin_on_grid(f, lo: float, hi: float, n: int = 200001) -> float:
    """The grid point with the smallest f: a brute-force minimiser."""
    grid = np.linspace(lo, hi, n)
    return float(grid[np.argmin(f(grid))])


def descend(grad, w: float, lr: float, steps: int) -> float:
    """Plain gradient descent, one explicit update per step."""
    for _ in range(steps):
        w = w - lr * grad(w)
    return w


def newton(grad, hess, w: float, steps: int) -> float:
    """Newton's minimisation steps w <- w - L'(w)/L''(w), with numerical derivatives."""
    for _ in range(steps):
        w = w - grad(w) / hess(w)
    return w


def _concave_half_width(a: float) -> float:
    """Largest grid x >= 0 where the second difference of x^4 - a x^2 is negative."""
    grid = np.linspace(0, 10, 100001)
    bends_down = curvature(lambda x: x**4 - a * x**2, grid) < 0
    return float(grid[bends_down].max())


def _steps_below_one_percent() -> int:
    """Run descent on (w - 3)^2 from 0 and count steps until |w - 3| < 1 % of 3."""
    w, steps = 0.0, 0
    while abs(w - 3) >= 0.01 * 3:
        w, steps = w - 0.1 * 2 * (w - 3), steps + 1
    return steps


def _converges(grad, lr: float, w0: float, w_min: float, steps: int = 200) -> bool:
    """Does descent with this lr end closer to the minimiser than it started?"""
    w = w0
    for _ in range(steps):
        w = w - lr * grad(w)
        if abs(w - w_min) > 1e3 * abs(w0 - w_min):
            return False
    return abs(w - w_min) < abs(w0 - w_min)


def _divergence_threshold(loss, lo: float = -10, hi: float = 10) -> float:
    """Bisect on the learning rate for the smallest one at which descent stops converging."""
    w_min = argmin_on_grid(np.vectorize(loss), lo, hi, 20001)
    grad = lambda w: slope(loss, w)  # noqa: E731
    small, large = 1e-6, 10.0
    for _ in range(60):
        mid = (small + large) / 2
        small, large = (mid, large) if _converges(grad, mid, w_min + 1.0, w_min) else (small, mid)
    return (small + large) / 2


ORACLES = {
    ("critical-points", "shifted-parabola"): lambda p: argmin_on_grid(
        lambda w: p["a"] * (w - p["b"]) ** 2 + p["c"], -10, 10
    ),
    ("critical-points", "quadratic-vertex"): lambda p: argmin_on_grid(
        lambda w: w**2 - p["p"] * w + 1, -10, 10
    ),
    # Roots of f'(x) = 3x^2 - k, smaller first.
    ("critical-points", "cubic-critical-points"): lambda p: np.sort(np.roots([3, 0, -p["k"]]).real),
    ("critical-points", "peak-of-x-exp"): lambda p: argmin_on_grid(
        lambda x: -x * np.exp(-x), -1, 5
    ),
    # f'' at the grid minimiser of e^x - a x.
    ("second-derivative", "curvature-at-critical-point"): lambda p: curvature(
        lambda x: np.exp(x) - p["a"] * x,
        argmin_on_grid(lambda x: np.exp(x) - p["a"] * x, -5, 5),
    ),
    ("second-derivative", "input-scale-curvature"): lambda p: curvature(
        lambda w: (w * p["x"] - 1) ** 2, 0.3
    ),
    ("convexity", "concave-stretch"): lambda p: _concave_half_width(p["a"]),
    ("convexity", "least-squares-curvature"): lambda p: curvature(
        lambda w: 0.5 * ((w * p["p"] - 1) ** 2 + (w * p["q"] - 2) ** 2), 0.7
    ),
    ("gradient-descent", "one-step"): lambda p: descend(
        lambda w: 2 * (w - p["b"]), 0.0, p["lr"], 1
    ),
    ("gradient-descent", "after-n-steps"): lambda p: descend(
        lambda w: 2 * (w - p["b"]), 0.0, 0.1, p["n"]
    ),
    ("gradient-descent", "steps-to-one-percent"): lambda p: _steps_below_one_percent(),
    ("learning-rate", "divergence-threshold"): lambda p: _divergence_threshold(
        lambda v: p["a"] * v**2
    ),
    # The ratio new/old after one explicit step from w = 1.
    ("learning-rate", "step-factor"): lambda p: descend(lambda w: 2 * p["a"] * w, 1.0, p["lr"], 1),
    ("learning-rate", "diverging-run"): lambda p: descend(lambda w: 2 * w, p["w0"], 1.5, 3),
    # For a bowl with curvature c, i.e. (c/2) w^2, find where descent stops converging.
    ("learning-rate", "curvature-limit"): lambda p: _divergence_threshold(
        lambda v: p["c"] / 2 * v**2
    ),
    ("fitting-one-weight", "best-weight"): lambda p: float(
        np.linalg.lstsq(np.array([[1.0], [2.0]]), np.array([p["a"], p["b"]]), rcond=None)[0][0]
    ),
    ("fitting-one-weight", "safe-learning-rate"): lambda p: _divergence_threshold(
        lambda v: (v - 2) ** 2 + (2 * v - 3) ** 2
    ),
    ("fitting-one-weight", "first-step-of-fit"): lambda p: descend(
        lambda w: slope(lambda v: (v - 2) ** 2 + (2 * v - 3) ** 2, w), 0.0, p["lr"], 1
    ),
    ("newtons-method", "one-step-on-quadratic"): lambda p: newton(
        lambda w: slope(lambda v: p["a"] * (v - p["b"]) ** 2, w),
        lambda w: curvature(lambda v: p["a"] * (v - p["b"]) ** 2, w),
        0.0,
        1,
    ),
    # Root-finding Newton on x^2 - c, two explicit steps from 1.
    ("newtons-method", "square-root-by-newton"): lambda p: newton(
        lambda x: x**2 - p["c"], lambda x: 2 * x, 1.0, 2
    ),
    ("newtons-method", "newton-on-exp"): lambda p: newton(
        lambda w: slope(lambda v: math.exp(v) - p["a"] * v, w),
        lambda w: curvature(lambda v: math.exp(v) - p["a"] * v, w),
        0.0,
        1,
    ),
}
