"""`function`: one or more curves of x, with marked points and a shaded area under a curve.

A still picture (one frame). The shaded area's value is computed numerically and stated in the
description, so a learner without the picture still gets the number.
"""

from __future__ import annotations

from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.fmt import num
from calcquest.scenes.plot import LINE_MARKERS, PALETTE, Plot
from calcquest.scenes.sampling import fitted_range, xs_between


def trapezoid_area(f: Any, lo: float, hi: float, count: int = 4001) -> float:
    """The signed area under f between lo and hi (trapezoid rule on a fine grid)."""
    import numpy as np

    xs = np.linspace(lo, hi, count)
    ys = f(xs)
    return float(np.sum((ys[1:] + ys[:-1]) * np.diff(xs)) / 2)


class FunctionScene(Scene):
    """Curves, points and an optional shaded area, drawn with plotext."""

    type_name = "function"
    default_fps = 1

    @property
    def frame_count(self) -> int:
        return 1

    def _prepare(self) -> None:
        import numpy as np

        p = self.params
        self.x_range = ex.interval(p.x, "x")
        self.xs = xs_between(*self.x_range)
        self.exprs, self.curves = [], []
        for i, text in enumerate(p.curves):
            expr, f = ex.function(text, ["x"], f"curves[{i}]")
            self.exprs.append(expr)
            self.curves.append(f(self.xs))
        self.labels = [*p.labels, *(ex.shown(e) for e in self.exprs[len(p.labels) :])]
        self.points = [(ex.number(a, "points"), ex.number(b, "points")) for a, b in p.points]
        self.y_range = (
            ex.interval(p.y, "y")
            if p.y
            else fitted_range([*self.curves, [pt[1] for pt in self.points]])
        )
        self.shade = self._prepare_shade(np)

    def _prepare_shade(self, np: Any) -> dict[str, Any] | None:
        shade = self.params.shade
        if shade is None:
            return None
        if shade.curve >= len(self.exprs):
            raise SceneError(
                f"shade.curve is {shade.curve}, but there are only {len(self.exprs)} curves",
                "Curves are numbered from 0.",
            )
        lo, hi = ex.interval([shade.from_, shade.to], "shade")
        f = ex.to_numpy(self.exprs[shade.curve], ["x"], "shade")
        xs = np.linspace(lo, hi, 200)
        return {
            "curve": shade.curve,
            "from": lo,
            "to": hi,
            "xs": xs,
            "ys": f(xs),
            "area": trapezoid_area(f, lo, hi),
        }

    def _data(self, frame: int) -> dict[str, Any]:
        shade = None
        if self.shade:
            shade = {k: self.shade[k] for k in ("curve", "from", "to", "area")}
        return {
            "x": self.xs.tolist(),
            "curves": [c.tolist() for c in self.curves],
            "labels": list(self.labels),
            "points": list(self.points),
            "x_range": self.x_range,
            "y_range": self.y_range,
            "shade": shade,
        }

    def _describe(self, frame: int) -> str:
        lo, hi = self.x_range
        text = f"Shows {' and '.join(self.labels)} for x from {num(lo)} to {num(hi)}."
        if self.points:
            text += " Marked: " + ", ".join(f"({num(a)}, {num(b)})" for a, b in self.points) + "."
        if self.shade:
            s = self.shade
            text += f" The shaded area under {self.labels[s['curve']]} from {num(s['from'])} to {num(s['to'])} is {num(s['area'])}."
        return text

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        plot = Plot(width, height, color=color, xlim=self.x_range, ylim=self.y_range)
        if self.shade:
            plot.area(
                self.shade["xs"],
                self.shade["ys"],
                color="cyan",
                label=f"area {num(self.shade['area'])}",
            )
        for i, ys in enumerate(self.curves):
            plot.line(self.xs, ys, marker=LINE_MARKERS[i], color=PALETTE[i], label=self.labels[i])
        if self.points:
            plot.points(
                [p[0] for p in self.points],
                [p[1] for p in self.points],
                marker="●",
                color="yellow+",
            )
        return plot.build()
