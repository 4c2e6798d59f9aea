"""Controls: the knobs (learning rate, step size, activation...) a player turns while a scene runs.

A control is a ladder of values and a position on it. The level file declares the ladder
(`values: [...]`, or `min`/`max`/`step`); the scene's parameter supplies the starting value.
A numeric ladder is sorted and stops at its ends; a categorical one (`[sigmoid, tanh, relu]`)
keeps the author's order and wraps round, since its choices have no "largest". States are
immutable: turning a knob gives a new state and, through `Scene.with_control`, a freshly
computed scene.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

#: At most this many values on a min/max/step ladder (a typo like step 1e-9 stays harmless).
MAX_LADDER = 200

#: A control's value: a number, or the name of a choice such as `tanh`.
ControlValue = float | str


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _with_value(values: tuple[ControlValue, ...], value: ControlValue) -> tuple[ControlValue, ...]:
    """The ladder with `value` on it: numbers sorted without near-duplicates; a missing
    choice goes first (it is where the scene starts), the author's order kept after it."""
    if isinstance(value, str):
        return values if value in values else (value, *values)
    merged = sorted({*(float(v) for v in values), value})
    unique: list[float] = []
    for item in merged:
        if not unique or not _same(unique[-1], item):
            unique.append(item)
    return tuple(unique)


def _as_value(value: Any) -> ControlValue:
    """Strings stay names of choices; anything else is a number."""
    return value if isinstance(value, str) else float(value)


def ladder_from_spec(spec: Any) -> tuple[ControlValue, ...]:
    """The values a declared control steps through (`values`, or `min`..`max` by `step`).
    Strings are kept as written: the registry decides whether they are choices or numbers."""
    if spec.values:
        return tuple(_as_value(v) for v in spec.values)
    if spec.min is not None and spec.max is not None and spec.step:
        count = min(MAX_LADDER, int(math.floor((spec.max - spec.min) / abs(spec.step) + 1e-9)) + 1)
        return tuple(round(spec.min + i * abs(spec.step), 12) for i in range(max(count, 1)))
    return ()


@dataclass(frozen=True)
class ControlState:
    """One control: which parameter, its label, the current value and the ladder of values."""

    name: str
    label: str
    value: ControlValue
    values: tuple[ControlValue, ...]

    @classmethod
    def single(cls, name: str, value: ControlValue, label: str | None = None) -> ControlState:
        """A control that knows only its current value (set directly, no ladder declared)."""
        value = _as_value(value)
        return cls(name, label or name, value, (value,))

    @classmethod
    def from_ladder(
        cls,
        name: str,
        value: ControlValue,
        ladder: tuple[ControlValue, ...],
        label: str | None = None,
    ) -> ControlState:
        """A control on a ladder, starting at `value` (added to the ladder if missing)."""
        value = _as_value(value)
        return cls(name, label or name, value, _with_value(ladder, value))

    @property
    def is_choice(self) -> bool:
        """True for a categorical control (activation, method, rule...)."""
        return isinstance(self.value, str)

    @property
    def index(self) -> int:
        """Where the current value sits on the ladder."""
        if self.is_choice:
            return self.values.index(self.value)
        return min(range(len(self.values)), key=lambda i: abs(self.values[i] - self.value))

    @property
    def can_down(self) -> bool:
        """True when a smaller value (for choices: another choice) is available."""
        return len(self.values) > 1 if self.is_choice else self.index > 0

    @property
    def can_up(self) -> bool:
        """True when a larger value (for choices: another choice) is available."""
        return len(self.values) > 1 if self.is_choice else self.index < len(self.values) - 1

    def stepped(self, delta: int) -> ControlValue:
        """The value `delta` rungs away: clamped to the ends of a numeric ladder, wrapping
        round the choices of a categorical one."""
        if self.is_choice:
            return self.values[(self.index + delta) % len(self.values)]
        target = max(0, min(len(self.values) - 1, self.index + delta))
        return self.values[target]

    def at(self, value: ControlValue) -> ControlState:
        """This control moved to `value` (kept on the ladder)."""
        value = _as_value(value)
        return replace(self, value=value, values=_with_value(self.values, value))

    def compact(self) -> str:
        """`label=value`, for a status line with little room."""
        value = self.value if self.is_choice else f"{self.value:g}"
        return f"{self.label}={value}"

    def shown(self) -> str:
        """`label = value`, compact, for status lines and descriptions; a choice also says
        where it is among the others (`activation = tanh (2 of 3)`)."""
        if self.is_choice:
            return f"{self.label} = {self.value} ({self.index + 1} of {len(self.values)})"
        return f"{self.label} = {self.value:g}"
