"""A frame's moving parts drawn over a cached backdrop, cell for cell as plotext would.

Most animated scenes redraw the same still picture every frame (the loss curve, the contour
rings, the exact solution) and move a few markers over it; rebuilding the whole figure in
plotext costs about 4 ms a frame. Instead plotext draws the still part once per size (the
backdrop, see `Plot.backdrop`), it is parsed into cells here, and each frame places only its
markers, lines, filled areas, legend and title on a copy. The placing follows plotext 5's own
rules (data to cell, the steps of a line, fills down to y = 0, the legend's layout, the
title's centring), so the picture is the one plotext would have drawn; a test compares the two
for every scene. Titles are ours on both paths: a title too long for the line is shortened
(`textfit.place_title`) where plotext would leave it out. Nothing here imports plotext: colours arrive as ANSI
prefixes from plot.py.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from calcquest.scenes.textfit import ANSI_PATTERN, RESET, place_title, strip_ansi, visible_width

#: One terminal cell: its character and the ANSI codes in force ("" when plain).
Cell = tuple[str, str]


@dataclass(frozen=True)
class Backdrop:
    """The still picture as cells, and where its canvas (the plotting area) lies."""

    rows: tuple[tuple[Cell, ...], ...]
    left: int
    """Text column of the canvas' first column."""
    bottom: int
    """Text row of the canvas' lowest row (plotext counts canvas rows upwards)."""
    width: int
    height: int
    columns: int
    """How wide plotext drew the figure (it may draw narrower than asked)."""


@dataclass(frozen=True)
class Signal:
    """One plotted series in canvas terms: points, one marker, its colour prefix."""

    xs: Sequence[float]
    ys: Sequence[float]
    marker: str
    prefix: str = ""
    lines: bool = False
    fill: str | None = None
    """None, "zero" (down to y = 0, an area) or "internal" (within each column, a bar)."""
    label: str | None = None


def parse_backdrop(text: str, width: int, height: int) -> Backdrop | None:
    """The cells of a plotext figure and its canvas box; None when there is no box."""
    lines = text.split("\n")[:height]
    columns = max((len(ANSI_PATTERN.sub("", line)) for line in lines), default=0)
    rows = [_cells(line, width) for line in lines]
    rows += [[(" ", "")] * width for _ in range(height - len(rows))]
    top = next((r for r, row in enumerate(rows) if any(c == "┌" for c, _ in row)), None)
    if top is None:
        return None
    chars = [c for c, _ in rows[top]]
    left = chars.index("┌")
    right = chars.index("┐", left) if "┐" in chars[left:] else -1
    low = next((r for r in range(top + 1, height) if rows[r][left][0] == "└"), None)
    if right < 0 or low is None or right - left < 2 or low - top < 2:
        return None
    frozen = tuple(tuple(row) for row in rows)
    return Backdrop(frozen, left + 1, low - 1, right - left - 1, low - top - 1, columns)


def _cells(line: str, width: int) -> list[Cell]:
    """One line of text as exactly `width` cells, each with the codes in force."""
    cells: list[Cell] = []
    prefix, position = "", 0
    for match in ANSI_PATTERN.finditer(line):
        cells += [(char, prefix) for char in line[position : match.start()]]
        code = match.group()
        prefix = "" if code == RESET else prefix + code
        position = match.end()
    cells += [(char, prefix) for char in line[position:]]
    return (cells + [(" ", "")] * width)[:width]


class Sheet:
    """A copy of a backdrop being drawn on, in canvas coordinates (column, row from below)."""

    def __init__(self, backdrop: Backdrop) -> None:
        self.backdrop = backdrop
        self.rows = [list(row) for row in backdrop.rows]

    def put(self, col: int, row: int, char: str, prefix: str, *, under: bool = False) -> None:
        """Set one canvas cell; `under` leaves cells the backdrop has drawn on alone."""
        b = self.backdrop
        if not (0 <= col < b.width and 0 <= row < b.height):
            return
        r, c = b.bottom - row, b.left + col
        if not under or b.rows[r][c][0] == " ":
            self.rows[r][c] = (char, prefix)

    def write(self, row: int, col: int, text: str, prefix: str = "") -> None:
        """Text from a canvas cell rightwards (legend labels), clipped to the sheet."""
        r = self.backdrop.bottom - row
        for i, char in enumerate(text):
            c = self.backdrop.left + col + i
            if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
                self.rows[r][c] = (char, prefix)

    def text(self) -> str:
        """The sheet as lines of text, one ANSI prefix per run of a colour."""
        return "\n".join(_line(row) for row in self.rows)


def _line(row: list[Cell]) -> str:
    parts: list[str] = []
    current = ""
    for char, prefix in row:
        if prefix != current:
            parts.append(RESET if current else "")
            parts.append(prefix)
            current = prefix
        parts.append(char)
    if current:
        parts.append(RESET)
    return "".join(parts)


