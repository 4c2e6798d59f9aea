"""Clipping lines to the visible box, so huge or infinite values never reach the plotter.

A diverging descent reaches w = 1e30 within a few steps; plotext rasterises the whole line in
pixel space and would spend seconds on it (and draw it wrongly). Clipping each segment to the
plot box (Liang-Barsky) keeps the part a player can see, exactly, and drops the rest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Box = tuple[float, float, float, float]  # xlo, xhi, ylo, yhi
Polyline = tuple[list[float], list[float]]


def _finite(x: float, y: float) -> bool:
    return math.isfinite(x) and math.isfinite(y)


def clip_segment(
    x0: float, y0: float, x1: float, y1: float, box: Box
) -> tuple[float, float, float, float] | None:
    """The part of the segment inside the box, or None when it misses it entirely."""
    xlo, xhi, ylo, yhi = box
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - xlo), (dx, xhi - x0), (-dy, y0 - ylo), (dy, yhi - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy


def clip_polyline(xs: Sequence[float], ys: Sequence[float], box: Box) -> list[Polyline]:
    """The visible pieces of a polyline; gaps appear where it leaves the box or is not finite."""
    pieces: list[Polyline] = []
    current: Polyline | None = None
    for i in range(len(xs) - 1):
        a, b, c, d = float(xs[i]), float(ys[i]), float(xs[i + 1]), float(ys[i + 1])
        clipped = clip_segment(a, b, c, d, box) if _finite(a, b) and _finite(c, d) else None
        if clipped is None:
            current = None
            continue
        sx, sy, ex, ey = clipped
        if current is None or (current[0][-1], current[1][-1]) != (sx, sy):
            current = ([sx], [sy])
            pieces.append(current)
        current[0].append(ex)
        current[1].append(ey)
    if len(xs) == 1 and inside(float(xs[0]), float(ys[0]), box):
        pieces.append(([float(xs[0])], [float(ys[0])]))
    return pieces


def inside(x: float, y: float, box: Box) -> bool:
    """True when the point is finite and within the box."""
    xlo, xhi, ylo, yhi = box
    return _finite(x, y) and xlo <= x <= xhi and ylo <= y <= yhi


def points_inside(xs: Iterable[float], ys: Iterable[float], box: Box) -> Polyline:
    """Only the points within the box."""
    kept = [(float(x), float(y)) for x, y in zip(xs, ys, strict=False) if inside(x, y, box)]
    return [p[0] for p in kept], [p[1] for p in kept]


def padded_range(lo: float, hi: float, fraction: float = 0.08) -> tuple[float, float]:
    """A range widened a little on both sides (and opened up when lo == hi)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return -1.0, 1.0
    if hi - lo < 1e-12:
        span = max(abs(lo), 1.0) * 0.5
        return lo - span, hi + span
    pad = (hi - lo) * fraction
    return lo - pad, hi + pad
