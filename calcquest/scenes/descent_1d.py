"""`descent_1d`: gradient descent on a loss of one variable, a ball rolling down the curve.

The learning rate is the lesson: below 2/L (L bounds |loss''| on the range shown) the ball
settles; above it every step overshoots further and the path diverges, which the drawing shows
by leaving the plot (clipped) and the description says in words. The shown range does not
depend on the rate, so turning the control never moves the axes.
"""

from __future__ import annotations

import math
from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.fmt import num, step
from calcquest.scenes.plot import Plot
from calcquest.scenes.sampling import fitted_range, xs_between


def descent_path(grad: Any, start: float, lr: float, steps: int) -> list[float]:
    """w_0 = start, w_{k+1} = w_k - lr * grad(w_k); stops changing once it is not finite."""
    import numpy as np

    path = [start]
    with np.errstate(all="ignore"):
        for _ in range(steps):
            w = path[-1]
            nxt = w - lr * float(grad(np.array([w]))[0]) if math.isfinite(w) else w
            path.append(
                nxt
                if math.isfinite(nxt) and abs(nxt) < 1e150
                else math.copysign(math.inf, nxt or 1)
            )
    return path


class Descent1DScene(Scene):
    """One frame per step: the loss curve, the path so far and the ball."""

    type_name = "descent_1d"
    fps = 6

    @property
    def frame_count(self) -> int:
        return len(self.path)

    def _prepare(self) -> None:
        import sympy

        p = self.params
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
        self.L = self._curvature_bound(sympy.diff(self.expr, w, 2))
        self.path = descent_path(
            self.grad, self.start, self.lr, ex.integer(p.steps, "steps", 1, 200)
        )
        self.losses = [
            float(self.loss([w])[0]) if math.isfinite(w) else math.inf for w in self.path
        ]

    def _curvature_bound(self, second: Any) -> float:
        """L = max |loss''| on the range shown (numerically from the slope if the second
        derivative has no NumPy form, e.g. at the kink of |w|)."""
        import numpy as np

        try:
            values = ex.to_numpy(second, [self.var], "loss''")(self.xs)
        except SceneError:
            values = np.gradient(self.grad(self.xs), self.xs)
        finite = np.abs(values[np.isfinite(values)])
        return float(finite.max()) if finite.size else 0.0

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
        """The stability limit 2/L of the learning rate (infinite for a straight line)."""
        return 2 / self.L if self.L > 0 else math.inf

    def diverging(self, frame: int | None = None) -> bool:
        """True once the path has run off beyond where it started (or overflowed)."""
        path = self.path if frame is None else self.path[: frame + 1]
        lo, hi = self.x_range
        span = hi - lo
        return any(not math.isfinite(w) or w < lo - span or w > hi + span for w in path) or (
            frame is None and self.lr > self.limit and abs(path[-1] - path[0]) > span
        )

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
            "diverging": self.diverging(frame),
        }

    def _rate_sentence(self, frame: int) -> str:
        limit = (
            f"the stability limit 2/L = {num(self.limit)}"
            if math.isfinite(self.limit)
            else "no limit (the loss is straight)"
        )
        if self.lr > self.limit:
            verdict = "diverging" if self.diverging(frame) else "each step overshoots further"
            return f"The learning rate {step(self.lr)} is above {limit}: {verdict}."
        return f"The learning rate {step(self.lr)} is below {limit}, so the steps settle."

    def _describe(self, frame: int) -> str:
        w, loss = self.path[frame], self.losses[frame]
        return (
            f"Step {frame} of {self.last_frame}: {self.var} = {num(w)}, loss = {num(loss)}. "
            + self._rate_sentence(frame)
        )

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        w, loss = self.path[frame], self.losses[frame]
        plot = Plot(width, height, color=color, xlim=self.x_range, ylim=self.y_range)
        status = "DIVERGING" if self.diverging(frame) else f"loss {num(loss)}"
        plot.title(
            f"step {frame}  {self.var} = {num(w)}  {status}  lr {step(self.lr)} (2/L = {num(self.limit)})"
        )
        plot.line(self.xs, self.ys, color="blue+", label="loss")
        path, losses = self.path[: frame + 1], self.losses[: frame + 1]
        plot.line(path, losses, marker="·", color="red+", label="steps")
        plot.points([w], [loss], marker="●", color="yellow+")
        return plot.build()
