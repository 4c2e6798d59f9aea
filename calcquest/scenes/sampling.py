"""Sampling curves and choosing what part of the plane to show.

Curves are sampled once per scene at a fixed resolution (finer than any terminal shows), and
the y range is chosen robustly: a pole such as 1/x must not squash the rest of the curve flat.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from calcquest.scenes.geometry import padded_range

#: Samples per curve: enough for braille dots across a 200-column terminal.
SAMPLES = 401

#: Beyond this a descent step has blown up; it is shown as infinity and the path stops there.
BLOWN_UP = 1e150


def blown_up_to_inf(value: float) -> float:
    """`value`, or a signed infinity once it is not finite or past BLOWN_UP (so a diverging
    descent stops computing instead of overflowing step after step)."""
    import math

    if math.isfinite(value) and abs(value) < BLOWN_UP:
        return value
    return math.copysign(math.inf, value or 1)


def xs_between(lo: float, hi: float, count: int = SAMPLES) -> Any:
    """Evenly spaced x values from lo to hi inclusive."""
    import numpy as np

    return np.linspace(lo, hi, count)


def fitted_range(arrays: Iterable[Any], *, include_zero: bool = False) -> tuple[float, float]:
    """A y range showing the bulk of the values: the 2nd to 98th percentile when a few
    values are huge (near a pole), the full range otherwise, padded a little."""
    import numpy as np

    values = np.concatenate([np.ravel(np.asarray(a, dtype=float)) for a in arrays])
    values = values[np.isfinite(values)]
    if values.size == 0:
        return -1.0, 1.0
    lo, hi = float(values.min()), float(values.max())
    q_lo, q_hi = (float(v) for v in np.percentile(values, [2, 98]))
    if (hi - lo) > 8 * max(q_hi - q_lo, 1e-12):
        lo, hi = q_lo - 0.5 * (q_hi - q_lo), q_hi + 0.5 * (q_hi - q_lo)
    if include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    return padded_range(lo, hi)


def around(center: float, half_width: float = 3.0) -> tuple[float, float]:
    """A default x range centred on a point of interest."""
    return center - half_width, center + half_width


def thinned(xs: Sequence[float], ys: Sequence[float], most: int) -> tuple[list, list]:
    """Every k-th point (always keeping the last) so that at most about `most` remain."""
    xs, ys = list(xs), list(ys)
    stride = -(-len(xs) // max(most, 2))
    if stride <= 1:
        return xs, ys
    keep = list(range(0, len(xs), stride))
    if keep[-1] != len(xs) - 1:
        keep.append(len(xs) - 1)
    return [xs[i] for i in keep], [ys[i] for i in keep]
