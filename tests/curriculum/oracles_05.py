"""Independent answers for world 5 (Chain rule and backpropagation).

Nothing here reads the YAML or uses SymPy. Backprop answers come from `Value`, a tiny scalar
autograd in the style of micrograd: each question's network is built from the drawn params,
run forward, and `backward()` fills in the gradients. Forward mode uses `Dual` numbers, and
the gradient-checking answers are plain float arithmetic.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np


class Value:
    """A scalar that remembers how it was computed, so `backward()` can apply the chain rule.

    Like PyTorch, leaves (values built from a plain number) accumulate their `grad` across
    backward calls; intermediate nodes are reset at the start of every call.
    """

    def __init__(self, data: float, parents: tuple = (), local: tuple = ()):
        self.data = float(data)
        self.grad = 0.0
        self._parents = parents  # the Values this one was computed from
        self._local = local  # d(self)/d(parent), one per parent

    @staticmethod
    def lift(other) -> Value:
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value.lift(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other):
        other = Value.lift(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    def __pow__(self, k: float):
        return Value(self.data**k, (self,), (k * self.data ** (k - 1),))

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-Value.lift(other))

    def __truediv__(self, other):
        return self * Value.lift(other) ** -1

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other):
        return Value.lift(other) - self

    def exp(self):
        e = math.exp(self.data)
        return Value(e, (self,), (e,))

    def log(self):
        return Value(math.log(self.data), (self,), (1 / self.data,))

    def sigmoid(self):
        s = 1 / (1 + math.exp(-self.data))
        return Value(s, (self,), (s * (1 - s),))

    def relu(self):
        return Value(max(self.data, 0.0), (self,), (1.0 if self.data > 0 else 0.0,))

    def detach(self):
        """The same number with no history: gradients stop here."""
        return Value(self.data)

    def backward(self) -> None:
        """Reverse mode: visit nodes output-first and push gradient to each parent."""
        order, seen = [], set()

        def visit(v: Value) -> None:
            if id(v) not in seen:
                seen.add(id(v))
                for parent in v._parents:
                    visit(parent)
                order.append(v)

        visit(self)
        for v in order:
            if v._parents:
                v.grad = 0.0
        self.grad = 1.0
        for v in reversed(order):
            for parent, local in zip(v._parents, v._local, strict=True):
                parent.grad += local * v.grad


class Dual:
    """A forward-mode number a + b·ε with ε² = 0: b carries the derivative along."""

    def __init__(self, value: float, tangent: float = 0.0):
        self.value, self.tangent = value, tangent

    def __add__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        return Dual(self.value + other.value, self.tangent + other.tangent)

    def __mul__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        return Dual(
            self.value * other.value, self.tangent * other.value + self.value * other.tangent
        )

    __radd__ = __add__
    __rmul__ = __mul__


def grads(loss_of, *values: float) -> list[float]:
    """Gradient of a scalar function of several inputs, by one backward pass."""
    leaves = [Value(v) for v in values]
    loss_of(*leaves).backward()
    return [leaf.grad for leaf in leaves]


# --- rates-multiply -------------------------------------------------------------------------


def _two_links(p):
    # L = b·u with u = a·w: backprop through the two links.
    return grads(lambda w: p["b"] * (p["a"] * w), 1.7)[0]


def _three_links():
    # u = x², v = 3u + 1, y = sqrt(v), backprop at x = 1.
    return grads(lambda x: (3 * x**2 + 1) ** 0.5, 1.0)[0]


# --- computational-graphs -------------------------------------------------------------------


def _graph_backward(p):
    # f = (x + y)·z, one backward pass gives all three partials.
    return np.array(grads(lambda x, y, z: (x + y) * z, p["x"], p["y"], p["z"]))


def _fan_out(p):
    # x used twice: u = x², v = 3x, f = u·v; backprop sums both paths.
    return grads(lambda x: (x * x) * (3 * x), p["x"])[0]


# --- a-neuron --------------------------------------------------------------------------------


def _neuron_weight_rate(p):
    # Pick any w, then the bias that makes σ(w·x + b) = s; backprop gives ∂a/∂w.
    w = 0.3
    b = math.log(p["s"] / (1 - p["s"])) - w * p["x"]
    return grads(lambda w_, b_: (w_ * p["x"] + b_).sigmoid(), w, b)[0]


def _neuron_three_partials():
    # a = σ(w·x + b) at x = 3, w = −1, b = 3; order [w, b, x].
    g_w, g_b, g_x = grads(lambda w, b, x: (w * x + b).sigmoid(), -1.0, 3.0, 3.0)
    return np.array([g_w, g_b, g_x])


def _saturated():
    # σ'(10) by a central difference of the sigmoid itself.
    h = 1e-4
    sig = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    return (sig(10 + h) - sig(10 - h)) / (2 * h)


# --- mse-loss --------------------------------------------------------------------------------

_TARGETS = np.array([4.0, -1.0, 5.0])


def _preds(p):
    return np.array([p["p"], p["q"], p["r"]], dtype=float)


def _mse_gradient(p):
    # Backprop through L = mean((ŷ − y)²) with respect to each prediction.
    def loss(*yhat):
        return sum((yh - t) ** 2 for yh, t in zip(yhat, _TARGETS, strict=True)) * (1 / 3)

    return np.array(grads(loss, *_preds(p)))


def _line_gradient(p):
    # L = (w·x + b − y)² at the drawn (w, b).
    return np.array(grads(lambda w, b: (w * p["x"] + b - p["y"]) ** 2, p["w"], p["b"]))


# --- two-layer-backprop ----------------------------------------------------------------------


def _scalar_net(w1, w2, p):
    """The lesson's network: z = w1·x, h = ReLU(z), ŷ = w2·h, L = ½(ŷ − y)²."""
    return 0.5 * ((w2 * (w1 * p["x"]).relu()) - p["t"]) ** 2


