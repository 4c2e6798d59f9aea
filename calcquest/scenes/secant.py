"""`secant_to_tangent`: secant lines through (x0, f(x0)) and (x0 + h, f(x0 + h)) for shrinking
h, closing in on the tangent line, whose slope is the derivative f'(x0).

The exact slope comes from SymPy's derivative of the parsed expression; each frame's secant
slope is the difference quotient at that frame's h.
"""

from __future__ import annotations

from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.fmt import num, step
from calcquest.scenes.plot import Plot
from calcquest.scenes.sampling import around, fitted_range, xs_between


class SecantScene(Scene):
    """One frame per h: the curve, the secant through two points, and the tangent."""

    type_name = "secant_to_tangent"
    default_fps = 1

    @property
    def frame_count(self) -> int:
        return len(self.hs)

    def _prepare(self) -> None:
        import sympy

        p = self.params
        self.expr, self.f = ex.function(p.f, ["x"], "f")
        self.x0 = ex.number(p.x0, "x0")
        self.hs = [ex.number(h, f"h[{i}]") for i, h in enumerate(p.h)]
        if any(h == 0 for h in self.hs):
            raise SceneError(
                "h: a step of 0 gives no secant line", "Use steps such as 1, 0.5, 0.1."
            )
        (x,) = ex.symbols_for(self.expr, ["x"])
        slope = ex.to_numpy(sympy.diff(self.expr, x), ["x"], "f'")
        self.fx0 = float(self.f([self.x0])[0])
        self.tangent_slope = float(slope([self.x0])[0])
        self.x_range = ex.interval(p.x, "x") if p.x else around(self.x0)
        self.xs = xs_between(*self.x_range)
        self.ys = self.f(self.xs)
        self.y_range = fitted_range([self.ys, [self.fx0]])
        self.frames = [self._secant(h) for h in self.hs]

    def _secant(self, h: float) -> dict[str, Any]:
        x1 = self.x0 + h
        y1 = float(self.f([x1])[0])
        return {"h": h, "x1": x1, "y1": y1, "slope": (y1 - self.fx0) / h}

    def _data(self, frame: int) -> dict[str, Any]:
        return {
            **self.frames[frame],
            "x0": self.x0,
            "fx0": self.fx0,
            "tangent_slope": self.tangent_slope,
            "error": self.frames[frame]["slope"] - self.tangent_slope,
        }

    def _describe(self, frame: int) -> str:
        d = self.frames[frame]
        return (
            f"The secant slope is {num(d['slope'])} at h = {step(d['h'])}, approaching the "
            f"tangent slope f'({num(self.x0)}) = {num(self.tangent_slope)}."
        )

    def _line(self, slope: float) -> tuple[list[float], list[float]]:
        lo, hi = self.x_range
        return [lo, hi], [self.fx0 + slope * (lo - self.x0), self.fx0 + slope * (hi - self.x0)]

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        d = self.frames[frame]
        plot = Plot(width, height, color=color, xlim=self.x_range, ylim=self.y_range)
        plot.title(
            f"h = {step(d['h'])}   secant slope {num(d['slope'])}   tangent {num(self.tangent_slope)}",
            compact=f"h={step(d['h'])} secant {num(d['slope'])} tangent {num(self.tangent_slope)}",
        )
        plot.backdrop(self.still_key("h"), self._draw_curve_and_tangent)
        plot.line(*self._line(d["slope"]), marker="•", color="red+", label="secant")
        plot.points([self.x0, d["x1"]], [self.fx0, d["y1"]], marker="●", color="yellow+")
        return plot.build()

    def _draw_curve_and_tangent(self, plot: Plot) -> None:
        """What every frame shares: f and its tangent at x0."""
        plot.line(self.xs, self.ys, color="blue+", label="f")
        plot.line(*self._line(self.tangent_slope), marker="·", color="green+", label="tangent")
