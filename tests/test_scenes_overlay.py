"""Animated scenes draw their still part once (a backdrop) and only their moving parts per
frame: the pictures must be exactly what plotext draws for the whole figure, cell by cell
and colour by colour, and plotext must run once per scene and size, not once per frame."""

from __future__ import annotations

import pytest
from test_scenes_render import EXAMPLES

from calcquest.scenes import build_scene
from calcquest.scenes import plot as plot_module
from calcquest.scenes.base import FRAME_CACHE
from calcquest.scenes.textfit import ANSI_PATTERN, RESET

LAYERED = {
    **{name: EXAMPLES[name] for name in ("secant_to_tangent", "descent_1d", "descent_2d")},
    **{name: EXAMPLES[name] for name in ("taylor", "riemann", "layers", "ode")},
    "diverging descent": {"loss": "w^2", "start": 2, "lr": 1.2, "steps": 8},
    "midpoint riemann": {"f": "sin(x)", "a": 0, "b": 3, "rule": "midpoint", "n": [3, 50, 400]},
    "rk4 on an oscillator": {"rhs2": "-y", "y0": [1, 0], "t": [0, 6], "step": 0.5},
}
TYPES = {"diverging descent": "descent_1d", "midpoint riemann": "riemann"}
TYPES["rk4 on an oscillator"] = "ode"


def cells(text: str) -> list[list[tuple[str, str]]]:
    """Each line as (character, ANSI codes in force) pairs, however the codes are grouped."""
    rows = []
    for line in text.split("\n"):
        row, codes, position = [], "", 0
        for match in ANSI_PATTERN.finditer(line):
            row += [(char, codes) for char in line[position : match.start()]]
            codes = "" if match.group() == RESET else codes + match.group()
            position = match.end()
        rows.append(row + [(char, codes) for char in line[position:]])
    return rows


def all_frames(scene, width: int, height: int, color: bool) -> list:
    FRAME_CACHE.clear()
    plot_module._BACKDROPS.clear()
    return [cells(scene.render(f, width, height, color)) for f in range(scene.frame_count)]


@pytest.mark.parametrize("name", list(LAYERED))
def test_frames_over_a_backdrop_equal_whole_plotext_figures(name, monkeypatch):
    scene = build_scene(TYPES.get(name, name), LAYERED[name])
    sizes = [(80, 24, True), (80, 24, False), (44, 14, True), (40, 8, True)]  # 40x8: legend below
    layered = {size: all_frames(scene, *size) for size in sizes}
    monkeypatch.setattr(plot_module, "_overlayable", lambda op: False)  # plotext draws all
    for size in sizes:
        assert all_frames(scene, *size) == layered[size], f"{name} at {size}"


def test_plotext_runs_once_per_scene_and_size_not_per_frame(monkeypatch):
    calls = []
    whole = plot_module.Plot._plotext
    monkeypatch.setattr(
        plot_module.Plot, "_plotext", lambda self, *a: calls.append(1) or whole(self, *a)
    )
    scene = build_scene("descent_1d", EXAMPLES["descent_1d"])
    all_frames(scene, 80, 24, True)
    # one backdrop, and one more when its legend moves under the plot (drawn to decide that)
    assert scene.frame_count == 13 and 1 <= len(calls) <= 2
    once = len(calls)
    turned = scene.with_control("lr", 0.3)  # the loss curve is the same: no new backdrop
    for frame in range(turned.frame_count):
        turned.render(frame, 80, 24, True)
    assert len(calls) == once


def test_a_title_too_long_for_the_line_is_cut_with_an_ellipsis_not_left_out():
    scene = build_scene("taylor", {"f": "exp(x)", "x0": 1, "order": 8})
    top = scene.render(8, 44, 14, False).split("\n")[0]
    assert top.startswith("order 8: 2.72 + 2.72(x - 1)") and top.endswith("…")
    assert scene.render(1, 44, 14, False).split("\n")[0].strip() == "order 1: 2.72 + 2.72(x - 1)"
