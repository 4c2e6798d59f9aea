"""Make any drawing exactly width x height terminal cells, with or without ANSI colour.

plotext and the text-drawn scenes produce lines of slightly varying length (a trailing newline,
a legend that runs long). The widget and the plain mode need a fixed block, so every frame goes
through `fit_block`: lines are cropped or padded by visible cells (escape codes do not count),
colour is stripped when off, and each coloured line ends with a reset so padding stays plain.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Below this size a scene shows a one-line request to enlarge the window instead.
MIN_WIDTH = 20
MIN_HEIGHT = 5

ANSI_PATTERN = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
RESET = "\x1b[0m"


def strip_ansi(text: str) -> str:
    """The text without escape sequences."""
    return ANSI_PATTERN.sub("", text)


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """How many terminal cells a character takes (wide East Asian forms take two)."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def visible_width(text: str) -> int:
    """Cells a line takes on screen, ignoring escape codes."""
    return sum(map(char_cells, strip_ansi(text)))


def _fit_line(line: str, width: int) -> str:
    """Crop or pad one line to `width` cells, keeping escape codes intact. A line that is
    not too wide (the usual case) is only padded, without taking it apart."""
    used = visible_width(line)
    if used <= width:
        return line + " " * (width - used)
    out: list[str] = []
    used = 0
    position = 0
    for match in ANSI_PATTERN.finditer(line):
        used = _take_plain(line[position : match.start()], width, used, out)
        out.append(match.group())
        position = match.end()
    used = _take_plain(line[position:], width, used, out)
    return "".join(out) + " " * (width - used)


def _take_plain(chunk: str, width: int, used: int, out: list[str]) -> int:
    for char in chunk:
        cells = char_cells(char)
        if used + cells > width:
            break
        out.append(char)
        used += cells
    return used


def fit_block(text: str, width: int, height: int, color: bool) -> str:
    """Exactly `height` lines of `width` visible cells, joined by newlines."""
    if not color:
        text = strip_ansi(text)
    lines = text.replace("\r", "").split("\n")
    while lines and not strip_ansi(lines[-1]).strip():
        lines.pop()
    lines = lines[:height] + [""] * max(0, height - len(lines))
    fitted = [_fit_line(line, width) for line in lines]
    if color:
        fitted = [line + RESET if "\x1b" in line else line for line in fitted]
    return "\n".join(fitted)


def line_cells(line: str) -> list[tuple[str, str]]:
    """A line as terminal cells: (character, escape codes in force); a wide character's
    second cell is ("", codes). Codes are cleared by a reset, however they are grouped."""
    cells: list[tuple[str, str]] = []
    codes, position = "", 0
    for match in [*ANSI_PATTERN.finditer(line), None]:
        end = match.start() if match else len(line)
        for char in line[position:end]:
            cells.append((char, codes))
            if char_cells(char) == 2:
                cells.append(("", codes))
        if match:
            codes = "" if match.group() == RESET else codes + match.group()
            position = match.end()
    return cells


def changed_span(old: str, new: str) -> tuple[int, int] | None:
    """The cells [start, end) from the first to the last one where two lines differ, in
    character or colour; None when they look the same."""
    a, b = line_cells(old), line_cells(new)
    blank = (" ", "")
    width = max(len(a), len(b))
    a += [blank] * (width - len(a))
    b += [blank] * (width - len(b))
    changed = [i for i in range(width) if a[i] != b[i]]
    return (changed[0], changed[-1] + 1) if changed else None


#: What a cut title ends with.
ELLIPSIS = "…"


def ellipsized(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut with an ellipsis when it is longer."""
    if visible_width(text) <= width:
        return text
    out: list[str] = []
    _take_plain(text, max(width - 1, 0), 0, out)
    return "".join(out) + ELLIPSIS if width > 0 else ""


def fit_title(title: str, width: int, compact: str | None = None) -> str:
    """A title in at most `width` cells, shortened rather than dropped: the full title when
    it fits, else the scene's compact form, else that form with single spaces, else that
    cut with an ellipsis. A narrow side panel still shows what the frame is about."""
    candidates = [title.strip()]
    if compact:
        candidates.append(compact.strip())
    candidates.append(" ".join(candidates[-1].split()))
    for candidate in candidates:
        if visible_width(candidate) <= width:
            return candidate
    return ellipsized(candidates[-1], width)


def place_title(
    title: str, centre: int, columns: int, compact: str | None = None
) -> tuple[int, str]:
    """(first column, text) of a title centred on `centre` in a line of `columns` cells:
    fitted, and moved sideways as little as needed to stay on the line."""
    text = fit_title(title, columns, compact)
    start = centre - visible_width(text) // 2
    return max(0, min(start, columns - visible_width(text))), text


def too_small(width: int, height: int) -> str:
    """A block asking for more room, for sizes no plot can use."""
    message = f"enlarge to {MIN_WIDTH}x{MIN_HEIGHT}"
    lines = [message[:width]] + [""] * (height - 1)
    return "\n".join(line.ljust(width) for line in lines[: max(height, 0)])
