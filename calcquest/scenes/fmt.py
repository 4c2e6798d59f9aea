"""Numbers as a person reads them in descriptions, titles and tables.

`num(4.0)` is "4", `num(4.1)` is "4.10", `num(3.2e-7)` is "3.2e-07": two decimals in the
everyday range, scientific notation outside it, and whole numbers without decimals.
"""

from __future__ import annotations

import math


def num(value: float, decimals: int = 2) -> str:
    """A number with `decimals` places, whole numbers bare, tiny and huge ones scientific."""
    value = float(value)
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "infinity" if value > 0 else "-infinity"
    if value == 0:
        return "0"
    if abs(value) >= 1e6 or abs(value) < 10 ** (-decimals):
        return f"{value:.{max(decimals - 1, 1)}e}"
    if value == round(value) and abs(value) < 1e6:
        return str(int(round(value)))
    return f"{value:.{decimals}f}"


def short(value: float) -> str:
    """At most about 6 characters: for cramped spots such as graph boxes and table cells."""
    value = float(value)
    if not math.isfinite(value):
        return num(value)
    if value != 0 and (abs(value) >= 1e4 or abs(value) < 1e-2):
        return f"{value:.1e}"
    return f"{value:.3g}" if abs(value) >= 100 else f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def step(value: float) -> str:
    """A step size or setting as written by an author: 0.1, 1e-05, 2."""
    return f"{float(value):g}"


def pair(a: float, b: float) -> str:
    """A point: (1.20, 0.70)."""
    return f"({num(a)}, {num(b)})"
