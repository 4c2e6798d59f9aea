"""Our own small syntax tree: what the grammar builds and the size check walks.

Nothing here touches SymPy, so the tree can be inspected and refused (a power too large, a
vector inside a sum) before any SymPy object is made. Every node remembers the columns it
spans, so messages can quote and point at the typed text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    """A piece of the answer spanning columns [column, end) of the typed text."""

    column: int
    end: int


@dataclass(frozen=True)
class Number(Node):
    """A number literal exactly as typed: `3`, `2.5`, `.5`, `1e-3`."""

    text: str


@dataclass(frozen=True)
class Name(Node):
    """A variable, a built-in constant (pi, e, oo) or a declared function used as a value."""

    kind: str  # "var", "const" or "ufunc"
    name: str


@dataclass(frozen=True)
class Negate(Node):
    """`-operand`."""

    operand: Node


@dataclass(frozen=True)
class Chain(Node):
    """`first op term op term ...`: a sum (ops + -) or a product (ops * /), kept flat.

    Flat chains keep every walker iterative: `x+x+...+x` is one node, not 250 nested ones.
    """

    first: Node
    rest: tuple[tuple[str, Node], ...]


@dataclass(frozen=True)
class Power(Node):
    """`base ^ exponent`."""

    base: Node
    exponent: Node


@dataclass(frozen=True)
class Factorial(Node):
    """`operand!` or `factorial(operand)`."""

    operand: Node


@dataclass(frozen=True)
class Call(Node):
    """A built-in function (`kind="func"`) or a declared function (`kind="ufunc"`) applied."""

    kind: str
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Abs(Node):
    """`|operand|`."""

    operand: Node


@dataclass(frozen=True)
class Sequence(Node):
    """`[a, b]`, `(a, b)` or a bare `a, b`: a vector, or a matrix when its items are rows."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Equation(Node):
    """`left = right`."""

    left: Node
    right: Node
