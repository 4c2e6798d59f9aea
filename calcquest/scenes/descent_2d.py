"""`descent_2d`: gradient descent on a loss surface in (w, b), drawn over its contour lines.

The contour lines are found per drawing at the plot's own resolution: a cell is on a contour
when the loss level band changes between it and a neighbour. Bands are spaced quadratically,
so a bowl such as w^2 + b^2 shows evenly spaced rings. The axes do not depend on the learning
rate, so turning that control keeps the picture still while the path changes.
"""

from __future__ import annotations

import math
from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.fmt import num, pair, step
from calcquest.scenes.plot import Plot
from calcquest.scenes.sampling import blown_up_to_inf

_BANDS = 4


def descent_path_2d(
    grad: Any, start: tuple[float, float], lr: float, steps: int
) -> list[tuple[float, float]]:
    """p_0 = start, p_{k+1} = p_k - lr * grad(p_k); frozen once a coordinate overflows."""
    path = [start]
    for _ in range(steps):
        w, b = path[-1]
        if not (math.isfinite(w) and math.isfinite(b)):
            path.append((w, b))
            continue
        gw, gb = grad(w, b)
        nxt = (w - lr * gw, b - lr * gb)
        path.append(tuple(blown_up_to_inf(v) for v in nxt))
    return path


class Descent2DScene(Scene):
    """One frame per step: contours, the path so far, the current point."""

    type_name = "descent_2d"
    default_fps = 6

    @property
    def frame_count(self) -> int:
        return len(self.path)

    def _prepare(self) -> None:
        import sympy

        p = self.params
        self.expr, self.loss = ex.function(p.loss, ["w", "b"], "loss")
        w, b = ex.symbols_for(self.expr, ["w", "b"])
        dw = ex.to_numpy(sympy.diff(self.expr, w), ["w", "b"], "dloss/dw")
        db = ex.to_numpy(sympy.diff(self.expr, b), ["w", "b"], "dloss/db")
        self.gradient = lambda a, c: (float(dw([a], [c])[0]), float(db([a], [c])[0]))
        self.start = (ex.number(p.start[0], "start[0]"), ex.number(p.start[1], "start[1]"))
        self.lr = ex.number(p.lr, "lr")
        if self.lr <= 0:
            raise SceneError(
                f"lr: {self.lr:g} must be positive", "Use a learning rate such as 0.1."
            )
        self.x_range, self.y_range = self._default_box()
        if p.x:
            self.x_range = ex.interval(p.x, "x")
        if p.y:
            self.y_range = ex.interval(p.y, "y")
        self.path = descent_path_2d(
            self.gradient, self.start, self.lr, ex.integer(p.steps, "steps", 1, 200)
        )
        self.losses = [self._loss_at(pt) for pt in self.path]

    def _loss_at(self, point: tuple[float, float]) -> float:
        if not all(math.isfinite(v) for v in point):
            return math.inf
        return float(self.loss([point[0]], [point[1]])[0])

    def _default_box(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """A square box around the start and the lowest point near it."""
        import numpy as np

        w0, b0 = self.start
        reach = 3 * (max(abs(w0), abs(b0)) + 1)
        ws, bs = np.meshgrid(
            np.linspace(w0 - reach, w0 + reach, 121), np.linspace(b0 - reach, b0 + reach, 121)
        )
        values = self.loss(ws, bs)
        values = np.where(np.isfinite(values), values, np.inf)
        index = np.unravel_index(np.argmin(values), values.shape)
        cw, cb = float(ws[index]), float(bs[index])
        half = max(abs(w0 - cw), abs(b0 - cb), 1.0) * 1.25
        return (cw - half, cw + half), (cb - half, cb + half)

    def _data(self, frame: int) -> dict[str, Any]:
        w, b = self.path[frame]
        return {
            "step": frame,
            "point": (w, b),
            "loss": self.losses[frame],
            "gradient": self.gradient(w, b)
            if math.isfinite(w) and math.isfinite(b)
            else (math.nan, math.nan),
            "path": self.path[: frame + 1],
            "losses": self.losses[: frame + 1],
            "lr": self.lr,
        }

    def _describe(self, frame: int) -> str:
        d = self._data(frame)
        text = (
            f"Step {frame} of {self.last_frame}: (w, b) = {pair(*d['point'])}, loss {num(d['loss'])}, "
            f"gradient {pair(*d['gradient'])}, learning rate {step(self.lr)}."
        )
        return text + self._trend(frame)

    def _trend(self, frame: int) -> str:
        """What the path has done by this frame, when it is not simply going down: a loss
        that has grown past its start diverges; one that comes back to the same value every
        other step while the point still moves bounces (a rate at the stability limit)."""
        if frame == 0:
            return ""
        now, start = self.losses[frame], self.losses[0]
        before = self.losses[max(frame - 2, 0)]
        if not math.isfinite(now) or (now > start and now > before):
            return " The loss has grown past where it started: diverging."
        (w1, b1), (w0, b0) = self.path[frame], self.path[frame - 1]
        span = self.x_range[1] - self.x_range[0]
        moving = math.hypot(w1 - w0, b1 - b0) > 1e-6 * span
        if frame >= 2 and moving and math.isclose(now, before, rel_tol=1e-3):
            return f" The steps bounce back and forth: the loss stays at about {num(now)}."
        return ""

    def contour_cells(self, columns: int, rows: int) -> tuple[list[float], list[float]]:
        """Centres of the cells where the loss crosses a band boundary, at this resolution."""
        import numpy as np

        (xlo, xhi), (ylo, yhi) = self.x_range, self.y_range
        ws = xlo + (np.arange(columns) + 0.5) * (xhi - xlo) / columns
        bs = ylo + (np.arange(rows) + 0.5) * (yhi - ylo) / rows
        grid_w, grid_b = np.meshgrid(ws, bs)
        values = self.loss(grid_w, grid_b)
        finite = values[np.isfinite(values)]
        if finite.size == 0:
            return [], []
        lo, hi = float(finite.min()), float(finite.max())
        edges = lo + (hi - lo) * (np.arange(1, _BANDS + 1) / (_BANDS + 1)) ** 2
        band = np.digitize(np.nan_to_num(values, nan=hi), edges)
        edge = np.zeros_like(band, dtype=bool)
        edge[:, :-1] |= band[:, :-1] != band[:, 1:]
        edge[:-1, :] |= band[:-1, :] != band[1:, :]
        return grid_w[edge].tolist(), grid_b[edge].tolist()

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        d = self._data(frame)
        plot = Plot(width, height, color=color, xlim=self.x_range, ylim=self.y_range)
        plot.title(
            f"step {frame}  (w, b) = {pair(*d['point'])}  loss {num(d['loss'])}",
            compact=f"step {frame} {pair(*d['point'])} loss {num(d['loss'])}",
        )
        plot.backdrop(self.still_key("lr", "steps", "start"), self._draw_contours)
        ws, bs = [pt[0] for pt in d["path"]], [pt[1] for pt in d["path"]]
        plot.line(ws, bs, marker="•", color="red+", label="path")
        plot.points([ws[0]], [bs[0]], marker="○", color="yellow+")
        plot.points([ws[-1]], [bs[-1]], marker="●", color="yellow+")
        return plot.build()

    def _draw_contours(self, plot: Plot) -> None:
        """What every frame shares: the contour rings, at the plot's resolution."""
        cw, cb = self.contour_cells(max(plot.width - 8, 4), max(plot.height - 4, 2))
        plot.points(cw, cb, marker="·", color="cyan", label="contours")
