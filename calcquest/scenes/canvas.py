"""A character canvas for the text-drawn scenes: box-drawing lines that join up by themselves.

Lines are recorded as direction bits per cell (up, down, left, right); when the canvas is
turned into text each cell becomes the matching box-drawing character, so crossings become
┼ and merges ├ ┤ ┬ ┴ without the caller planning them. Text written later covers lines.
"""

from __future__ import annotations

from calcquest.scenes.textfit import RESET

UP, DOWN, LEFT, RIGHT = 1, 2, 4, 8
_JOINS = {
    UP | DOWN: "│", LEFT | RIGHT: "─", UP: "│", DOWN: "│", LEFT: "─", RIGHT: "─",
    DOWN | RIGHT: "┌", DOWN | LEFT: "┐", UP | RIGHT: "└", UP | LEFT: "┘",
    UP | DOWN | RIGHT: "├", UP | DOWN | LEFT: "┤", LEFT | RIGHT | DOWN: "┬",
    LEFT | RIGHT | UP: "┴", UP | DOWN | LEFT | RIGHT: "┼",
}  # fmt: skip

#: Styles by name, as ANSI codes (used only when colour is on).
STYLES = {
    "edge": "\x1b[2m",
    "value": "\x1b[36m",
    "grad": "\x1b[33;1m",
    "active": "\x1b[35;1m",
    "title": "\x1b[1m",
}


class Canvas:
    """width x height cells of text and line bits, each with an optional style name."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.chars = [[" "] * width for _ in range(height)]
        self.bits = [[0] * width for _ in range(height)]
        self.styles: list[list[str | None]] = [[None] * width for _ in range(height)]

    def _inside(self, x: int, y: int) -> bool:
        return 0 <= x < self.width and 0 <= y < self.height

    def text(self, x: int, y: int, text: str, style: str | None = None) -> None:
        """Write text from (x, y) rightwards, covering any lines there."""
        for i, char in enumerate(text):
            if self._inside(x + i, y):
                self.chars[y][x + i] = char
                self.bits[y][x + i] = 0
                self.styles[y][x + i] = style

    def _bit(self, x: int, y: int, bit: int, style: str | None) -> None:
        if self._inside(x, y) and self.chars[y][x] == " ":
            self.bits[y][x] |= bit
            self.styles[y][x] = self.styles[y][x] or style

    def hline(self, x0: int, x1: int, y: int, style: str | None = "edge") -> None:
        """A horizontal line between two cells (inclusive), joining neighbours."""
        lo, hi = sorted((x0, x1))
        for x in range(lo, hi + 1):
            self._bit(x, y, (LEFT if x > lo else 0) | (RIGHT if x < hi else 0), style)

    def vline(self, x: int, y0: int, y1: int, style: str | None = "edge") -> None:
        """A vertical line between two cells (inclusive), joining neighbours."""
        lo, hi = sorted((y0, y1))
        for y in range(lo, hi + 1):
            self._bit(x, y, (UP if y > lo else 0) | (DOWN if y < hi else 0), style)

    def path(self, points: list[tuple[int, int]], style: str | None = "edge") -> None:
        """A polyline of horizontal and vertical runs through the given corner points."""
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            if y0 == y1:
                self.hline(x0, x1, y0, style)
            else:
                self.vline(x0, y0, y1, style)

    def lines(self, color: bool) -> list[str]:
        """The canvas as text lines (ANSI styled when `color`; one code per run of a style)."""
        return [self._line(y, color) for y in range(self.height)]

    def _line(self, y: int, color: bool) -> str:
        out: list[str] = []
        current: str | None = None
        for x in range(self.width):
            char = self.chars[y][x]
            if char == " " and self.bits[y][x]:
                char = _JOINS.get(self.bits[y][x], "┼")
            style = self.styles[y][x] if color and char != " " else current if char == " " else None
            if style != current:
                out.append(RESET if current else "")
                out.append(STYLES[style] if style else "")
                current = style
            out.append(char)
        if current:
            out.append(RESET)
        return "".join(out)
