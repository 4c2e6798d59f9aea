"""`taylor`: Taylor polynomials of f about x0, one more term per frame (order 0 .. `order`).

Coefficients are f^(k)(x0)/k!, from SymPy's derivatives of the parsed expression; the
description gives the polynomial and how far it strays from f on the range shown, so the
"better near x0, worse far away" lesson comes with numbers.
"""

from __future__ import annotations

import math
from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene
from calcquest.scenes.fmt import num
from calcquest.scenes.plot import Plot
from calcquest.scenes.sampling import around, fitted_range, xs_between


def polynomial_text(coefficients: list[float], x0: float, var: str = "x") -> str:
    """c0 + c1 (x - x0) + ... written compactly, skipping zero terms."""
    base = var if x0 == 0 else f"({var} - {num(x0)})" if x0 > 0 else f"({var} + {num(-x0)})"
    terms = []
    for k, c in enumerate(coefficients):
        if abs(c) < 1e-12:
            continue
        power = "" if k == 0 else base if k == 1 else f"{base}^{k}"
        size = num(abs(c))
        body = size if k == 0 else (power if size == "1" else f"{size}{power}")
        terms.append(("- " if c < 0 else "+ ") + body)
    text = " ".join(terms) or "0"
    return text[2:] if text.startswith("+ ") else "-" + text[2:]


class TaylorScene(Scene):
    """f in one line style, the current Taylor polynomial in another, x0 marked."""

    type_name = "taylor"
    default_fps = 1

    @property
    def frame_count(self) -> int:
        return len(self.coefficients)

    def _prepare(self) -> None:
        import numpy as np
        import sympy

        p = self.params
        self.expr, self.f = ex.function(p.f, ["x"], "f")
        self.x0 = ex.number(p.x0, "x0")
        order = ex.integer(p.order, "order", 0, 12)
        (x,) = ex.symbols_for(self.expr, ["x"])
        self.coefficients = []
        derivative = self.expr
        for k in range(order + 1):
            value = ex.to_numpy(derivative, ["x"], f"f^({k})")(np.array([self.x0]))[0]
            self.coefficients.append(float(value) / math.factorial(k))
            derivative = sympy.diff(derivative, x)
        self.x_range = ex.interval(p.x, "x") if p.x else around(self.x0)
        self.xs = xs_between(*self.x_range)
        self.ys = self.f(self.xs)
        self.y_range = fitted_range([self.ys])
        self.approximations = [self._polynomial(k) for k in range(order + 1)]

    def _polynomial(self, order: int) -> Any:
        import numpy as np

        offsets = self.xs - self.x0
        return sum(
            c * offsets**k for k, c in enumerate(self.coefficients[: order + 1])
        ) + np.zeros_like(self.xs)

    def _largest_gap(self, frame: int) -> tuple[float, float]:
        import numpy as np

        gaps = np.abs(self.approximations[frame] - self.ys)
        gaps = np.where(np.isfinite(gaps), gaps, -1)
        i = int(np.argmax(gaps))
        return float(gaps[i]), float(self.xs[i])

    def _data(self, frame: int) -> dict[str, Any]:
        gap, where = self._largest_gap(frame)
        return {
            "order": frame,
            "x0": self.x0,
            "coefficients": self.coefficients[: frame + 1],
            "x": self.xs.tolist(),
            "f": self.ys.tolist(),
            "approximation": self.approximations[frame].tolist(),
            "largest_gap": gap,
            "largest_gap_at": where,
        }

    def _describe(self, frame: int) -> str:
        gap, where = self._largest_gap(frame)
        lo, hi = self.x_range
        head = (
            f"Order {frame} Taylor polynomial of {ex.shown(self.expr)} at x0 = {num(self.x0)}: "
            f"{polynomial_text(self.coefficients[: frame + 1], self.x0)}."
        )
        if gap <= 1e-9 * self._scale():  # f is a polynomial of at most this order
            return f"{head} It equals f on [{num(lo)}, {num(hi)}]: f is a polynomial of this order."
        return f"{head} On [{num(lo)}, {num(hi)}] it is furthest from f, by {num(gap)}, at x = {num(where)}."

    def _scale(self) -> float:
        """The size of f's values on the range (at least 1), for telling rounding from a gap."""
        import numpy as np

        finite = np.abs(self.ys[np.isfinite(self.ys)])
        return max(float(finite.max()), 1.0) if finite.size else 1.0

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        plot = Plot(width, height, color=color, xlim=self.x_range, ylim=self.y_range)
        plot.title(f"order {frame}: {polynomial_text(self.coefficients[: frame + 1], self.x0)}")
        plot.backdrop(self.still_key("order"), self._draw_curve)
        plot.line(
            self.xs, self.approximations[frame], marker="•", color="red+", label=f"order {frame}"
        )
        fx0 = float(self.f([self.x0])[0])
        plot.points([self.x0], [fx0], marker="●", color="yellow+")
        return plot.build()

    def _draw_curve(self, plot: Plot) -> None:
        """What every frame shares: f itself."""
        plot.line(self.xs, self.ys, color="blue+", label="f")
