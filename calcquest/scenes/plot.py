"""The one place calcquest calls plotext (pinned to 5.x): a small recording adapter.

Scenes describe a figure with `Plot` (lines, points, filled areas, text, bars, limits); `build`
replays it into plotext under a lock, because plotext keeps one global figure and the UI draws
ahead from a worker thread. Lines are clipped to the visible box first (see geometry.py), and
colours are dropped entirely when colour is off, so NO_COLOR output has no escape codes.

plotext 5 drops duplicate ticks and points with `list(set(...))`, whose order follows Python's
per-process string hash seed, so which tick labels survive a crowded axis (a bar chart's layer
numbers) changed from one process to the next. `_deterministic` swaps in an order-keeping
version before the first build, so a drawing depends only on its figure.

plotext maps a value to a character row by the row centres but to a braille dot row across
the whole canvas height, so near the top a braille curve sat up to a row above a character
marker with the same value (sin(x)/x looked above its bound y = 1). Braille series are moved
onto the character rows before drawing (`_rows_of_cells`), so every marker, area and tick
label agrees on where a value is.

An animated scene marks the part of its figure that every frame shares with `backdrop`: that
part goes through plotext once per size and is cached, and each frame draws only its moving
markers over it (overlay.py), a fraction of a millisecond instead of a full plotext build.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from calcquest.scenes import legend, overlay
from calcquest.scenes.base import FrameCache
from calcquest.scenes.geometry import Box, clip_polyline, points_inside
from calcquest.scenes.sampling import thinned

_PLOTEXT_LOCK = threading.Lock()

#: Series colours in order (16-colour names, so they work over ssh); markers differ as well.
PALETTE = ("blue+", "red+", "green+", "magenta+", "cyan+", "yellow+")
#: Line markers in series order: colour is never the only way to tell curves apart.
LINE_MARKERS = ("braille", "•", "+", "x", "*", "o")
#: The width of plotext's bars, in units of the distance between two bars.
BAR_WIDTH = 4 / 5
#: Backdrops kept (scene contents x sizes x colour modes seen recently).
BACKDROPS_KEPT = 24

_Op = tuple[str, tuple, dict]
#: Backdrops drawn by plotext and parsed into cells, with their recorded parts.
_BACKDROPS = FrameCache(BACKDROPS_KEPT)
#: Backdrops' recorded parts alone (where the legend goes depends on their labels).
_STILLS = FrameCache(BACKDROPS_KEPT)


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
        self._ops: list[_Op] = []
        self._title: str | None = None
        self._compact: str | None = None
        self._backdrop: tuple[Hashable, Callable[[Plot], None], int] | None = None
        self._legend_inside = True

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
        xs, ys = thinned(xs, ys, 3 * self.width)
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

    def bar(self, x: float, height: float, *, color: str | None = None, marker: str = "█") -> None:
        """One bar at `x`, as `bars` draws each (4/5 wide, filled), for figures that redraw
        a single bar over a backdrop."""
        half = BAR_WIDTH / 2
        xs, ys = [x - half, x - half, x + half, x + half, x - half], [0, height, height, 0, 0]
        self._record("plot", xs, ys, marker=marker, color=color, fillx="internal")

    def yticks(self, values: Sequence[float], labels: Sequence[str]) -> None:
        """Custom tick labels on the y axis (e.g. 1e-6 on a log scale)."""
        self._record("yticks", list(values), list(labels))

    def title(self, text: str, compact: str | None = None) -> None:
        """A one-line caption above the plot; `compact` is a shorter form for narrow windows
        (a title that still does not fit is cut with an ellipsis, never left out)."""
        self._title = text
        self._compact = compact

    def backdrop(self, key: Hashable, draw: Callable[[Plot], None]) -> None:
        """Mark the still part of an animated figure: `draw(plot)` adds it to a fresh Plot
        of this size and limits, only when no backdrop is cached under `key` (which must name
        everything it depends on). Parts added before this call are drawn under it (as an
        area under a curve), parts added after it over it."""
        self._backdrop = (key, draw, len(self._ops))

    def build(self) -> str:
        """The finished figure as text (ANSI codes only when colour is on). A legend that
        would hide drawn cells, or cover too much of a small canvas, goes on rows of its own
        under the plot."""
        below = self._legend_rows()
        full_height = self.height
        self.height -= len(below)
        self._legend_inside = not below
        try:
            text = self._figure()
        finally:
            self.height, self._legend_inside = full_height, True
        if not below:
            return text
        return "\n".join([*text.split("\n")[: full_height - len(below)], *below])

    def _legend_rows(self) -> list[str]:
        """The legend as rows under the plot when, in the canvas, it would crowd it or hide
        what is drawn there; [] to keep it inside (see legend.py)."""
        split = self._backdrop[2] if self._backdrop else len(self._ops)
        entries = legend.entries(
            [*self._ops[:split], *self._still_ops(), *self._ops[split:]], _prefix
        )
        if not entries:
            return []
        rows = legend.rows_below(entries, self.width)
        if not legend.fits_below(rows, self.height):
            return []
        crowded = legend.crowds(entries, self.width, self.height, bool(self._title))
        return rows if crowded or self._legend_hides_drawing(entries) else []

    def _legend_hides_drawing(self, entries: list[legend.Entry]) -> bool:
        """True when the legend's corner of the canvas holds drawn cells: of the still part
        for an animated figure (so the legend stays put from frame to frame), of the whole
        figure otherwise (a still picture)."""
        if self._backdrop is not None:
            drawn = self._cached_backdrop(self._backdrop[0])[0]
        else:
            self._legend_inside = False
            try:
                text = self._plotext(self._ops, self._title)
            finally:
                self._legend_inside = True
            drawn = overlay.parse_backdrop(text, self.width, self.height)
        return drawn is not None and overlay.legend_covers(drawn, [e[0] for e in entries])

    def _figure(self) -> str:
        """The plot itself: all by plotext, or this frame's parts over a cached backdrop."""
        if self._backdrop is None:
            return self._plotext(self._ops, self._title)
        key, draw, split = self._backdrop
        backdrop, still = self._cached_backdrop(key)
        under, over = self._ops[:split], self._ops[split:]
        exact = all(map(_overlayable, under + over)) and all(op[0] != "text" for op in still)
        if backdrop is None or self.box is None or not exact:  # plotext draws it all
            return self._plotext(under + still + over, self._title)
        return self._overlaid(backdrop, under, still, over)

    def _still_ops(self) -> list[_Op]:
        """The backdrop's parts as recorded at this size (kept, as the drawn backdrops are,
        so deciding where the legend goes costs no drawing per frame)."""
        if self._backdrop is None:
            return []
        key, draw, _ = self._backdrop
        full = (key, self.width, self.height, self.color, self.xlim, self.ylim)
        ops = _STILLS.get(full)
        if ops is None:
            still = Plot(self.width, self.height, color=self.color, xlim=self.xlim, ylim=self.ylim)
            draw(still)
            ops = still._ops
            _STILLS.put(full, ops)
        return ops

    def _cached_backdrop(self, key: Hashable) -> tuple[overlay.Backdrop | None, list[_Op]]:
        """The still part drawn by plotext (without legend, with a blank title row if this
        figure has a title), parsed into cells, and its recorded parts."""
        full = (key, self.width, self.height, self.color, self.xlim, self.ylim, bool(self._title))
        entry = _BACKDROPS.get(full)
        if entry is None:
            still = self._still_ops()
            placeholder = overlay.TITLE_PLACEHOLDER if self._title else None
            text = self._plotext(legend.unlabelled(still), placeholder)
            entry = (overlay.parse_backdrop(text, self.width, self.height), still)
            _BACKDROPS.put(full, entry)
        return entry

    def _overlaid(
        self, backdrop: overlay.Backdrop, under: list[_Op], still: list[_Op], over: list[_Op]
    ) -> str:
        """This frame's own parts, legend and title drawn on a copy of the backdrop."""
        sheet = overlay.Sheet(backdrop)
        for ops, below in ((under, True), (over, False)):
            for op in ops:
                overlay.draw(sheet, self._signal(op), self.box, under=below)
        if self._legend_inside:
            overlay.legend(sheet, legend.entries(under + still + over, _prefix))
        if self._title:
            overlay.title(sheet, self._title, self._compact)
        return sheet.text()

    def _braille_on_rows(self, ops: list[_Op], titled: bool) -> list[_Op]:
        """Braille series placed on the rows where character markers and the y tick labels
        put the same values (see `_rows_of_cells`), so a curve reaching 1 meets a `+` line
        at y = 1 instead of passing a row above it."""
        rows = self.height - 3 - (1 if titled else 0)  # the frame, x labels and title rows
        if self.ylim is None or rows < 2 or self.ylim[1] <= self.ylim[0]:
            return ops
        lo, hi = self.ylim
        return [
            (name, (xs, _rows_of_cells(ys, lo, hi, rows), *rest), kw)
            if kw.get("marker") == "braille" and name in ("plot", "scatter")
            else (name, (xs, ys, *rest), kw)
            for name, (xs, ys, *rest), kw in ops
        ]

    @staticmethod
    def _signal(op: _Op) -> overlay.Signal:
        name, (xs, ys), kw = op
        fill = {True: "zero", "internal": "internal"}.get(kw.get("fillx"))
        return overlay.Signal(xs, ys, kw["marker"], _prefix(kw.get("color")), name == "plot", fill)

    def _plotext(self, ops: list[_Op], title: str | None) -> str:
        """The figure drawn by plotext itself."""
        import plotext as plt

        if not self._legend_inside:
            ops = legend.unlabelled(ops)
        ops = self._braille_on_rows(ops, bool(title))
        with _PLOTEXT_LOCK:
            _deterministic()
            plt.clf()
            plt.limitsize(False, False)  # the size asked for, whatever this process's terminal
            plt.plotsize(self.width, self.height)
            plt.theme("clear")
            for name, args, kwargs in ops:
                getattr(plt, name)(*args, **kwargs)
            if self.xlim:
                plt.xlim(*self.xlim)
            if self.ylim:
                plt.ylim(*self.ylim)
            if title:
                plt.title(overlay.TITLE_PLACEHOLDER)
            text = plt.build()
        if title and title != overlay.TITLE_PLACEHOLDER:
            return overlay.retitled(text, title, self._compact)
        return text


