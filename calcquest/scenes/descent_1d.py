"""`descent_1d`: gradient descent on a loss of one variable, a ball rolling down the curve.

The learning rate is the lesson. On a quadratic, below 2/L″ (L″ = loss'', the curvature) the ball settles and
above it every step overshoots further and the path diverges, which the drawing shows by
leaving the plot (clipped) and the description says in words. On other losses the curvature
changes along the way, so the verdict comes from what the path does (descent_verdict.py), and
L″ is the largest curvature at the points the path visits. The shown range does not depend on
the rate, so turning the control never moves the axes.
"""

from __future__ import annotations

import math
import re
from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.descent_verdict import (
    BOUNCES,
    DIVERGES,
    DRIFTS,
    OVERSHOOTS,
    RUNS_OFF,
    SETTLES,
    left_view,
    path_verdict,
    quadratic_verdict,
)
from calcquest.scenes.fmt import num, step
from calcquest.scenes.plot import Plot
from calcquest.scenes.sampling import blown_up_to_inf, fitted_range, xs_between

#: How the rate sentence ends, for each verdict (see descent_verdict.py).
#: The share of the starting distance to the minimum below which a run has settled.
SETTLED = 0.01
_ENDINGS = {
    SETTLES: ", so the steps settle.",
    OVERSHOOTS: ": each step overshoots the minimum, by less every time, so the steps settle.",
    BOUNCES: ": the steps bounce back and forth without settling.",
    DIVERGES: ": each step overshoots further, diverging.",
    RUNS_OFF: ", but the loss has no minimum this way: the steps run downhill out of view.",
    DRIFTS: ": the steps are not shrinking yet, the path is still moving downhill.",
}


def descent_path(grad: Any, start: float, lr: float, steps: int) -> list[float]:
    """w_0 = start, w_{k+1} = w_k - lr * grad(w_k); stops changing once it is not finite."""
    import numpy as np

    path = [start]
    with np.errstate(all="ignore"):
        for _ in range(steps):
            w = path[-1]
            nxt = w - lr * float(grad(np.array([w]))[0]) if math.isfinite(w) else w
            path.append(blown_up_to_inf(nxt))
    return path


