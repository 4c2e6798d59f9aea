"""Numbers as a person reads them in descriptions, titles and tables: one helper, `num`.

Every figure a scene puts into words goes through `num`, so a description never shows SymPy's
`1.00000000000000` or a float's `0.30000000000000004`: three significant digits, no trailing
zeros (`4.1`, `0.318`, `4`), scientific notation for the tiny and the huge (`2.43e-08`).
"""

from __future__ import annotations

import math

#: Significant digits a description shows by default.
DIGITS = 3
#: Plain notation inside [SMALL, LARGE); scientific outside.
SMALL, LARGE = 1e-3, 1e6


def num(value: float, digits: int = DIGITS) -> str:
    """`value` to `digits` significant digits without trailing zeros. Numbers from 0.001 up
    to a million are written plainly (whole digits are never rounded away: 12346, not 1.23e4),
    others as `1.5e-07`; nan and infinities in words."""
    value = float(value)
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "infinity" if value > 0 else "-infinity"
    if value == 0:
        return "0"
    if not SMALL <= abs(value) < LARGE:
        mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
        return f"{_trimmed(mantissa)}e{exponent}"
    decimals = max(digits - 1 - math.floor(math.log10(abs(value))), 0)
    return _trimmed(f"{value:.{decimals}f}")


def _trimmed(text: str) -> str:
    """Without trailing zeros after the decimal point (and without a bare point or `-0`)."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def short(value: float) -> str:
    """At most about 6 characters: for cramped spots such as graph boxes and table cells."""
    value = float(value)
    if not math.isfinite(value):
        return num(value)
    if value != 0 and (abs(value) >= 1e4 or abs(value) < 1e-2):
        return f"{value:.1e}"
    return f"{value:.3g}" if abs(value) >= 100 else f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def step(value: float) -> str:
    """A step size or setting as written by an author, up to six digits: 0.1, 1e-05, 2."""
    return num(value, 6)


def pair(a: float, b: float) -> str:
    """A point: (1.2, 0.7)."""
    return f"({num(a)}, {num(b)})"
