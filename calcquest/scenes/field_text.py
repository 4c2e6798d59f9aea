"""The text drawing of a gradient field: a framed grid of arrows with axis labels and a legend.

The grid is resampled to the window (about one arrow every 3 columns and every row, never
more than the scene's `grid`), with y growing upwards as on paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from calcquest.scenes.fmt import short

if TYPE_CHECKING:
    from calcquest.scenes.gradient_field import GradientFieldScene


def _axis_positions(count: int, cells: int) -> list[int]:
    """Where `count` evenly spaced arrows sit within `cells` cells."""
    if count == 1:
        return [cells // 2]
    return [round(i * (cells - 1) / (count - 1)) for i in range(count)]


def draw_field(scene: GradientFieldScene, width: int, height: int, color: bool) -> str:
    """The arrows for the window size, framed, with min/max labels on both axes."""
    import numpy as np

    from calcquest.scenes.gradient_field import arrow, colored

    margin = 7
    inner_w, inner_h = width - margin - 2, height - 4
    cols = max(2, min(scene.grid, inner_w // 3 + 1))
    rows = max(2, min(scene.grid, inner_h))
    xs = np.linspace(*scene.x_range, cols)
    ys = np.linspace(*scene.y_range, rows)
    gx, gy = np.meshgrid(xs, ys)
    u, v = scene.fx(gx, gy), scene.fy(gx, gy)
    size = np.hypot(u, v)
    largest = (
        float(np.nanmax(np.where(np.isfinite(size), size, np.nan)))
        if np.isfinite(size).any()
        else 0.0
    )
    canvas = [[" "] * inner_w for _ in range(inner_h)]
    col_at, row_at = _axis_positions(cols, inner_w), _axis_positions(rows, inner_h)
    for r in range(rows):
        for c in range(cols):
            glyph, strength = arrow(float(u[r, c]), float(v[r, c]), largest)
            canvas[inner_h - 1 - row_at[r]][col_at[c]] = colored(glyph, strength, color)
    return "\n".join(_framed(scene, canvas, margin, inner_w, width))


def _framed(
    scene: GradientFieldScene, canvas: list[list[str]], margin: int, inner_w: int, width: int
) -> list[str]:
    (xlo, xhi), (ylo, yhi) = scene.x_range, scene.y_range
    lines = [" " * margin + "┌" + "─" * inner_w + "┐"]
    for i, row in enumerate(canvas):
        label = short(yhi) if i == 0 else (short(ylo) if i == len(canvas) - 1 else "")
        lines.append(f"{label:>{margin - 1}} │" + "".join(row) + "│")
    lines.append(" " * margin + "└" + "─" * inner_w + "┘")
    left, right = short(xlo), short(xhi)
    lines.append(" " * margin + left + " " * max(1, inner_w + 2 - len(left) - len(right)) + right)
    lines.append("  ⇒ strong   → weaker   · about zero"[:width])
    return lines
