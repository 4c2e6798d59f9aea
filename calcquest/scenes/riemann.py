"""`riemann`: rectangles under f from a to b, more of them each frame, converging to the area.

Each frame's sum uses the chosen rule (left, right or midpoint height). The reference area is
computed numerically with composite Simpson's rule on a fine grid (no symbolic integration, so
no SymPy call can hang), and every description states the sum, the area and the gap.
"""

from __future__ import annotations

from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene
from calcquest.scenes.fmt import num
from calcquest.scenes.plot import Plot
from calcquest.scenes.sampling import fitted_range, xs_between

_OFFSETS = {"left": 0.0, "midpoint": 0.5, "right": 1.0}


def simpson(f: Any, a: float, b: float, intervals: int = 20000) -> float:
    """The integral of f over [a, b] by composite Simpson's rule (`intervals` even)."""
    import numpy as np

    xs = np.linspace(a, b, intervals + 1)
    ys = f(xs)
    weights = np.ones(intervals + 1)
    weights[1:-1:2], weights[2:-1:2] = 4, 2
    return float(np.sum(weights * ys) * (b - a) / (3 * intervals))


def riemann_sum(f: Any, a: float, b: float, n: int, rule: str) -> tuple[Any, Any, float]:
    """(left edges, heights, sum) of n equal rectangles under f on [a, b]."""
    import numpy as np

    width = (b - a) / n
    edges = a + width * np.arange(n)
    heights = f(edges + _OFFSETS[rule] * width)
    return edges, heights, float(np.sum(heights) * width)


class RiemannScene(Scene):
    """One frame per n: shaded rectangles, the curve over them, the running sum."""

    type_name = "riemann"
    default_fps = 1

    @property
    def frame_count(self) -> int:
        return len(self.ns)

    def _prepare(self) -> None:
        p = self.params
        self.expr, self.f = ex.function(p.f, ["x"], "f")
        self.a, self.b = ex.interval([p.a, p.b], "[a, b]")
        self.ns = [ex.integer(n, f"n[{i}]", 1, 2000) for i, n in enumerate(p.n)]
        self.area = simpson(self.f, self.a, self.b)
        self.sums = [riemann_sum(self.f, self.a, self.b, n, p.rule) for n in self.ns]
        pad = (self.b - self.a) * 0.15
        self.x_range = (self.a - pad, self.b + pad)
        self.xs = xs_between(*self.x_range)
        self.ys = self.f(self.xs)
        self.y_range = fitted_range([self.ys, [0.0]])

    def _data(self, frame: int) -> dict[str, Any]:
        edges, heights, total = self.sums[frame]
        return {
            "n": self.ns[frame],
            "rule": self.params.rule,
            "edges": edges.tolist(),
            "heights": heights.tolist(),
            "sum": total,
            "integral": self.area,
            "error": total - self.area,
        }

    def _describe(self, frame: int) -> str:
        total = self.sums[frame][2]
        return (
            f"With n = {self.ns[frame]} {self.params.rule} rectangles the sum is {num(total)}; "
            f"the area under {ex.shown(self.expr)} from {num(self.a)} to {num(self.b)} is "
            f"{num(self.area)} (off by {num(abs(total - self.area))})."
        )

    def _steps(self, frame: int, columns: int) -> tuple[list[float], list[float]]:
        """The rectangles' tops sampled about twice per column, for a filled area."""
        import numpy as np

        edges, heights, _ = self.sums[frame]
        xs = np.linspace(self.a, self.b, 2 * columns + 1)
        width = (self.b - self.a) / len(edges)
        index = np.minimum(((xs - self.a) / width).astype(int), len(edges) - 1)
        return xs.tolist(), heights[index].tolist()

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        total = self.sums[frame][2]
        plot = Plot(width, height, color=color, xlim=self.x_range, ylim=self.y_range)
        plot.title(f"n = {self.ns[frame]}  sum {num(total)}  area {num(self.area)}")
        plot.area(*self._steps(frame, width), color="cyan", label=f"{self.params.rule} sum")
        plot.backdrop(self.still_key("n", "rule"), self._draw_curve)
        if len(self.sums[frame][0]) <= width // 4:
            edges, heights, _ = self.sums[frame]
            plot.points(edges.tolist()[1:], [0.0] * (len(edges) - 1), marker="┴")
        return plot.build()

    def _draw_curve(self, plot: Plot) -> None:
        """What every frame shares: f, drawn over the rectangles."""
        plot.line(self.xs, self.ys, color="blue+", label="f")
