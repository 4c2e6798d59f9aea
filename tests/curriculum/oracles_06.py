"""Independent answers for world 6 (Training deep networks).

Nothing here reads the YAML or uses SymPy. Products of per-layer factors are explicit loops,
the optimizers (momentum, Adam) are run step by step exactly as their update rules say, and
the remaining numbers come from NumPy sampling or plain float arithmetic.
"""

from __future__ import annotations

import math

import numpy as np


def _sigmoid_slope(z: float) -> float:
    s = 1 / (1 + math.exp(-z))
    return s * (1 - s)


def _product(factor: float, times: int) -> float:
    """factor · factor · … (times factors): the chain rule through identical layers."""
    result = 1.0
    for _ in range(times):
        result *= factor
    return result


def _max_sigmoid_slope() -> float:
    # Search a fine grid of z for the largest σ'(z).
    return max(_sigmoid_slope(z) for z in np.linspace(-10, 10, 20001))


def _layers_to_a_millionth() -> int:
    # Multiply by the best-case factor σ'(0) until the gradient falls below 1e-6.
    size, layers = 1.0, 0
    while size >= 1e-6:
        size *= _sigmoid_slope(0.0)
        layers += 1
    return layers


def _relu_backward(p):
    z = np.array([2.0, -1.0, 0.5])
    g = np.array([p["g1"], p["g2"], p["g3"]], dtype=float)
    return g * (z > 0)


def _active_fraction() -> float:
    # Monte Carlo: share of symmetric random pre-activations that are positive.
    z = np.random.default_rng(0).standard_normal(1_000_000)
    return float(np.mean(z > 0))


def _relu_mean_square(fan_in: int, std: float) -> float:
    """E[ReLU(z)²] for z = Σ w·x over fan_in unit-variance inputs, by numerical integration
    of the normal density of z (variance fan_in · std²)."""
    sigma = math.sqrt(fan_in) * std
    z = np.linspace(0.0, 12 * sigma, 200001)
    density = np.exp(-(z**2) / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi))
    return float(np.trapezoid(z**2 * density, z))


def _clip(g, c: float):
    g = np.asarray(g, dtype=float)
    norm = np.linalg.norm(g)
    return g * (c / norm) if norm > c else g


def _momentum_on_square(w: float, steps: int, lr=0.1, beta=0.9) -> float:
    """Momentum v ← βv + g, w ← w − lr·v on L = w²."""
    v = 0.0
    for _ in range(steps):
        v = beta * v + 2 * w
        w -= lr * v
    return w


def _velocity(g: float, beta: float, steps: int) -> float:
    v = 0.0
    for _ in range(steps):
        v = beta * v + g
    return v


def _adam_first_step(g, lr=0.001, b1=0.9, b2=0.999, eps=1e-8, correct=True):
    """Adam's change in w at t = 1, entry by entry."""
    g = np.asarray(g, dtype=float)
    m = (1 - b1) * g
    v = (1 - b2) * g**2
    if correct:
        m, v = m / (1 - b1), v / (1 - b2)
    return -lr * m / (np.sqrt(v) + eps)


ORACLES = {
    ("vanishing-gradients", "sigmoid-max-slope"): lambda p: _max_sigmoid_slope(),
    ("vanishing-gradients", "best-case-factor"): lambda p: _product(_sigmoid_slope(0.0), p["n"]),
    ("vanishing-gradients", "layers-to-a-millionth"): lambda p: _layers_to_a_millionth(),
    # σ'(z) evaluated far out: it has settled at 0 to within 1e-17.
    ("vanishing-gradients", "saturation-limit"): lambda p: _sigmoid_slope(40.0),
    ("exploding-gradients", "linear-chain"): lambda p: _product(p["w"], p["L"]),
    ("exploding-gradients", "recurrent"): lambda p: _product(p["w"], p["T"]),
    ("relu", "relu-backward"): _relu_backward,
    ("relu", "active-fraction"): lambda p: _active_fraction(),
    ("he-initialisation", "he-std"): lambda p: math.sqrt(2 / p["n"]),
    # Inputs have mean square 1, so the factor is E[ReLU(z)²] itself.
    ("he-initialisation", "growth-factor"): lambda p: _relu_mean_square(p["n"], p["s"]),
    ("he-initialisation", "xavier-with-relu"): lambda p: _product(0.5, p["L"]),
    ("gradient-clipping", "clip-three-four"): lambda p: _clip([3, 4], 1),
    ("gradient-clipping", "clip-general"): lambda p: _clip([p["a"], p["b"]], p["c"]),
    ("gradient-clipping", "below-threshold"): lambda p: _clip([0.3, -0.4], 1),
    # Length of lr · clip(g): build a gradient of norm g and clip it.
    ("gradient-clipping", "step-length"): lambda p: float(
        np.linalg.norm(p["lr"] * _clip([p["g"], 0.0], p["c"]))
    ),
    ("momentum", "two-steps"): lambda p: _momentum_on_square(p["w"], 2),
    # Run the velocity recursion long enough to settle (β ≤ 0.99: 5000 steps).
    ("momentum", "terminal-velocity"): lambda p: _velocity(p["g"], p["beta"], 5000),
    ("momentum", "three-steps"): lambda p: _velocity(1.0, p["beta"], 3),
    ("adam", "first-step"): lambda p: p["w"] + float(_adam_first_step([p["g"]])[0]),
    ("adam", "two-scales"): lambda p: _adam_first_step([p["a"], -p["b"]]),
    ("adam", "no-bias-correction"): lambda p: float(
        abs(_adam_first_step([1.0], eps=0.0, correct=False)[0])
    ),
    # 1 − 0.9ᵗ for a large t.
    ("adam", "correction-fades"): lambda p: 1 - 0.9**1000,
}
