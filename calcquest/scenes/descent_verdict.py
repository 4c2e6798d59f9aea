"""What a one-variable gradient descent run actually does: settle, overshoot, bounce, diverge.

On a quadratic the answer follows from the rate alone: every step multiplies the distance to
the minimum by |1 - lr L″| (L″ = loss''), so the steps diverge exactly when lr > 2/L″. On any
other loss the curvature changes along the way (w⁴ is steep far out and flat near 0), so a
rate above 2/L″ at the most curved point can still settle. There the verdict comes from the path
itself: whether it leaves the view, and whether its last steps grow while the loss rises
(diverging), keep their size (bouncing, or still sliding down a straight slope) or shrink.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SETTLES = "settles"
OVERSHOOTS = "overshoots, then settles"
BOUNCES = "bounces"
DIVERGES = "diverges"
RUNS_OFF = "runs off"
DRIFTS = "keeps moving"

#: How many of the last steps the path verdict looks at.
TAIL = 6


def quadratic_verdict(lr: float, curvature: float) -> str:
    """The verdict on a quadratic with loss'' = curvature > 0: the distance to the minimum
    is multiplied by |1 - lr * curvature| at every step."""
    factor = abs(1 - lr * curvature)
    if math.isclose(factor, 1, rel_tol=1e-9):
        return BOUNCES
    if factor > 1:
        return DIVERGES
    return OVERSHOOTS if lr * curvature > 1 else SETTLES


def left_view(path: Sequence[float], view: tuple[float, float]) -> bool:
    """True once a point is not finite or lies more than the view's width beyond it."""
    lo, hi = view
    span = hi - lo
    return any(not math.isfinite(w) or w < lo - span or w > hi + span for w in path)


def path_verdict(path: Sequence[float], losses: Sequence[float], view: tuple[float, float]) -> str:
    """The verdict from what the path does: leaving the view (diverging if the loss rose,
    running off downhill if it fell), else how the sizes of its last steps change."""
    if left_view(path, view):
        fell = math.isfinite(losses[-1]) and losses[-1] < losses[0]
        return RUNS_OFF if fell else DIVERGES
    tail = list(path[-(TAIL + 1) :])
    steps = [b - a for a, b in zip(tail, tail[1:], strict=False)]
    rising = losses[-1] > losses[-len(tail)]
    if len(steps) < 2:
        return DIVERGES if rising else SETTLES
    sizes = [abs(s) for s in steps]
    early, late = max(sizes[:2]), max(sizes[-2:])
    if late <= 1e-12 * (view[1] - view[0]):
        return SETTLES
    alternating = all(a * b < 0 for a, b in zip(steps, steps[1:], strict=False))
    if late > early * (1 + 1e-9):
        return DIVERGES if rising else DRIFTS
    if math.isclose(late, early, rel_tol=1e-6):
        return BOUNCES if alternating else DRIFTS
    return OVERSHOOTS if alternating else SETTLES
