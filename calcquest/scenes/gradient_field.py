"""`gradient_field`: arrows on a grid showing the gradient of f(x, y) (or any field [fx, fy]).

Drawn as text: each arrow is one of eight directions, double arrows for the strongest third,
single ones for the rest and a dot where the field nearly vanishes, so the picture reads the
same without colour. A still picture.
"""

from __future__ import annotations

import math
from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene
from calcquest.scenes.fmt import num, pair
from calcquest.scenes.textfit import RESET

ARROWS = "→↗↑↖←↙↓↘"
STRONG_ARROWS = "⇒⇗⇑⇖⇐⇙⇓⇘"
_COLORS = ("\x1b[2m", "\x1b[36m", "\x1b[31;1m")  # weak, medium, strong


def arrow(vx: float, vy: float, largest: float) -> tuple[str, int]:
    """The glyph for one vector and its strength class (0 weak, 1 medium, 2 strong)."""
    size = math.hypot(vx, vy)
    if not math.isfinite(size) or largest <= 0 or size < 0.03 * largest:
        return "·", 0
    index = round(math.atan2(vy, vx) / (math.pi / 4)) % 8
    strength = 2 if size >= largest * 2 / 3 else (1 if size >= largest / 3 else 0)
    return (STRONG_ARROWS if strength == 2 else ARROWS)[index], strength


class GradientFieldScene(Scene):
    """The field sampled on a grid; the drawing resamples it to fit the window."""

    type_name = "gradient_field"
    default_fps = 1

    @property
    def frame_count(self) -> int:
        return 1

    def _prepare(self) -> None:
        import numpy as np
        import sympy

        p = self.params
        if p.f is not None:
            expr = ex.parse(p.f, ["x", "y"], "f")
            x, y = ex.symbols_for(expr, ["x", "y"])
            parts = (sympy.diff(expr, x), sympy.diff(expr, y))
            self.label = f"the gradient of {ex.shown(expr)}"
        else:
            parts = tuple(ex.parse(t, ["x", "y"], f"field[{i}]") for i, t in enumerate(p.field))
            self.label = f"the field ({ex.shown(parts[0])}, {ex.shown(parts[1])})"
        self.fx, self.fy = (ex.to_numpy(e, ["x", "y"], "field") for e in parts)
        self.x_range, self.y_range = ex.interval(p.x, "x"), ex.interval(p.y, "y")
        self.grid = ex.integer(p.grid, "grid", 3, 25)
        self.xs = np.linspace(*self.x_range, self.grid)
        self.ys = np.linspace(*self.y_range, self.grid)
        gx, gy = np.meshgrid(self.xs, self.ys)
        self.u, self.v = self.fx(gx, gy), self.fy(gx, gy)
        self.magnitude = np.hypot(self.u, self.v)

    def _data(self, frame: int) -> dict[str, Any]:
        return {
            "x": self.xs.tolist(),
            "y": self.ys.tolist(),
            "u": self.u.tolist(),
            "v": self.v.tolist(),
            "magnitude": self.magnitude.tolist(),
        }

    def _extreme(self, pick: Any) -> tuple[float, float, float]:
        import numpy as np

        values = np.where(np.isfinite(self.magnitude), self.magnitude, np.nan)
        row, col = np.unravel_index(pick(values), values.shape)
        return float(self.xs[col]), float(self.ys[row]), float(values[row, col])

    def _describe(self, frame: int) -> str:
        import numpy as np

        wx, wy, weak = self._extreme(np.nanargmin)
        sx, sy, strong = self._extreme(np.nanargmax)
        return (
            f"Arrows show {self.label} on a {self.grid} by {self.grid} grid. It is weakest "
            f"({num(weak)}) near {pair(wx, wy)} and strongest ({num(strong)}) near {pair(sx, sy)}."
        )

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        from calcquest.scenes.field_text import draw_field

        return draw_field(self, width, height, color)


def colored(glyph: str, strength: int, color: bool) -> str:
    """A glyph in its strength colour (plain when colour is off)."""
    return f"{_COLORS[strength]}{glyph}{RESET}" if color else glyph