class Descent1DScene(Scene):
    """One frame per step: the loss curve, the path so far and the ball."""

    type_name = "descent_1d"
    default_fps = 6

    @property
    def frame_count(self) -> int:
        return len(self.path)

    def _prepare(self) -> None:
        import sympy

        p = self.params
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", p.var):
            raise SceneError(
                f"var: {p.var!r} is not a variable name",
                "Write var as letters, such as w or theta.",
            )
        self.var = p.var
        self.expr, self.loss = ex.function(p.loss, [p.var], "loss")
        (w,) = ex.symbols_for(self.expr, [p.var])
        self.grad = ex.to_numpy(sympy.diff(self.expr, w), [p.var], "loss'")
        self.start, self.lr = ex.number(p.start, "start"), ex.number(p.lr, "lr")
        if self.lr <= 0:
            raise SceneError(
                f"lr: {self.lr:g} must be positive", "Use a learning rate such as 0.1."
            )
        self.x_range = ex.interval(p.x, "x") if p.x else self._default_range()
        self.xs = xs_between(*self.x_range)
        self.ys = self.loss(self.xs)
        self.y_range = fitted_range([self.ys])
        self.path = descent_path(
            self.grad, self.start, self.lr, ex.integer(p.steps, "steps", 1, 200)
        )
        self.losses = [
            float(self.loss([w])[0]) if math.isfinite(w) else math.inf for w in self.path
        ]
        second = sympy.diff(self.expr, w, 2)
        self.L, self.most_curved_at = self._path_curvature(second)
        self.quadratic = not second.free_symbols and float(second) > 0  # a bowl
        self.verdict = (
            quadratic_verdict(self.lr, self.L)
            if self.quadratic
            else path_verdict(self.path, self.losses, self.x_range)
        )

    def _path_curvature(self, second: Any) -> tuple[float, float]:
        """(L, where): the largest |loss''| at the points the path visits in view (all it
        visits if none is), and the point. Numerically from the slope when the second
        derivative has no NumPy form (the kink of |w|)."""
        import numpy as np

        lo, hi = self.x_range
        points = np.array([w for w in self.path if lo <= w <= hi] or [self.start])
        with np.errstate(all="ignore"):
            try:
                values = np.abs(ex.to_numpy(second, [self.var], "loss''")(points))
            except SceneError:
                h = 1e-4 * (self.x_range[1] - self.x_range[0])
                values = np.abs(self.grad(points + h) - self.grad(points - h)) / (2 * h)
        values = np.broadcast_to(values, points.shape)
        finite = np.isfinite(values)
        if not finite.any():
            return 0.0, self.start
        best = int(np.argmax(np.where(finite, values, -1.0)))
        return float(values[best]), float(points[best])

    def _default_range(self) -> tuple[float, float]:
        """Around the start and the lowest point near it (independent of the rate)."""
        import numpy as np

        reach = 3 * (abs(self.start) + 1)
        probe = np.linspace(self.start - reach, self.start + reach, 601)
        values = self.loss(probe)
        finite = np.isfinite(values)
        center = float(probe[finite][np.argmin(values[finite])]) if finite.any() else self.start
        half = max(abs(self.start - center) * 1.4, 1.0)
        return center - half, center + half

    @property
    def limit(self) -> float:
        """The stability limit 2/L″ of the learning rate (infinite for a straight line)."""
        return 2 / self.L if self.L > 0 else math.inf

    def diverging(self, frame: int | None = None) -> bool:
        """True when the run diverges; for a frame, once that shows: the path has left the
        view or the loss has risen above where it started."""
        if frame is None:
            return self.verdict == DIVERGES
        if self.verdict == RUNS_OFF:
            return False
        left = left_view(self.path[: frame + 1], self.x_range)
        return left or (self.verdict == DIVERGES and self.losses[frame] > self.losses[0])

    def _data(self, frame: int) -> dict[str, Any]:
        w = self.path[frame]
        return {
            "step": frame,
            "w": w,
            "loss": self.losses[frame],
            "path": self.path[: frame + 1],
            "losses": self.losses[: frame + 1],
            "lr": self.lr,
            "L": self.L,
            "limit": self.limit,
            "verdict": self.verdict,
            "diverging": self.diverging(frame),
        }

    def _rate_sentence(self) -> str:
        """What the rate does to this run, in words, from the verdict."""
        if not math.isfinite(self.limit):
            head = "There is no stability limit here (the loss is straight where the path goes)"
        else:
            side = "above" if self.lr > self.limit else "below"
            side = "at" if math.isclose(self.lr, self.limit, rel_tol=1e-9) else side
            head = f"The learning rate {step(self.lr)} is {side} the stability limit 2/L″ = {num(self.limit)}"
        slow = self._slow_ending()
        if slow:
            return f"{head}{slow}"
        if self.verdict in (SETTLES, OVERSHOOTS) and self.lr > self.limit:
            return (
                f"{head} at the most curved point the path visits ({self.var} = "
                f"{num(self.most_curved_at)}), so steps there overshoot; the curve flattens where "
                "the path goes on, and the steps settle."
            )
        return f"{head}{_ENDINGS[self.verdict]}"

    def _slow_ending(self) -> str:
        """For a quadratic run still far from the minimum at its last step (a rate well
        below the limit, or just under it): how much of the way is left, instead of
        "settle". Each step keeps |1 - lr L″| of the distance."""
        if not self.quadratic or self.verdict not in (SETTLES, OVERSHOOTS):
            return ""
        left = abs(1 - self.lr * self.L) ** self.last_frame
        if left < SETTLED:
            return ""
        how = (
            "the steps head for the minimum, but slowly"
            if self.verdict == SETTLES
            else "each step overshoots the minimum, by only a little less every time"
        )
        return f": {how}; after {self.last_frame} steps {left:.0%} of the distance is left."

    def _describe(self, frame: int) -> str:
        w, loss = self.path[frame], self.losses[frame]
        return (
            f"Step {frame} of {self.last_frame}: {self.var} = {num(w)}, loss = {num(loss)}. "
            + self._rate_sentence()
        )

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        w, loss = self.path[frame], self.losses[frame]
        plot = Plot(width, height, color=color, xlim=self.x_range, ylim=self.y_range)
        status = "DIVERGING" if self.diverging(frame) else f"loss {num(loss)}"
        plot.title(
            f"step {frame}  {self.var} = {num(w)}  {status}  lr {step(self.lr)} (2/L″ = {num(self.limit)})",
            compact=f"step {frame} {self.var}={num(w)} {status}",
        )
        plot.backdrop(self.still_key("lr", "steps", "start"), self._draw_curve)
        path, losses = self.path[: frame + 1], self.losses[: frame + 1]
        plot.line(path, losses, marker="·", color="red+", label="steps")
        plot.points([w], [loss], marker="●", color="yellow+")
        return plot.build()

    def _draw_curve(self, plot: Plot) -> None:
        """What every frame shares: the loss curve."""
        plot.line(self.xs, self.ys, color="blue+", label="loss")
