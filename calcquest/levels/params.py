"""Random question parameters: draw them from a seed and put them into the text.

A question's `params: {a: {randint: [2, 9]}}` is drawn afresh per attempt from
`random.Random(seed)`, so a retry (new seed) is a fresh question and a replay (same seed) is the
same question. `{a}` in prompts, answers and scenes is replaced by the drawn value; names that
are not parameters are left alone, so other braces in a lesson never need escaping.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import Any

from calcquest.levels.schema import ParamSpec

ParamValue = int | float | str

#: `{name}` where name could be a parameter.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

_MAX_REDRAWS = 1000


def draw_params(params: dict[str, ParamSpec], seed: int) -> dict[str, ParamValue]:
    """One value per parameter, in the order they are declared, from `Random(seed)`."""
    rng = random.Random(seed)
    return {name: _draw_one(spec, rng) for name, spec in params.items()}


def _draw_one(spec: ParamSpec, rng: random.Random) -> ParamValue:
    for _ in range(_MAX_REDRAWS):
        value = _draw_raw(spec, rng)
        if value not in spec.exclude:
            return value
    raise ValueError("every value is excluded")


def _draw_raw(spec: ParamSpec, rng: random.Random) -> ParamValue:
    if spec.randint is not None:
        return rng.randint(spec.randint[0], spec.randint[1])
    if spec.choice is not None:
        return rng.choice(spec.choice)
    low, high = spec.uniform  # type: ignore[misc]
    return round(rng.uniform(low, high), spec.decimals)


def can_draw(spec: ParamSpec) -> bool:
    """False when `exclude` rules out every value the spec could produce."""
    if spec.randint is not None:
        low, high = spec.randint
        return high - low + 1 > len({v for v in spec.exclude if low <= v <= high})
    if spec.choice is not None:
        return any(option not in spec.exclude for option in spec.choice)
    return True


def format_value(value: ParamValue, *, in_expression: bool = False) -> str:
    """How a value reads in text: `3`, `0.25` (never `2.5e-05`), `(-2)` inside an expression
    so `x^{a}` stays `x^(-2)`."""
    if isinstance(value, float):
        text = format(Decimal(repr(value)).normalize(), "f")
        if value == int(value) and "." not in text:
            text = str(int(value))
    else:
        text = str(value)
    if in_expression and isinstance(value, (int, float)) and value < 0:
        return f"({text})"
    return text


def substitute(text: str, values: dict[str, ParamValue], *, in_expression: bool = False) -> str:
    """`text` with every `{name}` of a drawn parameter replaced by its value."""
    if not values or "{" not in text:
        return text

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        return format_value(values[name], in_expression=in_expression)

    return PLACEHOLDER.sub(replace, text)


def substitute_all(
    data: Any, values: dict[str, ParamValue], *, in_expression: bool, whole_values: bool = False
) -> Any:
    """`substitute` applied to every string inside nested lists and mappings (keys too).

    With `whole_values`, a string that is exactly one placeholder (`"{a}"`) becomes the drawn
    value itself, so a scene's `x0: "{a}"` is the number 3, not the text "3".
    """
    if isinstance(data, str):
        whole = PLACEHOLDER.fullmatch(data)
        if whole_values and whole and whole.group(1) in values:
            return values[whole.group(1)]
        return substitute(data, values, in_expression=in_expression)
    if isinstance(data, (list, dict)):
        again = {"in_expression": in_expression, "whole_values": whole_values}
        if isinstance(data, list):
            return [substitute_all(item, values, **again) for item in data]
        keys = {"in_expression": in_expression}  # a key stays text
        return {
            substitute_all(k, values, **keys): substitute_all(v, values, **again)
            for k, v in data.items()
        }
    return data


def unknown_placeholders(text: str, known: set[str]) -> list[tuple[str, int]]:
    """`{name}` placeholders in `text` that are not in `known`, with 1-based columns."""
    return [
        (m.group(1), m.start() + 1) for m in PLACEHOLDER.finditer(text) if m.group(1) not in known
    ]


def substitute_mapped(
    text: str, values: dict[str, ParamValue], *, in_expression: bool = False
) -> tuple[str, list[int]]:
    """`substitute`, plus the 1-based column of `text` each character of the result came from
    (a drawn value's characters map to its `{`), so a parse error found in the substituted
    expression can be shown where the author wrote it."""
    parts: list[str] = []
    columns: list[int] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) not in values:
            continue
        parts.append(text[position : match.start()])
        columns += range(position + 1, match.start() + 1)
        value = format_value(values[match.group(1)], in_expression=in_expression)
        parts.append(value)
        columns += [match.start() + 1] * len(value)
        position = match.end()
    parts.append(text[position:])
    columns += range(position + 1, len(text) + 1)
    return "".join(parts), columns
