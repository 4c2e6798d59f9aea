"""Independent answers for world 1 (Limits), computed numerically without SymPy or the YAML.

Limits are found the way a careful student with a calculator would: evaluate the function
ever closer to the point (or ever further out) and see whether the values settle, blow up,
or disagree between the two sides.
"""

from __future__ import annotations

import math

import numpy as np

_NEAR = (1e-4, 1e-6, 1e-8)
_FAR = (1e3, 1e6, 1e9)


def _settle(values: list[float]) -> float:
    """The value a sequence is heading to: +-inf when it blows up, else its last term."""
    last, before = values[-1], values[-2]
    if abs(last) > 1e6 and abs(last) > 100 * abs(before):
        return math.copysign(math.inf, last)
    return round(float(last), 6)


def one_sided(f, a: float, side: int, steps=_NEAR) -> float:
    """Limit of f as x -> a from the right (side=+1) or the left (side=-1)."""
    with np.errstate(all="ignore"):
        return _settle([f(a + side * h) for h in steps])


def limit_at(f, a: float, steps=_NEAR):
    """Two-sided limit: the common one-sided value, or "DNE" when the sides disagree."""
    left, right = one_sided(f, a, -1, steps), one_sided(f, a, +1, steps)
    if left == right:
        return left
    if math.isinf(left) or math.isinf(right) or abs(left - right) > 1e-4 * (1 + abs(left)):
        return "DNE"
    return (left + right) / 2


def limit_at_infinity(f, sign: int = +1, far=_FAR) -> float:
    """Limit as x -> +inf (sign=+1) or -inf (sign=-1), by evaluating far out."""
    with np.errstate(all="ignore"):
        return _settle([f(sign * x) for x in far])


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _same_for_every_k(x: float) -> float:
    """sigma(k x) for slopes k from 1 to 1e6; the question says it does not depend on k."""
    values = {float(_sigmoid(k * x)) for k in (1.0, 5.0, 50.0, 1e3, 1e6)}
    assert len(values) == 1, values
    return values.pop()


ORACLES = {
    # Polynomials: values just either side of x = a.
    ("approaching-a-value", "polynomial"): lambda p: limit_at(lambda x: x**2 + p["b"], p["a"]),
    ("approaching-a-value", "removable-hole"): lambda p: limit_at(
        lambda x: (x**2 - 1) / (x - 1), 1.0
    ),
    ("approaching-a-value", "hole-at-a"): lambda p: limit_at(
        lambda x: (x**2 - p["a"] ** 2) / (x - p["a"]), p["a"], steps=(1e-3, 1e-4, 1e-5)
    ),
    # |x|/x from the left, then both sides (they disagree).
    ("one-sided-limits", "left-limit"): lambda p: one_sided(lambda x: abs(x) / x, 0.0, -1),
    ("one-sided-limits", "two-sided-jump"): lambda p: limit_at(lambda x: abs(x) / x, 0.0),
    ("one-sided-limits", "blow-up-both-sides"): lambda p: limit_at(lambda x: p["a"] / x**2, 0.0),
    ("one-sided-limits", "blow-up-opposite-ways"): lambda p: limit_at(
        lambda x: p["a"] / (x - p["b"]), float(p["b"])
    ),
    # Far-out evaluations.
    ("limits-at-infinity", "ratio-of-quadratics"): lambda p: limit_at_infinity(
        lambda x: (p["a"] * x**2 + 5 * x) / (p["b"] * x**2 + 1)
    ),
    ("limits-at-infinity", "sigmoid-far-left"): lambda p: limit_at_infinity(_sigmoid, -1),
    ("limits-at-infinity", "top-wins"): lambda p: limit_at_infinity(lambda x: x**2 / (x + p["a"])),
    ("limits-at-infinity", "exponential-beats-power"): lambda p: limit_at_infinity(
        lambda x: x ** p["k"] * np.exp(-x)
    ),
    # Continuity: c is the gap between the right piece's value at 1 and where the left piece
    # (with c = 0) is heading as x -> 1 from below.
    ("continuity", "glue-two-pieces"): lambda p: (
        (lambda x: x**2 + p["b"])(1.0) - one_sided(lambda x: p["a"] * x, 1.0, -1)
    ),
    ("continuity", "steep-sigmoid"): lambda p: limit_at_infinity(lambda k: _sigmoid(k * p["x"])),
    ("continuity", "steep-sigmoid-at-zero"): lambda p: _same_for_every_k(0.0),
    # Famous 0/0 limits, evaluated near the point.
    ("famous-limits", "sin-ax-over-x"): lambda p: limit_at(lambda x: np.sin(p["a"] * x) / x, 0.0),
    ("famous-limits", "exp-slope-at-zero"): lambda p: limit_at(lambda h: (np.exp(h) - 1) / h, 0.0),
    ("famous-limits", "compound-growth"): lambda p: limit_at_infinity(
        lambda n: (1 + p["a"] / n) ** n, far=(1e4, 1e6, 1e8)
    ),
    ("famous-limits", "squeezed-wobble"): lambda p: limit_at(lambda x: x**2 * np.sin(1 / x), 0.0),
    # 1 - cos x cancels badly below x ~ 1e-5, so stop at 1e-4.
    ("famous-limits", "one-minus-cos"): lambda p: limit_at(
        lambda x: (1 - np.cos(x)) / x**2, 0.0, steps=(1e-2, 1e-3, 1e-4)
    ),
    # Difference quotients computed directly in floating point.
    ("difference-quotient", "secant-slope"): lambda p: ((p["a"] + 0.1) ** 2 - p["a"] ** 2) / 0.1,
    ("difference-quotient", "line-quotient"): lambda p: (
        ((p["a"] * 1.3 + p["b"]) - (p["a"] * 0.7 + p["b"])) / 0.6
    ),
    ("floating-point-sweet-spot", "h-below-epsilon"): lambda p: float(
        (np.exp(1.0 + 1e-20) - np.exp(1.0)) / 1e-20
    ),
    ("floating-point-sweet-spot", "forward-error"): lambda p: (
        ((p["a"] + p["h"]) ** 3 - p["a"] ** 3) / p["h"] - 3 * p["a"] ** 2
    ),
    ("floating-point-sweet-spot", "central-error"): lambda p: (
        ((2.0 + p["h"]) ** 3 - (2.0 - p["h"]) ** 3) / (2 * p["h"]) - 3 * 2.0**2
    ),
}
