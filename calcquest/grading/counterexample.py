"""When no rule explains a wrong answer, show a point where it goes wrong.

"At x = 1.5 your answer is 0.52, the right one 1.04.": a concrete, checkable fact. The point
is a nice one (1.5, 0.5, 2, ...) inside the variable's domain when one shows the difference,
else the sampled point that did, rounded for reading. Numbers get 3 significant digits.
"""

from __future__ import annotations

import numpy as np
import sympy

from calcquest.grading.equivalence import STRICT, Tolerance, Witness
from calcquest.grading.sampling import DEFAULT_DOMAIN, Space, evaluate

#: Candidate coordinates, most readable first.
NICE_VALUES = (1.5, 0.5, 2.0, 1.0, 2.5, -1.5, -0.5, -2.0, -1.0, 3.0, 0.25, 0.75, 1.25, 4.0)


def format_number(value: float | None, digits: int = 3) -> str:
    """A value with `digits` significant digits, plainly written ("undefined" for None)."""
    if value is None or np.isnan(value) or not np.isfinite(value):
        return "undefined"
    if value == 0:
        return "0"
    if abs(value) >= 1e7 or abs(value) < 1e-4:
        return f"{value:.{digits}g}"
    return np.format_float_positional(
        value, precision=digits, unique=False, fractional=False, trim="-"
    )


def format_pair(response: float | None, expected: float) -> tuple[str, str]:
    """Both values with 3 significant digits, or as many more (up to 12) as it takes for
    them to look different: never "your answer is 1.5, the right one 1.5"."""
    for digits in range(3, 13):
        pair = format_number(response, digits), format_number(expected, digits)
        if pair[0] != pair[1]:
            return pair
    return pair


def _nice_columns(space: Space) -> np.ndarray:
    """Rows of nice candidate coordinates per variable, staggered so points differ."""
    rows = []
    for index, domain in enumerate(space.domains):
        low, high = domain or DEFAULT_DOMAIN
        inside = [v for v in NICE_VALUES if low <= v <= high] or [round((low + high) / 2, 2)]
        shift = (3 * index) % len(inside)
        rows.append([inside[(k + shift) % len(inside)] for k in range(len(NICE_VALUES))])
    return np.array(rows, dtype=float).reshape(len(space.symbols), len(NICE_VALUES))


def find_point(response, expected, space: Space, tolerance: Tolerance = STRICT) -> Witness | None:
    """A nice point where the expected value is defined and the response differs from it."""
    points = _nice_columns(space)
    if witness := _first_difference(response, expected, space, points, tolerance):
        return witness
    return None


def _first_difference(response, expected, space, points, tolerance) -> Witness | None:
    e = evaluate(expected, space.symbols, points)
    r = evaluate(response, space.symbols, points)
    differs = ~np.isnan(e) & (np.isnan(r) | ~tolerance.close(r, e))
    if not differs.any():
        return None
    j = int(min(np.flatnonzero(differs), key=lambda k: _clarity(r[k], e[k])))
    point = {s: float(points[i, j]) for i, s in enumerate(space.symbols)}
    return Witness(point, None if np.isnan(r[j]) else float(r[j]), float(e[j]))


def _clarity(response: float, expected: float) -> int:
    """How well a point shows the difference (lower is better): both numbers and visibly
    different at 3 digits, then "undefined" (it may only be too large for floats), then a
    difference that needs more digits to see."""
    if format_number(response) == format_number(expected):
        return 2
    return 0 if np.isfinite(response) else 1


def _rounded(witness: Witness, response, expected, space, tolerance) -> Witness:
    """The sampled witness with coordinates rounded to 2 decimals, if it still shows it."""
    points = np.array([[round(witness.point[s], 2)] for s in space.symbols], dtype=float)
    points = points.reshape(len(space.symbols), 1)
    return _first_difference(response, expected, space, points, tolerance) or witness


def describe_point(point: dict[sympy.Symbol, float]) -> str:
    """ "x = 1.5, y = 0.5"."""
    return ", ".join(f"{s.name} = {format_number(v)}" for s, v in point.items())


def counterexample(
    response,
    expected,
    space: Space,
    witness: Witness | None = None,
    *,
    tolerance: Tolerance = STRICT,
    yours: str = "your answer is",
    right: str = "the right one",
) -> str | None:
    """The sentence showing where the response goes wrong, or None if none was found."""
    found = find_point(response, expected, space, tolerance)
    if found is None and witness is not None:
        found = _rounded(witness, response, expected, space, tolerance)
    if found is None:
        return None
    involved = set(getattr(response, "free_symbols", ())) | set(expected.free_symbols)
    point = {s: v for s, v in found.point.items() if s in involved}
    where = f"at {describe_point(point)} " if point else ""
    shown_response, shown_expected = format_pair(found.response, found.expected)
    sentence = f"{where}{yours} {shown_response}, {right} {shown_expected}."
    return sentence[:1].upper() + sentence[1:]
