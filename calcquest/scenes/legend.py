"""Where a plot's legend goes: in the canvas' top-left corner while it covers little of it,
else on rows of its own under the plot.

plotext writes its legend over the plotting area, one entry per row. In a roomy window that
costs a corner; in the game's side panel (a canvas of four or five rows) three entries cover
most of the left half, exactly where curves such as y = 3e^(kt) start. So a legend that would
cover more than a small share of the canvas moves below the x axis, entries side by side, each
still shown with its markers ("⢕⢕ k = −2   •• k = −0.5"), so curves stay told apart by marker
and label, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from calcquest.scenes.textfit import RESET, ellipsized, visible_width

#: (label, legend marker, ANSI colour prefix or "") of one legend entry.
Entry = tuple[str, str, str]
#: A recorded plot part: (plotext function, its arguments, its keywords).
Op = tuple[str, tuple, dict[str, Any]]
#: How plotext shows its high-definition markers in a legend.
MARKERS = {"braille": "⢕", "hd": "▞", "fhd": "🬗"}
#: The largest share of the canvas' cells a legend may cover and stay inside it.
MAX_SHARE = 0.1
#: Canvas rows each entry inside the canvas needs: one for itself, two for the curves.
ROWS_PER_ENTRY = 3
#: Rows plotext spends outside the canvas: its frame's top and bottom, the x tick labels.
_FRAME_ROWS = 3
#: Columns left of the canvas for the y tick labels and the frame (a typical figure).
_FRAME_COLUMNS = 7
#: Between two entries on a row below the plot.
_GAP = "   "


def entries(ops: Iterable[Op], prefix: Callable[[str | None], str]) -> list[Entry]:
    """The legend entries of recorded parts, in order; `prefix` gives a colour's ANSI codes."""
    return [
        (kw["label"], MARKERS.get(kw["marker"], kw["marker"]), prefix(kw.get("color")))
        for _, _, kw in ops
        if kw.get("label") is not None
    ]


def unlabelled(ops: Iterable[Op]) -> list[Op]:
    """The parts without their legend labels (drawn with no legend in the canvas)."""
    return [(name, args, {**kw, "label": None} if "label" in kw else kw) for name, args, kw in ops]


def crowds(entries: Sequence[Entry], width: int, height: int, titled: bool) -> bool:
    """True when plotext's legend would cover too much of a width x height figure's canvas."""
    if not entries:
        return False
    rows = height - _FRAME_ROWS - (1 if titled else 0)
    columns = width - _FRAME_COLUMNS
    if rows <= 0 or columns <= 0:
        return True
    longest = max(visible_width(label) for label, _, _ in entries) + 4  # " mm label"
    covered = len(entries) * min(longest, columns)
    return len(entries) * ROWS_PER_ENTRY > rows or covered > MAX_SHARE * rows * columns


def rows_below(entries: Sequence[Entry], width: int) -> list[str]:
    """The entries packed side by side into as few rows of `width` cells as they fit in,
    each as two markers and its label (a label too long for a row is shortened)."""
    rows: list[str] = []
    row, used = "", 0
    for label, marker, prefix in entries:
        text = ellipsized(label, max(width - 4, 1))
        cells = 3 + visible_width(text)
        if row and used + len(_GAP) + cells > width - 1:
            rows.append(row)
            row, used = "", 0
        markers = f"{prefix}{marker * 2}{RESET}" if prefix else marker * 2
        row += (_GAP if row else " ") + f"{markers} {text}"
        used += (len(_GAP) if used else 1) + cells
    return [*rows, row] if row else rows


def fits_below(rows: Sequence[str], height: int) -> bool:
    """True when the rows leave the plot most of its height (at most a quarter, one row at
    the least); otherwise the legend stays inside, as plotext draws it."""
    return 0 < len(rows) <= max(1, height // 4)
