"""The parameters of each plotting scene type, as authors write them under `scene:` in YAML.

The levels loader validates a level's scene with `scene_param_model(type)`; unknown keys are
errors. Numbers may also be expression strings ("pi/4", "{a}" before substitution), which the
scene reads with calcquest's parser when it is built. Field docstrings are the reference.
The machine-learning scene types live in `params_ml.py`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Number = float | str
"""A number, or an expression string such as `pi/4` or `{a}`."""
Count = int | str
"""A whole number, or an expression string such as `{n}`."""
Range = tuple[Number, Number]
"""`[lo, hi]`."""
Expr = str | float
"""An expression string in the scene's variables (a bare number is a constant)."""


class SceneParams(BaseModel):
    """Common settings of every scene's parameter model: strict keys, immutable values."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class AnimatedParams(SceneParams):
    """Settings every animated scene type shares."""

    fps: int | None = Field(None, ge=1, le=20)
    """Frames per second, 1 to 20 (default: the scene type's own pace, 1 to 6)."""


class Shade(SceneParams):
    """A shaded region under one curve of a `function` scene."""

    model_config = ConfigDict(populate_by_name=True)

    curve: int = Field(0, ge=0)
    """Which curve (0 = the first in `curves`)."""
    from_: Number = Field(alias="from")
    """Left end of the shaded region."""
    to: Number
    """Right end of the shaded region."""


class FunctionParams(SceneParams):
    """One or more curves of x, with optional marked points and a shaded area. A still picture."""

    curves: list[Expr] = Field(min_length=1, max_length=6)
    """Expressions in x, e.g. `["sin(x^2)", "2x cos(x^2)"]`."""
    x: Range = (-5.0, 5.0)
    """The x range shown, `[lo, hi]`."""
    y: Range | None = None
    """The y range shown; by default it fits the curves (ignoring blow-ups near asymptotes)."""
    points: list[tuple[Number, Number]] = Field(default_factory=list, max_length=12)
    """Points to mark, `[[x, y], ...]`."""
    shade: Shade | None = None
    """Shade the area under a curve: `{curve: 0, from: 0, to: 1}`."""
    labels: list[str] = Field(default_factory=list)
    """Legend labels for the curves, in order (default: the expressions)."""


class SecantParams(AnimatedParams):
    """Secant lines through (x0, f(x0)) and (x0 + h, f(x0 + h)) closing in on the tangent."""

    f: Expr
    """The function, in x."""
    x0: Number
    """Where the tangent touches."""
    x: Range | None = None
    """The x range shown (default: x0 - 3 to x0 + 3)."""
    h: list[Number] = Field(default_factory=lambda: [1.0, 0.5, 0.2, 0.1, 0.01], min_length=1)
    """The step sizes, one frame each, usually shrinking."""


class DifferenceQuotientParams(AnimatedParams):
    """The error of a finite difference for h = 1 down to 1e-14: truncation error falls, then
    rounding error takes over (the floating-point floor)."""

    f: Expr
    """The function, in x."""
    x0: Number
    """Where the derivative is estimated."""
    method: Literal["forward", "central"] = "forward"
    """`forward`: (f(x0+h) - f(x0))/h; `central`: (f(x0+h) - f(x0-h))/(2h)."""


class GradientFieldParams(SceneParams):
    """Arrows on a grid: the gradient of f(x, y), or any vector field [fx, fy]. A still picture."""

    f: Expr | None = None
    """A function of x and y; the arrows show its gradient (give `f` or `field`)."""
    field: tuple[Expr, Expr] | None = None
    """A vector field `[fx, fy]` in x and y (give `f` or `field`)."""
    x: Range = (-3.0, 3.0)
    """The x range."""
    y: Range = (-3.0, 3.0)
    """The y range."""
    grid: Count = 9
    """Arrows per row and per column (3 to 25; fewer are drawn when the window is small)."""

    @model_validator(mode="after")
    def _f_or_field(self) -> GradientFieldParams:
        if (self.f is None) == (self.field is None):
            raise ValueError("give exactly one of f (a function of x, y) or field ([fx, fy])")
        return self


class TaylorParams(AnimatedParams):
    """Taylor polynomials of rising order (one frame per order, 0 up to `order`)."""

    f: Expr
    """The function, in x."""
    x0: Number = 0.0
    """The expansion point."""
    order: Count = 5
    """The highest order shown (0 to 12)."""
    x: Range | None = None
    """The x range shown (default: x0 - 3 to x0 + 3)."""


class RiemannParams(AnimatedParams):
    """Rectangles under f from a to b, more of them each frame, converging to the area."""

    f: Expr
    """The function, in x."""
    a: Number
    """Left end of the interval."""
    b: Number
    """Right end of the interval."""
    n: list[Count] = Field(default_factory=lambda: [1, 2, 4, 8, 16, 32], min_length=1)
    """Numbers of rectangles, one frame each (1 to 2000)."""
    rule: Literal["left", "right", "midpoint"] = "left"
    """Where each rectangle's height is taken."""
