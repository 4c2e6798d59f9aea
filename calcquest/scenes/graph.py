"""`graph`: a computational graph with its forward values, then the backward pass filling in
each node's gradient d(output)/d(node) one step at a time.

Frames: 0 shows the inputs; then one frame per computed node (forward, in topological order);
then one per node the output depends on (backward, from the output's gradient 1). The drawing
is boxes and box-drawing edges (graph_layout.py); a table stands in when the window is too small.
"""

from __future__ import annotations

from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes import graph_math as gm
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.fmt import num

_SYMBOLS = {"add": " + ", "mul": "·", "sub": " − ", "div": "/"}
_CALLS = {
    "exp": "exp",
    "log": "ln",
    "sin": "sin",
    "cos": "cos",
    "sigmoid": "σ",
    "tanh": "tanh",
    "relu": "relu",
}


def formula(node: gm.Node) -> str:
    """How the node is computed from its inputs, e.g. `w·x`, `q + z`, `σ(z)`."""
    a = node.inputs[0] if node.inputs else ""
    if node.op in _SYMBOLS:
        return _SYMBOLS[node.op].join(node.inputs)
    if node.op in _CALLS:
        return f"{_CALLS[node.op]}({a})"
    if node.op == "pow":
        return f"{a}^{node.power:g}"
    if node.op == "mse":
        return f"({a} − {node.inputs[-1]})²"
    prefix, suffix = {"neg": ("−", ""), "square": ("", "²"), "abs": ("|", "|")}.get(
        node.op, ("", "")
    )
    return f"{prefix}{a}{suffix}" if node.inputs else node.op


class GraphScene(Scene):
    """Frames step through the forward pass, then the backward pass."""

    type_name = "graph"
    default_fps = 1

    @property
    def frame_count(self) -> int:
        return 1 + len(self.computed) + len(self.backward_steps)

    def _prepare(self) -> None:
        p = self.params
        nodes = [self._node(n) for n in p.nodes]
        ids = [n.id for n in nodes]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise SceneError(
                f"graph: node id '{duplicates[0]}' is used twice", "Give each node its own id."
            )
        if p.output not in ids:
            raise SceneError(
                f"graph: output '{p.output}' is not a node", f"Use one of: {', '.join(ids)}."
            )
        for node in nodes:
            gm.check_arity(node)
        self.order = gm.topological(nodes)
        self.values = gm.forward(self.order)
        self.computed = [n.id for n in self.order if n.inputs]
        self.backward_steps = gm.backward(self.order, self.values, p.output)
        self.output = p.output

    def _node(self, raw: Any) -> gm.Node:
        value = ex.number(raw.value, f"{raw.id}.value") if raw.value is not None else None
        power = ex.number(raw.power, f"{raw.id}.power") if raw.power is not None else None
        return gm.Node(raw.id, raw.op, tuple(raw.inputs), value, power)

    def phase(self, frame: int) -> tuple[str, str | None]:
        """("forward" | "backward", the id being computed at this frame, or None at frame 0)."""
        if frame <= len(self.computed):
            return "forward", self.computed[frame - 1] if frame else None
        return "backward", self.backward_steps[frame - 1 - len(self.computed)][0]

    def _data(self, frame: int) -> dict[str, Any]:
        shown_values = {n.id for n in self.order if not n.inputs} | set(self.computed[:frame])
        done_back = max(0, frame - len(self.computed))
        phase, active = self.phase(frame)
        return {
            "phase": phase,
            "active": active,
            "values": {
                n.id: self.values[n.id] if n.id in shown_values else None for n in self.order
            },
            "grads": dict(self.backward_steps[:done_back]),
            "output": self.output,
        }

    def _describe(self, frame: int) -> str:
        phase, active = self.phase(frame)
        if active is None:
            inputs = ", ".join(
                f"{n.id} = {num(self.values[n.id])}" for n in self.order if not n.inputs
            )
            return f"Forward pass: the inputs are {inputs}."
        if phase == "forward":
            node = next(n for n in self.order if n.id == active)
            return f"Forward pass: {active} = {formula(node)} = {num(self.values[active])}."
        grads = dict(self.backward_steps)
        text = f"Backward pass: ∂{self.output}/∂{active} = {num(grads[active])}"
        if frame == self.last_frame:
            return text + self._summary(grads)
        consumers = [n.id for n in self.order if active in n.inputs and n.id in grads]
        return text + (
            f", collected from {', '.join(consumers)}." if consumers else ", the starting point."
        )

    def caption(self, frame: int) -> str:
        """The frame's step in a few words, for the line above the drawing: `inputs`,
        `forward: q = x + y = 3` or `backward: ∂f/∂q = -3`."""
        phase, active = self.phase(self.clamp(frame))
        if active is None:
            return "forward pass: the inputs"
        if phase == "forward":
            node = next(n for n in self.order if n.id == active)
            return f"forward: {active} = {formula(node)} = {num(self.values[active])}"
        return f"backward: ∂{self.output}/∂{active} = {num(dict(self.backward_steps)[active])}"

    def _summary(self, grads: dict[str, float]) -> str:
        """The gradients of every input, for the final frame."""
        inputs = [n.id for n in self.order if n.op == "input" and n.id in grads]
        listed = ", ".join(f"∂{self.output}/∂{name} = {num(grads[name])}" for name in inputs)
        return f". All gradients are in: {listed}." if listed else "."

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        from calcquest.scenes.graph_layout import draw_graph

        return draw_graph(self, frame, width, height, color)