def _scalar_loss(p):
    return _scalar_net(Value(p["a"]), Value(p["b"]), p).data


def _scalar_weight_grads(p):
    return np.array(grads(lambda w1, w2: _scalar_net(w1, w2, p), p["a"], p["b"]))


_X2 = (1.0, 2.0)
_W1 = ((0.5, 0.5), (1.0, -1.0))
_W2 = (2.0, -1.0)


def _two_unit_net(w1_flat, w2):
    """ŷ = w2·ReLU(W1 x) for x = [1, 2]; W1 given row by row as four Values."""
    rows = (w1_flat[0:2], w1_flat[2:4])
    hidden = [(row[0] * _X2[0] + row[1] * _X2[1]).relu() for row in rows]
    return hidden[0] * w2[0] + hidden[1] * w2[1]


def _two_unit_grads():
    """Backprop of L = ½(ŷ − 2)² through the two-unit net: (dL/dW1 as 2×2, dL/dw2)."""
    w1 = [Value(v) for row in _W1 for v in row]
    w2 = [Value(v) for v in _W2]
    (0.5 * (_two_unit_net(w1, w2) - 2.0) ** 2).backward()
    return np.array([[w1[0].grad, w1[1].grad], [w1[2].grad, w1[3].grad]]), np.array(
        [w2[0].grad, w2[1].grad]
    )


def _two_unit_forward():
    return _two_unit_net([Value(v) for row in _W1 for v in row], [Value(v) for v in _W2]).data


# --- softmax-cross-entropy -------------------------------------------------------------------


def _logits(p):
    return [math.log(p["a"]), math.log(p["b"]), math.log(p["c"])]


def _cross_entropy(z, true_class):
    """L = −ln softmax(z)[k], written as log-sum-exp minus the true logit."""
    return sum((zi.exp() for zi in z), Value(0.0)).log() - z[true_class]


def _softmax(p):
    e = np.exp(_logits(p))
    return e / e.sum()


def _ce_value(p):
    return _cross_entropy([Value(v) for v in _logits(p)], 0).data


def _ce_gradient(p):
    return np.array(grads(lambda *z: _cross_entropy(list(z), 1), *_logits(p)))


def _ce_gradient_sum():
    # Sum of ∂L/∂z for some arbitrary logits and true class.
    return float(sum(grads(lambda *z: _cross_entropy(list(z), 2), 0.3, -1.2, 2.5, 0.0)))


# --- gradient-checking -----------------------------------------------------------------------