def _rows_of_cells(ys: Sequence[float], lo: float, hi: float, rows: int) -> list[float]:
    """Values moved so that plotext's braille mapping puts each in the canvas row its
    character mapping (and the tick labels) would: braille spreads lo..hi over the 4R dot
    rows edge to edge, characters over the R cell centres."""
    span, dots = hi - lo, 4 * rows - 1
    return [
        y if y is None or y != y else lo + span * (1.5 + 4 * (rows - 1) * (y - lo) / span) / dots
        for y in ys
    ]


def _first_of_each(data: Iterable[Hashable]) -> list:
    """The items without repeats, in their first-seen order (plotext's own helper iterates a
    set, so its order changed with PYTHONHASHSEED)."""
    return list(dict.fromkeys(data))


@lru_cache(maxsize=1)
def _deterministic() -> None:
    """Make plotext's duplicate removal keep order (once per process). Every plotext module
    reaches the helper through the `_utility` module, so replacing it there covers ticks,
    points and style codes alike."""
    import plotext._utility as utility

    utility.no_duplicates = _first_of_each


def _overlayable(op: _Op) -> bool:
    """True for the parts overlay.py draws exactly as plotext: lines, points and filled
    areas with a one-character marker."""
    name, _, kw = op
    marker = kw.get("marker", "")
    return name in ("plot", "scatter") and len(marker) == 1 and not kw.get("filly")


@lru_cache(maxsize=64)
def _prefix(color: str | None) -> str:
    """The ANSI codes plotext puts before a character of this colour ("" for none)."""
    if color is None:
        return ""
    import plotext as plt

    return plt.colorize("X", color).split("X")[0]
