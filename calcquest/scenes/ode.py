"""`ode`: Euler and/or RK4 steps along y' = f(t, y) (or y'' = g(t, y, v)) beside the exact
solution, one step per frame.

Euler's global error shrinks in proportion to the step (halve the step, halve the error); RK4's
shrinks with its fourth power. Without an `exact` solution, a fine RK4 run stands in for it.
Second-order equations run as the system (y, v)' = (v, g(t, y, v)); the plot shows y.
"""

from __future__ import annotations

import math
from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.fmt import num, step
from calcquest.scenes.geometry import padded_range
from calcquest.scenes.plot import Plot
from calcquest.scenes.sampling import fitted_range

MAX_STEPS = 2000
MAX_FRAMES = 60
_REFERENCE_STEPS = 4000
#: How far beyond the reference solution's range the y axis may stretch to keep a growing
#: numerical run in view, in reference ranges on each side; beyond that it runs off the chart.
REACH = 3.0


def euler(f: Any, t0: float, y0: Any, h: float, n: int) -> Any:
    """n Euler steps: y_{k+1} = y_k + h f(t_k, y_k); rows are states."""
    import numpy as np

    ys = np.empty((n + 1, len(y0)))
    ys[0] = y0
    with np.errstate(all="ignore"):
        for k in range(n):
            ys[k + 1] = ys[k] + h * f(t0 + k * h, ys[k])
    return ys


def rk4(f: Any, t0: float, y0: Any, h: float, n: int) -> Any:
    """n classical Runge-Kutta steps of size h; rows are states."""
    import numpy as np

    ys = np.empty((n + 1, len(y0)))
    ys[0] = y0
    with np.errstate(all="ignore"):
        for k in range(n):
            t, y = t0 + k * h, ys[k]
            k1 = f(t, y)
            k2 = f(t + h / 2, y + h / 2 * k1)
            k3 = f(t + h / 2, y + h / 2 * k2)
            k4 = f(t + h, y + h * k3)
            ys[k + 1] = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return ys


