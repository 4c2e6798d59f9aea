"""Independent answers for world 8 (Differential equations), computed without SymPy or the YAML.

Euler, RK4 and gradient-descent answers run the updates in explicit loops, as a learner does by
hand. Exact values come from a fine RK4 integration instead of the closed forms; orders of
accuracy and stability limits are measured by running the method (error ratios when the step
halves, bisection on the step size); equilibria come from NumPy's polynomial roots.
"""

from __future__ import annotations

import math

import numpy as np


def euler(f, t: float, y, h: float, steps: int):
    """Explicit Euler steps y <- y + h f(t, y); y may be a float or a NumPy array."""
    for _ in range(steps):
        y, t = y + h * f(t, y), t + h
    return y


def rk4(f, t: float, y, h: float, steps: int):
    """Classical fourth-order Runge-Kutta steps."""
    for _ in range(steps):
        k1 = f(t, y)
        k2 = f(t + h / 2, y + h / 2 * k1)
        k3 = f(t + h / 2, y + h / 2 * k2)
        k4 = f(t + h, y + h * k3)
        y, t = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4), t + h
    return y


def solve(f, y0: float, t_end: float, steps: int = 2000) -> float:
    """A reference solution at t_end by fine RK4 from t = 0."""
    return rk4(f, 0.0, y0, t_end / steps, steps)


def first_time_below(f, y0: float, level: float, h: float = 1e-3) -> float:
    """The time a fine RK4 run first falls below `level`, linearly interpolated."""
    t, y = 0.0, y0
    while True:
        nxt = rk4(f, t, y, h, 1)
        if nxt < level:
            return t + h * (y - level) / (y - nxt)
        t, y = t + h, nxt


def euler_error(h: float) -> float:
    """Euler's error at t = 1 on y' = y, y(0) = 1, against fine RK4."""
    exact = solve(lambda t, y: y, 1.0, 1.0)
    return abs(euler(lambda t, y: y, 0.0, 1.0, h, round(1 / h)) - exact)


def euler_error_ratio() -> float:
    """How much Euler's error shrinks when a small step is halved (tends to 2^order)."""
    return euler_error(2e-4) / euler_error(1e-4)


def largest_stable_step(k: float) -> float:
    """Bisect on h for the largest Euler step on y' = -k y whose iterates do not grow."""
    lo, hi = 1e-6, 10.0
    for _ in range(60):
        mid = (lo + hi) / 2
        with np.errstate(all="ignore"):
            final = np.float64(euler(lambda t, y: -k * y, 0.0, np.float64(1.0), mid, 400))
        grows = not abs(final) <= 1.0 + 1e-9  # an overflow to nan counts as growth
        lo, hi = (lo, mid) if grows else (mid, hi)
    return lo


def argmax_on_grid(f, lo: float, hi: float, n: int = 200001) -> float:
    """The grid point with the largest f."""
    grid = np.linspace(lo, hi, n)
    return float(grid[np.argmax(f(grid))])


def _sigmoid_slope_at_value(s: float, h: float = 1e-5) -> float:
    """Central difference of 1/(1 + e^-t) at the t where it equals s."""
    t = math.log(s / (1 - s))
    sigma = lambda u: 1 / (1 + math.exp(-u))  # noqa: E731
    return (sigma(t + h) - sigma(t - h)) / (2 * h)


def descend(grad, w, lr: float, steps: int):
    """Plain gradient descent, one explicit update per step."""
    for _ in range(steps):
        w = w - lr * grad(w)
    return w


def divergence_threshold(grad, w0) -> float:
    """Bisect on the learning rate for the largest one at which descent does not blow up."""
    lo, hi = 1e-6, 10.0
    for _ in range(60):
        mid = (lo + hi) / 2
        with np.errstate(all="ignore"):
            final = descend(grad, np.asarray(w0, dtype=float), mid, 2000)
            grows = not np.linalg.norm(final) <= np.linalg.norm(w0) + 1e-9
        lo, hi = (lo, mid) if grows else (mid, hi)
    return lo


def _two_euler_steps_oscillator(h: float) -> np.ndarray:
    """Two explicit Euler steps of (y, v)' = (v, -y) from (1, 0)."""
    return euler(lambda t, s: np.array([s[1], -s[0]]), 0.0, np.array([1.0, 0.0]), h, 2)


def _energy_after_euler(h: float, steps: int) -> float:
    """y^2 + v^2 after explicit Euler steps on the oscillator from (1, 0)."""
    y, v = euler(lambda t, s: np.array([s[1], -s[0]]), 0.0, np.array([1.0, 0.0]), h, steps)
    return float(y * y + v * v)


def rk4_error_ratio(h: float = 0.01) -> float:
    """How much RK4's error on y'' = -y at t = 1 shrinks when the step h is halved."""
    field = lambda t, s: np.array([s[1], -s[0]])  # noqa: E731
    exact = math.cos(1.0)

    def error(step: float) -> float:
        return abs(rk4(field, 0.0, np.array([1.0, 0.0]), step, round(1 / step))[0] - exact)

    return error(h) / error(h / 2)


