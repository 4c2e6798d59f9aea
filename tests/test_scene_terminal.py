"""`calcquest scene` in a real pseudo-terminal at 20 fps: what reaches the terminal.

The widget redraws only the cells a frame changes, so the bytes per frame must stay under
the bandwidth budget (20 KB/s at 20 fps is 1 KB a frame), and the screen a terminal ends up
with, after all those partial updates, must be exactly the last frame drawn whole. A small
terminal model below replays the bytes: cursor moves, text and line feeds (colours ignored).
"""

from __future__ import annotations

import os
import re
import sys
import textwrap

import pytest

from benchmarks.ptyrun import spawn
from calcquest.levels import instantiate_scene, load_level
from calcquest.scenes import scene_from_spec
from calcquest.scenes.textfit import char_cells

COLUMNS, ROWS = 80, 24
#: 20 KB/s at the widget's top speed of 20 frames a second.
BYTES_PER_FRAME_BUDGET = 20_000 / 20

LEVEL = """\
    id: fast-descent
    title: Fast descent
    world: optimization
    lesson: A ball rolls downhill, twenty frames a second.
    scene:
      type: descent_1d
      loss: "(w - 3)^2"
      start: 0
      lr: 0.05
      steps: 40
      x: [-1, 5]
      fps: 20
    questions:
      - prompt: "Where is the minimum of (w - 3)^2?"
        answer: {kind: numeric, expected: 3}
    """

_TOKENS = re.compile(
    r"\x1b\[(?P<args>[0-9;?<>=]*)[ -/]*(?P<final>[@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[^\[\]]"  # other escapes
    r"|(?P<text>[^\x1b\r\n]+)|(?P<cr>\r)|(?P<lf>\n)"
)


def screen_after(output: str, columns: int = COLUMNS, rows: int = ROWS) -> list[str]:
    """The characters on screen after a terminal has shown `output`."""
    screen = [[" "] * columns for _ in range(rows)]
    row = col = 0
    for token in _TOKENS.finditer(output):
        if token["final"] in ("H", "f"):
            numbers = [int(n) if n else 1 for n in (token["args"] or "1;1").split(";")]
            row, col = numbers[0] - 1, (numbers[1] if len(numbers) > 1 else 1) - 1
        elif token["text"]:
            for char in token["text"]:
                if 0 <= row < rows and 0 <= col < columns:
                    screen[row][col] = char
                col += char_cells(char)
        elif token["cr"]:
            col = 0
        elif token["lf"]:
            row += 1
    return ["".join(line) for line in screen]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_an_animation_at_20_fps_sends_little_and_ends_on_the_exact_last_frame(tmp_path):
    level = tmp_path / "fast.yaml"
    level.write_text(textwrap.dedent(LEVEL), encoding="utf-8")
    scene = scene_from_spec(instantiate_scene(load_level(level), 0))
    env = {**os.environ, "CALCQUEST_DATA_DIR": str(tmp_path / "data")}
    env.pop("NO_COLOR", None)
    process = spawn([sys.executable, "-m", "calcquest", "scene", str(level)], env=env)
    try:
        process.wait_for("▶ 2".encode(), timeout=60)  # the status as frame 2 shows
        first = len(process.output)
        process.wait_for(b"done, r replays", timeout=60)
        process.read_for(0.3)  # the last writes, if any
        during = len(process.output) - first
    finally:
        process.close()
    assert during / (scene.frame_count - 2) < BYTES_PER_FRAME_BUDGET
    screen = screen_after(process.output.decode("utf-8", "replace"))
    # the scene app: a caption row, then the view (one cell of padding each side)
    width, height = COLUMNS - 2, ROWS - 3
    expected = scene.render(scene.last_frame, width, height, False).split("\n")
    shown = [line[1 : 1 + width] for line in screen[1 : 1 + height]]
    assert shown == expected
    assert screen[1 + height].strip().startswith(f"▶ {scene.frame_count}/{scene.frame_count}")
