"""`difference_quotient`: the error of a finite-difference derivative as h shrinks from 1 to
1e-14, computed in ordinary float64, so the floating-point floor shows up for real.

Truncation error falls with h; rounding error (about machine epsilon * |f| / h) rises; the
best h sits in between (near 1e-8 for a forward difference). Drawn as a table with a bar of
log10(error) per row, one new row per frame.
"""

from __future__ import annotations

import math
from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene
from calcquest.scenes.fmt import num, step

#: h = 1, 0.1, ..., 1e-14: one row (and one frame) each.
STEPS = tuple(10.0**-k for k in range(15))
_FLOOR_EXPONENT = -17  # bars start here: log10(error) below this draws nothing


class DifferenceQuotientScene(Scene):
    """One frame per h, revealing the error table row by row."""

    type_name = "difference_quotient"
    default_fps = 2

    @property
    def frame_count(self) -> int:
        return len(STEPS)

    def _prepare(self) -> None:
        import numpy as np
        import sympy

        p = self.params
        self.expr, self.f = ex.function(p.f, ["x"], "f")
        self.x0 = ex.number(p.x0, "x0")
        (x,) = ex.symbols_for(self.expr, ["x"])
        self.exact = float(
            ex.to_numpy(sympy.diff(self.expr, x), ["x"], "f'")(np.array([self.x0]))[0]
        )
        self.estimates = [self._estimate(h) for h in STEPS]
        self.errors = [abs(e - self.exact) for e in self.estimates]

    def _estimate(self, h: float) -> float:
        import numpy as np

        x0 = self.x0
        if self.params.method == "central":
            values = self.f(np.array([x0 + h, x0 - h]))
            return float((values[0] - values[1]) / (2 * h))
        values = self.f(np.array([x0 + h, x0]))
        return float((values[0] - values[1]) / h)

    def best_index(self, upto: int) -> int:
        """The row with the smallest error among the first `upto` + 1 rows."""
        errors = [e if math.isfinite(e) else math.inf for e in self.errors[: upto + 1]]
        return min(range(len(errors)), key=errors.__getitem__)

    def _data(self, frame: int) -> dict[str, Any]:
        best = self.best_index(frame)
        return {
            "method": self.params.method,
            "x0": self.x0,
            "exact": self.exact,
            "h": list(STEPS[: frame + 1]),
            "estimates": self.estimates[: frame + 1],
            "errors": self.errors[: frame + 1],
            "best_h": STEPS[best],
            "best_error": self.errors[best],
        }

    def _describe(self, frame: int) -> str:
        h, estimate, error = STEPS[frame], self.estimates[frame], self.errors[frame]
        text = (
            f"At h = {step(h)} the {self.params.method} difference gives {num(estimate, 10)} "
            f"against f'({num(self.x0)}) = {num(self.exact)}, an error of {num(error)}."
        )
        if frame == self.last_frame:
            best = self.best_index(frame)
            text += (
                f" The error is smallest ({num(self.errors[best])}) at h = {step(STEPS[best])};"
                " for smaller h, floating-point rounding takes over."
            )
        return text

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        from calcquest.scenes.dq_table import draw_table

        return draw_table(self, frame, width, height, color)