def heavy_ball_beta(gamma: float, h: float) -> float:
    """The factor on w_k - w_(k-1) in the finite-difference heavy ball, found by running it.

    (w_(k+1) - 2 w_k + w_(k-1))/h^2 = -gamma (w_k - w_(k-1))/h with no slope, from
    w_(k-1) = 0 and w_k = 1: the new step w_(k+1) - w_k is beta times the old one (1).
    """
    before, now = 0.0, 1.0
    after = 2 * now - before - gamma * h * (now - before)
    return (after - now) / (now - before)


def _critical_friction(a: float) -> float:
    """Bisect on gamma for where r^2 + gamma r + a stops having complex roots (NumPy roots)."""
    lo, hi = 0.0, 100.0
    for _ in range(80):
        mid = (lo + hi) / 2
        complex_roots = np.abs(np.roots([1.0, mid, a]).imag).max() > 0
        lo, hi = (mid, hi) if complex_roots else (lo, mid)
    return hi


def envelope_half_life(gamma: float) -> float:
    """Half-life of e^(Re r t), r the roots of r^2 + gamma r + 1 (from NumPy)."""
    decay = -np.roots([1.0, gamma, 1.0]).real.max()
    return math.log(2) / decay


ORACLES = {
    ("growth-and-decay", "half-life"): lambda p: first_time_below(lambda t, y: -p["k"] * y, 1, 0.5),
    ("growth-and-decay", "growth-at-time"): lambda p: solve(lambda t, y: p["k"] * y, 100, 10),
    ("euler-method", "two-steps-by-hand"): lambda p: euler(lambda t, y: t - y, 0, p["y0"], 0.5, 2),
    ("euler-method", "e-by-euler"): lambda p: euler(lambda t, y: y, 0, 1, 1 / p["n"], p["n"]),
    ("euler-method", "three-decay-steps"): lambda p: euler(
        lambda t, y: -p["k"] * y, 0, 1, p["h"], 3
    ),
    # The measured shrink factor of Euler's error when the step halves.
    ("euler-step-size", "halve-the-step"): lambda p: p["e"] / euler_error_ratio(),
    # Measured order p = log2(ratio); steps grow by (error ratio)^(1/p).
    ("euler-step-size", "steps-for-accuracy"): lambda p: (
        100 * (p["e"] / 0.001) ** (1 / math.log2(euler_error_ratio()))
    ),
    # One explicit step from y = 1.
    ("euler-step-size", "step-factor"): lambda p: euler(lambda t, y: -p["k"] * y, 0, 1, p["h"], 1),
    ("euler-step-size", "largest-stable-step"): lambda p: largest_stable_step(p["k"]),
    # Roots of r y - (r/K) y^2, smaller first.
    ("logistic-equation", "equilibria"): lambda p: np.sort(
        np.roots([-p["r"] / p["K"], p["r"], 0]).real
    ),
    ("logistic-equation", "sigmoid-slope"): lambda p: _sigmoid_slope_at_value(p["s"]),
    ("logistic-equation", "fastest-growth"): lambda p: argmax_on_grid(
        lambda y: p["r"] * y * (1 - y / p["K"]), 0, p["K"]
    ),
    ("gradient-flow", "one-step-is-descent"): lambda p: euler(
        lambda t, w: -(w**3), 0, p["w0"], p["lr"], 1
    ),
    ("gradient-flow", "descent-versus-flow"): lambda p: descend(lambda w: 2 * w, 1.0, 0.1, p["n"]),
    ("gradient-flow", "stable-learning-rate"): lambda p: divergence_threshold(
        lambda w: 2 * p["c"] * w, 1.0
    ),
    ("gradient-flow", "stiff-valley"): lambda p: divergence_threshold(
        lambda wb: np.array([wb[0], p["a"] * wb[1]]), [1.0, 1.0]
    ),
    ("euler-vs-rk4", "two-euler-steps"): lambda p: _two_euler_steps_oscillator(p["h"]),
    ("euler-vs-rk4", "energy-after-one-step"): lambda p: _energy_after_euler(p["h"], 1),
    ("euler-vs-rk4", "energy-leak"): lambda p: _energy_after_euler(0.1, p["n"]),
    ("euler-vs-rk4", "rk4-step-halving"): lambda p: rk4_error_ratio(),
    # gamma = the smallest friction with a real double root: bisect on the discriminant sign.
    ("heavy-ball", "critical-damping"): lambda p: _critical_friction(p["a"]),
    ("heavy-ball", "beta-from-friction"): lambda p: heavy_ball_beta(p["g"], p["h"]),
    ("heavy-ball", "ringing-half-life"): lambda p: envelope_half_life(p["g"]),
}
