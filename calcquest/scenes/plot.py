"""The one place calcquest calls plotext (pinned to 5.x): a small recording adapter.

Scenes describe a figure with `Plot` (lines, points, filled areas, text, bars, limits); `build`
replays it into plotext under a lock, because plotext keeps one global figure and the UI draws
ahead from a worker thread. Lines are clipped to the visible box first (see geometry.py), and
colours are dropped entirely when colour is off, so NO_COLOR output has no escape codes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from calcquest.scenes.geometry import Box, clip_polyline, points_inside

_PLOTEXT_LOCK = threading.Lock()

#: Series colours in order (16-colour names, so they work over ssh); markers differ as well.
PALETTE = ("blue+", "red+", "green+", "magenta+", "cyan+", "yellow+")
#: Line markers in series order: colour is never the only way to tell curves apart.
LINE_MARKERS = ("braille", "•", "+", "x", "*", "o")


def _thinned(xs: Sequence[float], ys: Sequence[float], most: int) -> tuple[list, list]:
    """Every k-th point (always keeping the last) so that at most about `most` remain."""
    xs, ys = list(xs), list(ys)
    stride = -(-len(xs) // max(most, 2))
    if stride <= 1:
        return xs, ys
    keep = list(range(0, len(xs), stride))
    if keep[-1] != len(xs) - 1:
        keep.append(len(xs) - 1)
    return [xs[i] for i in keep], [ys[i] for i in keep]


class Plot:
    """A figure under construction; nothing touches plotext until `build`."""

    def __init__(
        self,
        width: int,
        height: int,
        *,
        color: bool,
        xlim: tuple[float, float] | None = None,
        ylim: tuple[float, float] | None = None,
    ) -> None:
        self.width = width
        self.height = height
        self.color = color
        self.xlim = xlim
        self.ylim = ylim
        self._ops: list[tuple[Callable[..., Any], tuple, dict]] = []
        self._title: str | None = None

    @property
    def box(self) -> Box | None:
        """The visible data box, when both limits are set."""
        if self.xlim is None or self.ylim is None:
            return None
        return (*self.xlim, *self.ylim)

    def _record(self, name: str, *args: Any, **kwargs: Any) -> None:
        if not self.color or kwargs.get("color") is None:
            kwargs.pop("color", None)
        self._ops.append((name, args, kwargs))  # type: ignore[arg-type]

    def line(
        self,
        xs: Sequence[float],
        ys: Sequence[float],
        *,
        marker: str = "braille",
        color: str | None = None,
        label: str | None = None,
    ) -> None:
        """A polyline, clipped to the box; the label goes in the legend once. Long polylines
        are thinned to about three points per column first: plotext's cost grows with points."""
        xs, ys = _thinned(xs, ys, 3 * self.width)
        pieces = clip_polyline(xs, ys, self.box) if self.box else [(list(xs), list(ys))]
        for px, py in pieces:
            if len(px) == 1:
                self._record("scatter", px, py, marker=marker, color=color, label=label)
            else:
                self._record("plot", px, py, marker=marker, color=color, label=label)
            label = None
        if label is not None:  # nothing visible: keep the legend entry honest but harmless
            self._legend_only(marker, color, label)

    def _legend_only(self, marker: str, color: str | None, label: str) -> None:
        if self.box:
            xlo, _, ylo, _ = self.box
            self._record("scatter", [xlo], [ylo], marker=" ", color=color, label=label)

    def points(
        self,
        xs: Sequence[float],
        ys: Sequence[float],
        *,
        marker: str = "●",
        color: str | None = None,
        label: str | None = None,
    ) -> None:
        """Single markers; points outside the box are left out."""
        px, py = points_inside(xs, ys, self.box) if self.box else (list(xs), list(ys))
        if px:
            self._record("scatter", px, py, marker=marker, color=color, label=label)
        elif label is not None:
            self._legend_only(marker, color, label)

    def area(
        self,
        xs: Sequence[float],
        ys: Sequence[float],
        *,
        marker: str = "░",
        color: str | None = None,
        label: str | None = None,
    ) -> None:
        """The region between a curve and y = 0, filled with `marker` (values kept in the box)."""
        if self.box:
            xlo, xhi, ylo, yhi = self.box
            kept = [
                (x, min(max(y, ylo), yhi))
                for x, y in zip(xs, ys, strict=False)
                if xlo <= x <= xhi and y == y
            ]
            xs, ys = [k[0] for k in kept], [k[1] for k in kept]
        if xs:
            self._record(
                "plot", list(xs), list(ys), marker=marker, color=color, label=label, fillx=True
            )

    def text(self, label: str, x: float, y: float, *, color: str | None = None) -> None:
        """A short label at a data position (left out when outside the box)."""
        if self.box is None or points_inside([x], [y], self.box)[0]:
            self._record("text", label, x, y, color=color)

    def vline(self, x: float, *, color: str | None = None) -> None:
        """A vertical rule across the plot (e.g. marking x0)."""
        self._record("vline", x, color=color)

    def hline(self, y: float, *, color: str | None = None) -> None:
        """A horizontal rule across the plot (e.g. y = 0)."""
        self._record("hline", y, color=color)

    def bars(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        *,
        color: str | None = None,
        marker: str = "█",
    ) -> None:
        """Vertical bars over category labels."""
        self._record("bar", list(labels), list(values), color=color, marker=marker)

    def yticks(self, values: Sequence[float], labels: Sequence[str]) -> None:
        """Custom tick labels on the y axis (e.g. 1e-6 on a log scale)."""
        self._record("yticks", list(values), list(labels))

    def title(self, text: str) -> None:
        """A one-line caption above the plot."""
        self._title = text

    def build(self) -> str:
        """The finished figure as text (ANSI codes only when colour is on)."""
        import plotext as plt

        with _PLOTEXT_LOCK:
            plt.clf()
            plt.plotsize(self.width, self.height)
            plt.theme("clear")
            for name, args, kwargs in self._ops:
                getattr(plt, name)(*args, **kwargs)
            if self.xlim:
                plt.xlim(*self.xlim)
            if self.ylim:
                plt.ylim(*self.ylim)
            if self._title:
                plt.title(self._title)
            return plt.build()
