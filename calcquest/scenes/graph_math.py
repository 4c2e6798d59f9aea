"""Forward and backward passes through a small computational graph, in plain floats.

This is reverse-mode differentiation as a learner does it by hand: values flow forward in
topological order; then, from the output's gradient 1, each node passes gradient * (local
derivative) back to its inputs, where contributions add up. The order of those steps is
what the `graph` scene animates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from calcquest.scenes.base import SceneError

Local = Callable[[Sequence[float]], tuple[float, list[float]]]


def _sigmoid(a: float) -> float:
    return 1 / (1 + math.exp(-a)) if a >= 0 else math.exp(a) / (1 + math.exp(a))


def _product_parts(xs: Sequence[float]) -> list[float]:
    return [math.prod(xs[:i]) * math.prod(xs[i + 1 :]) for i in range(len(xs))]


def _log(a: float) -> tuple[float, list[float]]:
    if a <= 0:
        raise ValueError(f"log of {a:g}")
    return math.log(a), [1 / a]


def _div(a: float, b: float) -> tuple[float, list[float]]:
    if b == 0:
        raise ValueError("division by 0")
    return a / b, [1 / b, -a / b**2]


#: op -> (arity: exact count, or -1 for two or more; value and local derivatives)
OPS: dict[str, tuple[int, Callable[..., tuple[float, list[float]]]]] = {
    "add": (-1, lambda xs: (sum(xs), [1.0] * len(xs))),
    "mul": (-1, lambda xs: (math.prod(xs), _product_parts(xs))),
    "sub": (2, lambda xs: (xs[0] - xs[1], [1.0, -1.0])),
    "div": (2, lambda xs: _div(*xs)),
    "mse": (2, lambda xs: ((xs[0] - xs[1]) ** 2, [2 * (xs[0] - xs[1]), -2 * (xs[0] - xs[1])])),
    "neg": (1, lambda xs: (-xs[0], [-1.0])),
    "square": (1, lambda xs: (xs[0] ** 2, [2 * xs[0]])),
    "exp": (1, lambda xs: (math.exp(xs[0]), [math.exp(xs[0])])),
    "log": (1, lambda xs: _log(xs[0])),
    "sin": (1, lambda xs: (math.sin(xs[0]), [math.cos(xs[0])])),
    "cos": (1, lambda xs: (math.cos(xs[0]), [-math.sin(xs[0])])),
    "sigmoid": (1, lambda xs: (_sigmoid(xs[0]), [_sigmoid(xs[0]) * (1 - _sigmoid(xs[0]))])),
    "tanh": (1, lambda xs: (math.tanh(xs[0]), [1 - math.tanh(xs[0]) ** 2])),
    "relu": (1, lambda xs: (max(0.0, xs[0]), [1.0 if xs[0] > 0 else 0.0])),
    "abs": (1, lambda xs: (abs(xs[0]), [math.copysign(1.0, xs[0]) if xs[0] else 0.0])),
}


@dataclass(frozen=True)
class Node:
    """A node ready to compute: id, op, input ids, and (for sources) its value or (pow) power."""

    id: str
    op: str
    inputs: tuple[str, ...]
    value: float | None = None
    power: float | None = None


def local(node: Node, args: Sequence[float]) -> tuple[float, list[float]]:
    """The node's value from its inputs' values, and d(node)/d(input) for each input."""
    if node.op == "pow":
        p = node.power
        a = args[0]
        if a <= 0 and p != int(p):
            raise ValueError(f"{a:g} to the power {p:g}")
        return a**p, [p * a ** (p - 1) if p != 0 else 0.0]
    return OPS[node.op][1](args)


def check_arity(node: Node) -> None:
    """SceneError when a node has the wrong number of inputs or lacks a value/power."""
    if node.op in ("input", "const"):
        if node.value is None or node.inputs:
            raise SceneError(f"graph node '{node.id}': an {node.op} needs a value and no inputs")
        return
    if node.op == "pow" and node.power is None:
        raise SceneError(f"graph node '{node.id}': pow needs `power`, e.g. power: 3")
    arity = 1 if node.op == "pow" else OPS[node.op][0]
    count = len(node.inputs)
    if (arity == -1 and count < 2) or (arity > 0 and count != arity):
        wanted = "two or more" if arity == -1 else str(arity)
        raise SceneError(f"graph node '{node.id}': {node.op} takes {wanted} inputs, got {count}")


def topological(nodes: Sequence[Node]) -> list[Node]:
    """The nodes with every input before its consumers; SceneError on unknown ids or cycles."""
    by_id = {n.id: n for n in nodes}
    done: dict[str, bool] = {}
    order: list[Node] = []

    def visit(node: Node, trail: tuple[str, ...]) -> None:
        if done.get(node.id):
            return
        if node.id in trail:
            raise SceneError(f"graph: the nodes {' -> '.join((*trail, node.id))} form a cycle")
        for name in node.inputs:
            if name not in by_id:
                raise SceneError(f"graph node '{node.id}': unknown input '{name}'")
            visit(by_id[name], (*trail, node.id))
        done[node.id] = True
        order.append(node)

    for node in nodes:
        visit(node, ())
    return order


def forward(order: Sequence[Node]) -> dict[str, float]:
    """Every node's value."""
    values: dict[str, float] = {}
    for node in order:
        if node.op in ("input", "const"):
            values[node.id] = float(node.value)
            continue
        try:
            values[node.id] = local(node, [values[i] for i in node.inputs])[0]
        except (ValueError, OverflowError, ZeroDivisionError) as exc:
            raise SceneError(f"graph node '{node.id}': cannot compute it ({exc})") from None
    return values


def ancestors(order: Sequence[Node], output: str) -> set[str]:
    """The ids the output depends on, itself included."""
    by_id = {n.id: n for n in order}
    seen: set[str] = set()
    stack = [output]
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.add(name)
            stack.extend(by_id[name].inputs)
    return seen


def backward(
    order: Sequence[Node], values: dict[str, float], output: str
) -> list[tuple[str, float]]:
    """(node id, d output / d node) in the order backpropagation finishes each node."""
    needed = ancestors(order, output)
    grads = {name: 0.0 for name in needed}
    grads[output] = 1.0
    finished = []
    for node in reversed(order):
        if node.id not in needed:
            continue
        finished.append((node.id, grads[node.id]))
        if node.inputs:
            _, parts = local(node, [values[i] for i in node.inputs])
            for name, part in zip(node.inputs, parts, strict=True):
                grads[name] += grads[node.id] * part
    return finished
