"""Controls: the knobs (learning rate, step size, order...) a player turns while a scene runs.

A control is a ladder of values and a position on it. The level file declares the ladder
(`values: [...]`, or `min`/`max`/`step`); the scene's parameter supplies the starting value.
States are immutable: turning a knob gives a new state and, through `Scene.with_control`, a
freshly computed scene.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

#: At most this many values on a min/max/step ladder (a typo like step 1e-9 stays harmless).
MAX_LADDER = 200


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _with_value(values: tuple[float, ...], value: float) -> tuple[float, ...]:
    """The ladder with `value` on it (sorted, no near-duplicates)."""
    merged = sorted({*values, value})
    unique: list[float] = []
    for item in merged:
        if not unique or not _same(unique[-1], item):
            unique.append(item)
    return tuple(unique)


def ladder_from_spec(spec: Any) -> tuple[float, ...]:
    """The values a declared control steps through (`values`, or `min`..`max` by `step`)."""
    if spec.values:
        return tuple(float(v) for v in spec.values)
    if spec.min is not None and spec.max is not None and spec.step:
        count = min(MAX_LADDER, int(math.floor((spec.max - spec.min) / abs(spec.step) + 1e-9)) + 1)
        return tuple(round(spec.min + i * abs(spec.step), 12) for i in range(max(count, 1)))
    return ()


@dataclass(frozen=True)
class ControlState:
    """One control: which parameter, its label, the current value and the ladder of values."""

    name: str
    label: str
    value: float
    values: tuple[float, ...]

    @classmethod
    def single(cls, name: str, value: float, label: str | None = None) -> ControlState:
        """A control that knows only its current value (set directly, no ladder declared)."""
        return cls(name, label or name, float(value), (float(value),))

    @classmethod
    def from_ladder(
        cls, name: str, value: float, ladder: tuple[float, ...], label: str | None = None
    ) -> ControlState:
        """A control on a ladder, starting at `value` (added to the ladder if missing)."""
        return cls(name, label or name, float(value), _with_value(ladder, float(value)))

    @property
    def index(self) -> int:
        """Where the current value sits on the ladder."""
        return min(range(len(self.values)), key=lambda i: abs(self.values[i] - self.value))

    @property
    def can_down(self) -> bool:
        """True when a smaller value is available."""
        return self.index > 0

    @property
    def can_up(self) -> bool:
        """True when a larger value is available."""
        return self.index < len(self.values) - 1

    def stepped(self, delta: int) -> float:
        """The value `delta` rungs away (clamped to the ends of the ladder)."""
        target = max(0, min(len(self.values) - 1, self.index + delta))
        return self.values[target]

    def at(self, value: float) -> ControlState:
        """This control moved to `value` (kept on the ladder)."""
        return replace(self, value=float(value), values=_with_value(self.values, float(value)))

    def shown(self) -> str:
        """`label = value`, compact, for status lines and descriptions."""
        return f"{self.label} = {self.value:g}"