def _central(f, w: float, h: float) -> float:
    return (f(w + h) - f(w - h)) / (2 * h)


def _error_ratio():
    # Exact rational arithmetic: error of the central difference of w³ at w = 2.
    def err(h):
        return abs(_central(lambda w: w**3, Fraction(2), h) - 12)

    return float(err(Fraction(1, 10)) / err(Fraction(1, 100)))


def _two_partials(p):
    w, b, h = p["w"], p["b"], 0.1
    return np.array([_central(lambda v: v**2 * b, w, h), _central(lambda v: w**2 * v, b, h)])


# --- forward-vs-reverse ----------------------------------------------------------------------


def _dual_tangent(p):
    x = Dual(p["x"], 1.0)
    return (x * x * (x + 1)).tangent


# --- autograd-pitfalls -----------------------------------------------------------------------


def _backward_twice(p):
    w = Value(p["w"])
    loss = w * w
    loss.backward()
    loss.backward()  # no zeroing in between: w.grad accumulates
    return w.grad


def _doubled_step(p):
    return p["w"] - 0.1 * _backward_twice(p)


def _accumulate(p):
    w = Value(p["w"])
    ((w - 1) ** 2).backward()
    ((w + 2) ** 2).backward()
    return w.grad


def _detached(p):
    w = Value(p["w"])
    (w * w.detach()).backward()
    return w.grad


ORACLES = {
    ("rates-multiply", "two-links"): _two_links,
    ("rates-multiply", "three-links"): lambda p: _three_links(),
    # Plain arithmetic on the drawn numbers.
    ("computational-graphs", "forward"): lambda p: (p["x"] + p["y"]) * p["z"],
    ("computational-graphs", "backward"): _graph_backward,
    ("computational-graphs", "fan-out"): _fan_out,
    ("a-neuron", "weight-rate"): _neuron_weight_rate,
    ("a-neuron", "three-partials"): lambda p: _neuron_three_partials(),
    ("a-neuron", "saturated"): lambda p: _saturated(),
    # NumPy mean of squared errors.
    ("mse-loss", "mse-value"): lambda p: float(np.mean((_preds(p) - _TARGETS) ** 2)),
    ("mse-loss", "mse-gradient"): _mse_gradient,
    ("mse-loss", "line-gradient"): _line_gradient,
    ("two-layer-backprop", "forward-loss"): _scalar_loss,
    ("two-layer-backprop", "backward-weights"): _scalar_weight_grads,
    ("two-layer-backprop", "forward-two-units"): lambda p: _two_unit_forward(),
    ("two-layer-backprop", "output-weight-gradient"): lambda p: _two_unit_grads()[1],
    ("two-layer-backprop", "hidden-weight-gradient"): lambda p: _two_unit_grads()[0],
    ("softmax-cross-entropy", "softmax"): _softmax,
    ("softmax-cross-entropy", "cross-entropy"): _ce_value,
    ("softmax-cross-entropy", "gradient"): _ce_gradient,
    ("softmax-cross-entropy", "gradient-sum"): lambda p: _ce_gradient_sum(),
    # Float arithmetic: the central difference itself.
    ("gradient-checking", "central-difference"): lambda p: _central(lambda w: w**3, p["w"], 0.1),
    ("gradient-checking", "error-order"): lambda p: _error_ratio(),
    ("gradient-checking", "relative-error"): lambda p: abs(0.5 - 0.5003) / max(0.5, 0.5003),
    ("gradient-checking", "two-partials"): _two_partials,
    # Forward mode seeds one input's tangent per pass: one pass per weight.
    ("forward-vs-reverse", "forward-passes"): lambda p: p["n"],
    ("forward-vs-reverse", "dual-numbers"): _dual_tangent,
    # Forward mode: one pass per input; reverse: one per output; take the cheaper.
    ("forward-vs-reverse", "jacobian-passes"): lambda p: min(p["n"], p["m"]),
    ("autograd-pitfalls", "backward-twice"): _backward_twice,
    ("autograd-pitfalls", "doubled-step"): _doubled_step,
    ("autograd-pitfalls", "accumulate-on-purpose"): _accumulate,
    ("autograd-pitfalls", "detached"): _detached,
}