def cells_of(values: Iterable[float], lo: float, hi: float, bins: int) -> list[int]:
    """plotext's data-to-cell mapping: floor(0.5 + (bins - 1) * (v - lo) / (hi - lo))."""
    scale = (bins - 1) / (hi - lo)
    return [math.floor(round(0.5 + scale * (v - lo), 8)) for v in values]


def _joined(xs: list[int], ys: list[int]) -> set[tuple[int, int]]:
    """The cells of plotext's straight steps from each point to the next."""
    found = set(zip(xs, ys, strict=False))
    for x0, y0, x1, y1 in zip(xs, ys, xs[1:], ys[1:], strict=False):
        count = max(abs(x1 - x0), abs(y1 - y0)) + 1
        if count > 1:
            sx, sy = (x1 - x0) / (count - 1), (y1 - y0) / (count - 1)
            found.update((int(x0 + k * sx), int(y0 + k * sy)) for k in range(count))
    return found


def _filled(points: set[tuple[int, int]], level: int) -> set[tuple[int, int]]:
    """plotext's fill: each point's column from the point down (or up) to `level`."""
    found: set[tuple[int, int]] = set()
    for x, y in points:
        span = range(level, y + 1) if level < y else range(y, level) if level > y else [level]
        found.update((x, row) for row in span)
    return found


def _filled_inside(points: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """plotext's "internal" fill (bars): each column from its lowest point to its highest."""
    low: dict[int, int] = {}
    high: dict[int, int] = {}
    for x, y in points:
        low[x], high[x] = min(low.get(x, y), y), max(high.get(x, y), y)
    return {(x, row) for x in low for row in range(low[x], high[x] + 1)}


def draw(sheet: Sheet, signal: Signal, box: tuple[float, ...], *, under: bool = False) -> None:
    """One series onto the sheet, as plotext places a non-braille marker."""
    xlo, xhi, ylo, yhi = box
    width, height = sheet.backdrop.width, sheet.backdrop.height
    xs = cells_of(signal.xs, xlo, xhi, width)
    ys = cells_of(signal.ys, ylo, yhi, height)
    points = _joined(xs, ys) if signal.lines else set(zip(xs, ys, strict=False))
    if signal.fill == "zero":
        level = cells_of([min(max(0.0, ylo), yhi)], ylo, yhi, height)[0]
        points = _filled(points, level)
    elif signal.fill == "internal":
        points = _filled_inside(points)
    for x, y in points:
        sheet.put(x, y, signal.marker, signal.prefix, under=under)


def legend(sheet: Sheet, entries: Sequence[tuple[str, str, str]]) -> None:
    """plotext's legend at the canvas' top left: for each (label, marker, prefix) a blank,
    two markers and the label, when it fits."""
    labels = [f" {label} " for label, _, _ in entries]
    longest = max((len(label) for label in labels), default=0)
    b = sheet.backdrop
    if not entries or b.width < 3 + longest or b.height < len(entries):
        return
    for s, ((_, marker, prefix), label) in enumerate(zip(entries, labels, strict=True)):
        row = b.height - 1 - s
        sheet.write(row, 0, " ")
        sheet.write(row, 1, marker * 2, prefix)
        sheet.write(row, 3, label.ljust(longest))


def legend_covers(backdrop: Backdrop, labels: Sequence[str]) -> bool:
    """True when plotext's legend for these labels (see `legend`) would be written over
    cells the figure has drawn on."""
    if not labels:
        return False
    width = min(3 + max(len(f" {label} ") for label in labels), backdrop.width)
    for s in range(min(len(labels), backdrop.height)):
        r = backdrop.bottom - (backdrop.height - 1 - s)
        cells = backdrop.rows[r][backdrop.left : backdrop.left + width]
        if any(char not in (" ", "") for char, _ in cells):
            return True
    return False


#: What the backdrop's title row holds, so that plotext keeps the row (it drops blank titles).
TITLE_PLACEHOLDER = "~"


def title(sheet: Sheet, text: str, compact: str | None = None) -> None:
    """The title centred over the canvas on the row above it (the placeholder cleared), as
    plotext centres it; a title too long for the line is shortened (see `place_title`)
    where plotext would leave it out."""
    b = sheet.backdrop
    row = b.bottom - b.height - 1
    if row < 0:
        return
    sheet.rows[row] = [(" ", "")] * len(sheet.rows[row])
    columns = min(b.columns, len(sheet.rows[row]))
    col, text = place_title(text, b.left + b.width // 2, columns, compact)
    for i, char in enumerate(text):
        sheet.rows[row][col + i] = (char, "")


def retitled(text: str, title: str, compact: str | None = None) -> str:
    """A figure plotext drew with the placeholder title, with `title` written on that row
    as `title` writes it over a backdrop (so both paths draw the same picture)."""
    lines = text.split("\n")
    centre = strip_ansi(lines[0]).find(TITLE_PLACEHOLDER)
    if centre < 0:
        return text
    columns = max(visible_width(line) for line in lines)
    col, title = place_title(title, centre, columns, compact)
    lines[0] = " " * col + title + " " * (columns - col - visible_width(title))
    return "\n".join(lines)
