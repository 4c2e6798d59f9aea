"""The parameters of the optimisation, network and ODE scene types (see params.py for the
plotting ones and the shared conventions)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from calcquest.scenes.params import AnimatedParams, Count, Expr, Number, Range, SceneParams

GraphOp = Literal[
    "input",
    "const",
    "add",
    "sub",
    "mul",
    "div",
    "neg",
    "square",
    "pow",
    "exp",
    "log",
    "sin",
    "cos",
    "sigmoid",
    "tanh",
    "relu",
    "abs",
    "mse",
]
#: Every operation a `graph` node may use.
GRAPH_OPS: tuple[str, ...] = GraphOp.__args__  # type: ignore[attr-defined]


class Descent1DParams(AnimatedParams):
    """A ball rolling down a loss curve by gradient descent, one step per frame."""

    loss: Expr
    """The loss, in `var`, e.g. `(w - 3)^2`."""
    var: str = "w"
    """The variable name used in `loss`."""
    start: Number
    """The starting value of the variable."""
    lr: Number = 0.1
    """The learning rate (above 2/L″, where L″ is the largest curvature loss'', the steps diverge)."""
    steps: Count = 20
    """How many steps to take (1 to 200)."""
    x: Range | None = None
    """The range of the variable shown (default: around the start and the minimum)."""


class Descent2DParams(AnimatedParams):
    """Gradient descent on a loss surface in w and b, drawn over its contour lines."""

    loss: Expr
    """The loss, in w and b, e.g. `w^2 + b^2`."""
    start: tuple[Number, Number]
    """The starting point `[w0, b0]`."""
    lr: Number = 0.1
    """The learning rate."""
    steps: Count = 20
    """How many steps to take (1 to 200)."""
    x: Range | None = None
    """The w range shown (default: fits the path)."""
    y: Range | None = None
    """The b range shown (default: fits the path)."""


class GraphNode(SceneParams):
    """One node of a computational graph."""

    id: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_']*$", max_length=12)
    """A short name shown in the box, e.g. `w`, `z`, `L`."""
    op: GraphOp = "input"
    """The operation: input, const, add, sub, mul, div, neg, square, pow (with `power`), exp,
    log, sin, cos, sigmoid, tanh, relu, abs, or mse (squared error of its two inputs)."""
    inputs: list[str] = Field(default_factory=list)
    """Ids of the nodes feeding this one, in order (sub and div use first - second)."""
    value: Number | None = None
    """The value of an input or const node."""
    power: Number | None = None
    """The exponent of a pow node."""


class GraphParams(AnimatedParams):
    """A computational graph: forward values, then the backward pass one node at a time."""

    nodes: list[GraphNode] = Field(min_length=1, max_length=16)
    """The nodes, e.g. `[{id: x, value: 2}, {id: w, value: 3}, {id: z, op: mul, inputs: [w, x]}]`."""
    output: str
    """The id of the node whose gradient is taken (usually the loss)."""


class LayersParams(AnimatedParams):
    """The size of the gradient reaching each layer of a deep network: vanishing or exploding."""

    depth: Count = 10
    """Number of layers (1 to 50)."""
    activation: Literal["sigmoid", "tanh", "relu"] = "sigmoid"
    """The activation function of every layer."""
    init: Literal["xavier", "he", "normal"] = "xavier"
    """Weight initialisation: xavier (std 1/sqrt(width)), he (std sqrt(2/width)), normal (std 1)."""
    weight_scale: Number = 1.0
    """Multiplies the initial weights' standard deviation."""
    width: Count = 32
    """Units per layer (2 to 256)."""
    seed: int = 0
    """Seed of the random weights and inputs, so the picture is the same every time."""


class OdeParams(AnimatedParams):
    """Euler and/or RK4 steps along a differential equation, beside the exact solution."""

    rhs: Expr | None = None
    """y' as an expression in t and y, e.g. `-2*y` (give `rhs` or `rhs2`)."""
    rhs2: Expr | None = None
    """y'' as an expression in t, y and v = y', e.g. `-y` (give `rhs` or `rhs2`)."""
    y0: Number | tuple[Number, Number]
    """The initial value y(t0); for `rhs2`, `[y0, v0]`."""
    t: Range = (0.0, 5.0)
    """The time interval `[t0, t1]`."""
    step: Number = 0.5
    """The step size of the numerical method."""
    method: Literal["euler", "rk4", "both"] = "euler"
    """Which numerical method(s) to show."""
    exact: Expr | None = None
    """The exact solution y(t), if known; otherwise a fine RK4 run stands in for it."""

    @model_validator(mode="after")
    def _rhs_or_rhs2(self) -> OdeParams:
        if (self.rhs is None) == (self.rhs2 is None):
            raise ValueError("give exactly one of rhs (y' in t, y) or rhs2 (y'' in t, y, v)")
        if self.rhs2 is not None and not isinstance(self.y0, tuple):
            raise ValueError("with rhs2, y0 needs two values: [y0, v0]")
        return self
