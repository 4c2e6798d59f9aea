"""`layers`: how big the gradient is at each layer of a deep network: vanishing or exploding.

A fixed-seed random network (depth layers of `width` units, the chosen activation and
initialisation) runs forward on a random batch; the backward pass then reaches each layer in
turn, from the last layer to the first, one layer per frame. Bars show log10 of the norm of
the gradient reaching each layer, dL/dz, so a factor of 1000 is three steps of the scale.
"""

from __future__ import annotations

import math
from typing import Any

from calcquest.scenes import expr as ex
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.fmt import num
from calcquest.scenes.plot import BAR_WIDTH, Plot

BATCH = 64
_STD = {
    "xavier": lambda n: math.sqrt(1 / n),
    "he": lambda n: math.sqrt(2 / n),
    "normal": lambda n: 1.0,
}
#: Initialisations as the lessons write them.
_INIT_NAMES = {"xavier": "Xavier", "he": "He", "normal": "normal (std 1)"}
#: (upper bound of the first/last gradient ratio, what the gradient does), checked in order.
_VERDICTS = (
    (0.1, "vanishes"),
    (0.5, "shrinks"),
    (2.0, "stays about the same size"),
    (10.0, "grows"),
    (math.inf, "explodes"),
)


def _activation(name: str, z: Any) -> tuple[Any, Any]:
    """(activation(z), its derivative at z)."""
    import numpy as np

    if name == "sigmoid":
        s = 1 / (1 + np.exp(-np.clip(z, -500, 500)))
        return s, s * (1 - s)
    if name == "tanh":
        t = np.tanh(z)
        return t, 1 - t**2
    return np.maximum(z, 0), (z > 0).astype(float)


def gradient_norms(depth: int, width: int, activation: str, std: float, seed: int) -> list[float]:
    """Norms of dL/dz_l, the gradient reaching layer l's pre-activations, for l = 1..depth,
    where L = mean over the batch of r . h_depth for a fixed random r."""
    import numpy as np

    rng = np.random.default_rng(seed)
    h = rng.standard_normal((BATCH, width))
    weights = [rng.standard_normal((width, width)) * std for _ in range(depth)]
    slopes = []
    with np.errstate(all="ignore"):
        for w in weights:
            h, slope = _activation(activation, h @ w)
            slopes.append(slope)
        grad = rng.standard_normal((BATCH, width)) / BATCH
        norms = [0.0] * depth
        for layer in reversed(range(depth)):
            dz = grad * slopes[layer]
            norms[layer] = float(np.linalg.norm(dz))
            grad = dz @ weights[layer].T
    return [n if math.isfinite(n) else math.inf for n in norms]


class LayersScene(Scene):
    """One frame per layer reached by the backward pass (last layer first)."""

    type_name = "layers"
    default_fps = 4

    @property
    def frame_count(self) -> int:
        return self.depth

    def _prepare(self) -> None:
        p = self.params
        self.depth = ex.integer(p.depth, "depth", 1, 50)
        width = ex.integer(p.width, "width", 2, 256)
        scale = ex.number(p.weight_scale, "weight_scale")
        if scale <= 0:
            raise SceneError(f"weight_scale: {scale:g} must be positive", "Use a scale such as 1.")
        self.std = _STD[p.init](width) * scale
        self.norms = gradient_norms(self.depth, width, p.activation, self.std, p.seed)

    def _data(self, frame: int) -> dict[str, Any]:
        first = self.depth - 1 - frame
        return {
            "reached": list(range(first + 1, self.depth + 1)),
            "norms": self.norms[first:],
            "all_norms": list(self.norms),
            "ratio": self.ratio(),
            "std": self.std,
        }

    def ratio(self) -> float:
        """First layer's gradient norm over the last layer's (0 when no gradient reaches the
        last layer, as in a dead ReLU network: then none reaches layer 1 either)."""
        last = self.norms[-1]
        return self.norms[0] / last if last > 0 else 0.0

    def verdict(self) -> str:
        """What happens to the gradient on its way back to layer 1, judged by `ratio`:
        vanishes (< 0.1x), shrinks (< 0.5x), stays about the same size (0.5x-2x), grows
        (up to 10x) or explodes (> 10x)."""
        ratio = self.ratio()
        if math.isnan(ratio) or math.inf in self.norms:
            return "explodes"
        return next(words for bound, words in _VERDICTS if ratio < bound)

    def _describe(self, frame: int) -> str:
        layer = self.depth - frame
        text = f"Backward pass at layer {layer} of {self.depth}: gradient norm |∂L/∂z| {num(self.norms[layer - 1])}."
        if frame == self.last_frame and self.depth > 1:
            text += (
                f" Layer 1 gets {num(self.ratio())} times layer {self.depth}'s gradient{_factor(self.ratio())}: "
                f"with {self._setting()} the gradient {self.verdict()}."
            )
        return text

    def _setting(self) -> str:
        """The activation and initialisation in words, with a weight scale other than 1."""
        p = self.params
        text = f"{p.activation} and {_INIT_NAMES[p.init]} initialisation"
        scale = ex.number(p.weight_scale, "weight_scale")
        return text if scale == 1 else f"{text} × {num(scale)}"

    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        floor, top = self._scale()
        first = self.depth - 1 - frame
        half = BAR_WIDTH / 2
        plot = Plot(
            width, height, color=color, xlim=(1 - half, self.depth + half), ylim=(0, top - floor)
        )
        setting = f"{self.params.activation}, {self.params.init}"
        plot.title(f"{setting}: |∂L/∂z| per layer (log scale)", compact=f"{setting}: |∂L/∂z| (log)")
        plot.backdrop(self.still_key(), self._draw_axes)
        for i, value in enumerate(self._logs()[first:], start=first):
            plot.bar(i + 1, value - floor, color="magenta+")
        return plot.build()

    def _logs(self) -> list[float]:
        """log10 of each layer's gradient norm (±300 standing in for 0 and overflow)."""
        return [
            math.log10(n) if 0 < n < math.inf else (300.0 if n == math.inf else -300.0)
            for n in self.norms
        ]

    def _scale(self) -> tuple[int, float]:
        """The bars' floor and top on the log scale, the same for every frame."""
        logs = self._logs()
        floor = math.floor(min(max(v, -300) for v in logs)) - 1
        return floor, math.ceil(max(min(v, 300) for v in logs)) + 0.5

    def _draw_axes(self, plot: Plot) -> None:
        """What every frame shares: the layer numbers, empty bars and the exponent ticks."""
        floor, top = self._scale()
        labels = [str(i + 1) for i in range(self.depth)]
        plot.bars(labels, [0.0] * self.depth, color="magenta+")
        ticks = _exponent_ticks(floor, top, max(2, (plot.height - 4) // 2))
        plot.yticks([t - floor for t in ticks], [f"1e{t}" for t in ticks])


def _factor(ratio: float) -> str:
    """The words " (about 18x smaller)" for a ratio written as a decimal, so a shrinking gradient reads
    as shrinking at once (a large ratio or one in scientific notation says it already)."""
    if not 1e-3 <= ratio < 0.5:
        return ""
    return f" (about {num(1 / ratio, 2)}x smaller)"


def _exponent_ticks(floor: int, top: float, count: int) -> list[int]:
    """Whole powers of ten between floor and top, at most `count` of them, evenly spread."""
    exponents = list(range(floor, math.floor(top) + 1))
    stride = max(1, math.ceil(len(exponents) / count))
    return exponents[::stride]
