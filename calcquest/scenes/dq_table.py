"""The text drawing of the difference-quotient scene: a table of h, estimate and error, with
a log-scale bar per row. Longer bars mean larger errors; the best row is marked in words, and
bars in the rounding regime use a different fill, so colour is never the only signal."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from calcquest.scenes.fmt import num
from calcquest.scenes.textfit import RESET, fit_title

if TYPE_CHECKING:
    from calcquest.scenes.difference_quotient import DifferenceQuotientScene

_LOW, _HIGH = -17.0, 1.0  # bar scale: log10(error) from 1e-17 (empty) to 10 (full)
_COLORS = {"truncation": "\x1b[33m", "rounding": "\x1b[31m", "best": "\x1b[32;1m"}
_FILLS = {"truncation": "█", "rounding": "▒", "best": "█"}


def _bar(error: float, cells: int) -> int:
    if error <= 0 or not math.isfinite(error):
        return 0 if error == 0 else cells
    share = (math.log10(error) - _LOW) / (_HIGH - _LOW)
    return max(1, min(cells, round(share * cells)))


def _row(
    scene: DifferenceQuotientScene, i: int, best: int, wide: bool, bar_cells: int, color: bool
) -> str:
    from calcquest.scenes.difference_quotient import STEPS

    regime = "best" if i == best else ("rounding" if i > best else "truncation")
    error = scene.errors[i]
    cells = _bar(error, bar_cells)
    bar = _FILLS[regime] * cells
    if color and bar:
        bar = f"{_COLORS[regime]}{bar}{RESET}"
    estimate = f" {scene.estimates[i]:>15.10f}" if wide else ""
    mark = " ◀ smallest" if i == best else ""
    return f" {STEPS[i]:>5.0e}{estimate} {_error_cell(error):>8} {bar}{mark}"


def _error_cell(error: float) -> str:
    """An error in the table: always scientific, so the exponents line up down the column."""
    return "0" if error == 0 else f"{error:.1e}"


def draw_table(
    scene: DifferenceQuotientScene, frame: int, width: int, height: int, color: bool
) -> str:
    """The table for `frame` (rows 0..frame), scrolled so the newest row is visible."""
    wide = width >= 64
    fixed = 7 + (16 if wide else 0) + 9 + 12
    bar_cells = max(4, width - fixed)
    best = scene.best_index(frame)
    method, x0, exact = scene.params.method, num(scene.x0), num(scene.exact)
    title = " " + fit_title(
        f"{method} difference at x = {x0}, exact f' = {exact}",
        width - 1,
        compact=f"{method} diff. at x = {x0}: f' = {exact}",
    )
    header = f" {'h':>5}{'estimate':>16}" if wide else f" {'h':>5}"
    header += f" {'error':>8} "
    header += fit_title("log10 error: 1e-17 .. 10", width - len(header), "log 1e-17..10")
    footer = " " + fit_title(
        "█ truncation error   ▒ rounding error   ◀ smallest",
        width - 1,
        compact="█ truncation  ▒ rounding  ◀ smallest",
    )
    room = max(1, height - 3)
    first = max(0, frame + 1 - room)
    rows = [_row(scene, i, best, wide, bar_cells, color) for i in range(first, frame + 1)]
    lines = [title, header, *rows]
    lines += [""] * (height - 1 - len(lines))
    return "\n".join([*lines, footer])