class OdeScene(Scene):
    """Frames advance the numerical solution step by step (grouped when there are many)."""

    type_name = "ode"
    default_fps = 6

    @property
    def frame_count(self) -> int:
        return min(self.n, MAX_FRAMES) + 1

    def _prepare(self) -> None:
        import numpy as np

        p = self.params
        self.field = self._system()
        self.t0, self.t1 = ex.interval(p.t, "t")
        self.h = ex.number(p.step, "step")
        if self.h <= 0:
            raise SceneError(f"step: {self.h:g} must be positive", "Use a step such as 0.5.")
        self.n = max(1, math.ceil((self.t1 - self.t0) / self.h - 1e-9))
        if self.n > MAX_STEPS:
            raise SceneError(
                f"step: {self.h:g} needs {self.n} steps (at most {MAX_STEPS})", "Use a larger step."
            )
        y0 = p.y0 if isinstance(p.y0, tuple) else (p.y0,)
        self.y0 = np.array([ex.number(v, "y0") for v in y0])
        self.times = self.t0 + self.h * np.arange(self.n + 1)
        self.methods = {"euler": ["euler"], "rk4": ["rk4"], "both": ["euler", "rk4"]}[p.method]
        solvers = {"euler": euler, "rk4": rk4}
        self.solutions = {
            m: solvers[m](self.field, self.t0, self.y0, self.h, self.n)[:, 0] for m in self.methods
        }
        self._prepare_reference(np)
        self.y_range = self._fitted_y_range(np)

    def _system(self) -> Any:
        """The right-hand side as a function of (t, state array)."""
        import numpy as np

        p = self.params
        if p.rhs is not None:
            _, f = ex.function(p.rhs, ["t", "y"], "rhs")
            return lambda t, s: np.array([f(t, s[0])[()]])
        _, g = ex.function(p.rhs2, ["t", "y", "v"], "rhs2")
        return lambda t, s: np.array([s[1], g(t, s[0], s[1])[()]])

    def _prepare_reference(self, np: Any) -> None:
        """The exact solution (or a fine RK4 run) at the step times and on a dense grid."""
        p = self.params
        if p.exact is not None:
            _, exact = ex.function(p.exact, ["t"], "exact")
            self.dense_t = np.linspace(self.t0, self.times[-1], 400)
            self.dense_y = exact(self.dense_t)
            self.reference = exact(self.times)
            self.reference_name = "exact"
            return
        sub = max(1, math.ceil(_REFERENCE_STEPS / self.n))
        fine = rk4(self.field, self.t0, self.y0, self.h / sub, self.n * sub)[:, 0]
        self.reference = fine[::sub]
        stride = max(1, len(fine) // 400)
        self.dense_y = fine[::stride]
        self.dense_t = self.t0 + (self.h / sub) * np.arange(len(fine))[::stride]
        self.reference_name = "reference"

    def _fitted_y_range(self, np: Any) -> tuple[float, float]:
        """The reference solution's range widened to hold the numerical runs, so an unstable
        Euler run is seen growing, but at most REACH reference ranges beyond it on each side
        (a run heading for 1e30 must not flatten the curve it should be compared with)."""
        ref_lo, ref_hi = fitted_range([self.dense_y, [self.y0[0]]])
        reach = REACH * (ref_hi - ref_lo)
        runs = np.concatenate([self.solutions[m] for m in self.methods])
        runs = runs[np.isfinite(runs)]
        run_lo = float(runs.min(initial=ref_lo))
        run_hi = float(runs.max(initial=ref_hi))
        if run_lo >= ref_lo and run_hi <= ref_hi:
            return ref_lo, ref_hi
        lo, hi = max(min(run_lo, ref_lo), ref_lo - reach), min(max(run_hi, ref_hi), ref_hi + reach)
        return padded_range(lo, hi)

    def off_chart(self, method: str, k: int) -> bool:
        """True when the method's run up to step k has left the plotted y range."""
        import numpy as np

        lo, hi = self.y_range
        run = self.solutions[method][: k + 1]
        return bool(np.any(~np.isfinite(run) | (run < lo) | (run > hi)))

    def step_at(self, frame: int) -> int:
        """The step index a frame shows (frames are spread evenly over many steps)."""
        frames = self.frame_count - 1
        return self.n if frame >= frames else round(frame * self.n / frames)

    def _data(self, frame: int) -> dict[str, Any]:
        k = self.step_at(frame)
        return {
            "step": self.h,
            "k": k,
            "t": self.times[: k + 1].tolist(),
            "reference": self.reference[: k + 1].tolist(),
            "reference_name": self.reference_name,
            **{m: self.solutions[m][: k + 1].tolist() for m in self.methods},
            "errors": {
                m: float(abs(self.solutions[m][k] - self.reference[k])) for m in self.methods
            },
            "y_range": list(self.y_range),
            "off_chart": [m for m in self.methods if self.off_chart(m, k)],
        }

    def _describe(self, frame: int) -> str:
        k = self.step_at(frame)
        t, ref = self.times[k], self.reference[k]
        names = {"euler": "Euler", "rk4": "RK4"}
        parts = [f"{names[m]} gives {num(self.solutions[m][k])}" for m in self.methods]
        errors = ", ".join(
            f"{names[m]} error {num(abs(self.solutions[m][k] - ref))}" for m in self.methods
        )
        text = (
            f"At t = {num(t)}, after {k} steps of {step(self.h)}, {' and '.join(parts)}; "
            f"the {self.reference_name} solution is {num(ref)} ({errors})."
        )
        unstable = [names[m] for m in self.methods if self._blowing_up(m, k)]
        if unstable:
            text += (
                f" {' and '.join(unstable)} is unstable at this step: the error grows each step."
            )
        gone = [names[m] for m in self.methods if self.off_chart(m, k)]
        if gone:
            lo, hi = self.y_range
            text += f" {' and '.join(gone)} runs off the chart (it shows y from {num(lo)} to {num(hi)})."
        elif not unstable and frame == self.last_frame:
            text += self._largest_error_sentence()
        return text

    def _largest_error_sentence(self) -> str:
        """Where the first method strayed furthest, when that is not at the end: the final
        error can hide it (a decaying solution takes every run's error down to almost
        nothing by t1, whatever the step)."""
        import numpy as np

        method = self.methods[0]
        errors = np.abs(self.solutions[method] - self.reference)
        k = int(np.nanargmax(errors))
        if k == len(errors) - 1:
            return ""  # the sentence before already gives it
        name = {"euler": "Euler", "rk4": "RK4"}[method]
        return f" Along the way the {name} error is largest at t = {num(self.times[k])}: {num(errors[k])}."

    def _blowing_up(self, method: str, k: int) -> bool:
        """True when the method has run far beyond anything the true solution reaches."""
        import numpy as np

        scale = float(np.nanmax(np.abs(self.dense_y))) if np.isfinite(self.dense_y).any() else 1.0
        value = self.solutions[method][k]
        return not np.isfinite(value) or abs(value - self.reference[k]) > 10 * scale + 1

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        k = self.step_at(frame)
        x_range = (self.t0, float(self.times[-1]))
        plot = Plot(width, height, color=color, xlim=x_range, ylim=self.y_range)
        errors = [
            f"{m} err {num(abs(self.solutions[m][k] - self.reference[k]))}" for m in self.methods
        ]
        t = num(self.times[k])
        plot.title(
            f"step {step(self.h)}  t = {t}  {'  '.join(errors)}",
            compact=f"t={t} {' '.join(errors)}",
        )
        plot.backdrop(self.still_key("method"), self._draw_reference)
        styles = {"euler": ("•", "red+", "●"), "rk4": ("+", "green+", "◆")}
        for m in self.methods:
            marker, tint, head = styles[m]
            plot.line(
                self.times[: k + 1], self.solutions[m][: k + 1], marker=marker, color=tint, label=m
            )
            plot.points([self.times[k]], [self.solutions[m][k]], marker=head, color=tint)
        return plot.build()

    def _draw_reference(self, plot: Plot) -> None:
        """What every frame shares: the exact (or reference) solution."""
        plot.line(self.dense_t, self.dense_y, color="blue+", label=self.reference_name)
