"""What a player sees of a scene: frames of exactly the asked size, no escape codes without
colour, descriptions with the real figures, and signals that do not rely on colour."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from calcquest.scenes import build_scene
from calcquest.scenes.textfit import fit_title, strip_ansi, visible_width

#: One small, typical scene of every type.
EXAMPLES = {
    "function": {
        "curves": ["sin(x^2)", "2x cos(x^2)"],
        "x": [-3, 3],
        "points": [[0, 0]],
        "shade": {"curve": 0, "from": 0, "to": 1},
    },
    "secant_to_tangent": {"f": "x^2", "x0": 2, "x": [0, 4]},
    "difference_quotient": {"f": "x^2", "x0": 2},
    "descent_1d": {"loss": "(w - 1)^2", "start": 4, "lr": 0.1, "steps": 12},
    "descent_2d": {"loss": "w^2 + b^2", "start": [8, 9], "lr": 0.1, "steps": 12},
    "gradient_field": {"f": "x^2 + y^2"},
    "taylor": {"f": "sin(x)", "order": 5},
    "riemann": {"f": "x^2", "a": 0, "b": 1},
    "graph": {
        "nodes": [
            {"id": "x", "value": 1},
            {"id": "y", "value": 2},
            {"id": "z", "value": -3},
            {"id": "q", "op": "add", "inputs": ["x", "y"]},
            {"id": "f", "op": "mul", "inputs": ["q", "z"]},
        ],
        "output": "f",
    },
    "layers": {"depth": 8, "activation": "sigmoid"},
    "ode": {
        "rhs": "-2*y",
        "y0": 1,
        "t": [0, 3],
        "step": 0.5,
        "method": "both",
        "exact": "exp(-2*t)",
    },
}

SIZES = [(80, 24), (44, 14), (120, 40)]


@pytest.fixture(scope="module")
def scenes():
    return {name: build_scene(name, params) for name, params in EXAMPLES.items()}


@pytest.mark.parametrize("scene_type", list(EXAMPLES))
def test_frames_fill_exactly_the_size_asked_for(scenes, scene_type):
    scene = scenes[scene_type]
    for width, height in SIZES:
        for frame in {0, scene.last_frame}:
            for color in (True, False):
                lines = scene.render(frame, width, height, color).split("\n")
                assert len(lines) == height
                assert {visible_width(line) for line in lines} == {width}


@pytest.mark.parametrize("scene_type", list(EXAMPLES))
def test_plain_frames_have_no_escape_codes_and_match_the_coloured_text(scenes, scene_type):
    scene = scenes[scene_type]
    plain = scene.render(scene.last_frame, 80, 24, False)
    coloured = scene.render(scene.last_frame, 80, 24, True)
    assert "\x1b" not in plain
    assert "\x1b[" in coloured
    assert strip_ansi(coloured) == plain
    assert plain.strip()  # something is drawn


@pytest.mark.parametrize("scene_type", list(EXAMPLES))
def test_every_frame_has_a_short_description(scenes, scene_type):
    scene = scenes[scene_type]
    for frame in range(scene.frame_count):
        text = scene.describe(frame)
        assert 20 < len(text) < 400
        assert text.rstrip().endswith(".")
        assert any(ch.isdigit() for ch in text)


def test_descriptions_carry_the_actual_figures(scenes):
    assert scenes["secant_to_tangent"].describe(3) == (
        "The secant slope is 4.1 at h = 0.1, approaching the tangent slope f'(2) = 4."
    )
    assert "smallest (2.43e-08) at h = 1e-08" in scenes["difference_quotient"].describe(14)
    riemann = scenes["riemann"].describe(5)
    assert "n = 32" in riemann and "0.333 (off by 0.0155)" in riemann
    assert "∂f/∂x = -3" in scenes["graph"].describe(scenes["graph"].last_frame)
    assert "Euler error" in scenes["ode"].describe(scenes["ode"].last_frame)


def test_too_small_a_window_asks_for_more_room(scenes):
    text = scenes["function"].render(0, 12, 3, True)
    assert text.split("\n")[0].startswith("enlarge")
    assert len(text.split("\n")) == 3


def test_a_diverging_descent_says_so_in_the_picture():
    scene = build_scene("descent_1d", {"loss": "w^2", "start": 2, "lr": 1.2, "steps": 15})
    picture = scene.render(scene.last_frame, 80, 24, False)
    assert "DIVERGING" in picture
    assert "●" not in picture  # the ball has left the (clipped) plot


def test_graph_marks_the_current_step_with_a_heavy_border_and_fills_gradients(scenes):
    graph = scenes["graph"]
    first, last = graph.render(0, 80, 24, False), graph.render(graph.last_frame, 80, 24, False)
    assert "┏ " not in first  # frame 0: nothing is being computed yet (the legend shows ┏━┓)
    assert "┏ " in graph.render(1, 80, 24, False)
    assert "∂ ?" not in last and "∂ -3" in last and "∂ 3" in last
    assert "v -9" in last and "▶" in last


def test_graph_falls_back_to_a_table_in_a_small_window(scenes):
    table = scenes["graph"].render(6, 30, 8, False)
    assert "node" in table and "▶" in table


def test_gradient_field_arrows_point_away_from_the_minimum(scenes):
    lines = scenes["gradient_field"].render(0, 80, 24, False).split("\n")
    arrows = [line for line in lines if "│" in line and any(a in line for a in "→←↑↓⇒⇐⇑⇓")]
    top, bottom = arrows[0], arrows[-1]
    assert top.count("⇖") >= 1 and top.count("⇗") >= 1
    assert bottom.count("⇙") >= 1 and bottom.count("⇘") >= 1
    assert "·" in "".join(arrows)  # the field vanishes at the centre


def test_difference_quotient_table_marks_the_best_row_in_words(scenes):
    table = scenes["difference_quotient"].render(14, 80, 24, False)
    best = next(line for line in table.split("\n") if "smallest" in line and "1e-08" in line)
    assert "█" in best
    assert "▒" in table  # rounding-dominated rows use a different fill, not just a colour


@pytest.mark.parametrize("width", [36, 38, 40])
def test_difference_quotient_table_fits_a_narrow_side_panel_whole(width):
    scene = build_scene("difference_quotient", {"f": "sin(x)", "x0": 1, "method": "central"})
    lines = scene.render(scene.last_frame, width, 14, False).split("\n")
    assert lines[0].strip() == "central diff. at x = 1: f' = 0.54"
    assert lines[1].rstrip().replace(" .. ", "..").endswith("1e-17..10")  # the bar scale
    assert lines[-1].split() == ["█", "truncation", "▒", "rounding", "◀", "smallest"]
    assert not any("…" in line for line in lines)


def test_curves_differ_by_marker_not_only_colour(scenes):
    picture = scenes["function"].render(0, 80, 24, False)
    assert "⢕⢕ sin(x^2)" in picture
    assert "•• 2*x*cos(x^2)" in picture or "•• 2x cos(x^2)" in picture


GROWTH = {
    "curves": ["3*exp(-2*x)", "3*exp(-0.5*x)", "3*exp(0.3*x)"],
    "labels": ["k = −2", "k = −0.5", "k = 0.3"],
    "x": [0, 4],
    "y": [0, 6],
}


def test_a_legend_that_would_crowd_a_small_plot_goes_under_it_with_its_markers():
    lines = build_scene("function", GROWTH).render(0, 40, 8, False).split("\n")
    assert lines[-1].split() == [
        "⢕⢕",
        "k",
        "=",
        "−2",
        "••",
        "k",
        "=",
        "−0.5",
        "++",
        "k",
        "=",
        "0.3",
    ]
    canvas = [line for line in lines if "┤" in line]
    assert not any("k =" in line for line in canvas)
    starts = [line[line.index("┤") + 1 :][:2] for line in canvas]
    assert any(start.strip() for start in starts)  # where the curves start (x = 0) shows


def test_a_roomy_plot_keeps_its_legend_in_the_corner():
    lines = build_scene("function", GROWTH).render(0, 80, 24, False).split("\n")
    assert any("┤ ⢕⢕ k = −2" in line for line in lines)
    assert "k =" not in lines[-1]


@pytest.mark.parametrize("height", range(6, 25))
def test_braille_curves_and_character_markers_put_a_value_on_the_same_row(height):
    """sin(x)/x peaks at 1: drawn in braille, it must meet the dotted line y = 1, not pass a
    row above it (braille and characters map values to rows differently in plotext)."""
    params = {"curves": ["sin(x)/x", "1"], "x": [-3, 3], "y": [-1.2, 1.4], "labels": ["s", "1"]}
    lines = build_scene("function", params).render(0, 60, height, False).split("\n")
    canvas = [line.partition("┤")[2] or line.partition("│")[2] for line in lines]
    line_row = next(i for i, row in enumerate(canvas) if "•••••" in row)
    braille = [i for i, row in enumerate(canvas) if any("⠁" <= c <= "⣿" for c in row[8:])]
    assert min(braille) >= line_row  # nothing of sin(x)/x above its bound y = 1
    assert line_row + 1 in braille or height < 8  # ...and it comes up to the line


def test_plots_take_the_size_asked_for_even_beyond_the_processs_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("LINES", "20")
    scene = build_scene("secant_to_tangent", EXAMPLES["secant_to_tangent"])
    lines = scene.render(0, 120, 40, False).split("\n")
    top = next(line for line in lines if "┌" in line)
    assert top.rstrip().endswith("┐") and len(top.rstrip()) == 120
    assert len(lines) == 40 and "┘" in lines[-2]  # the box reaches the bottom, not row 20


_LAYERS_FRAMES = """
from calcquest.scenes import build_scene
scene = build_scene("layers", {"depth": 20, "activation": "sigmoid"})
for width, height in ((40, 14), (80, 24), (120, 40)):
    print(scene.render(scene.last_frame, width, height, True))
"""


def test_drawings_do_not_depend_on_the_hash_seed():
    """plotext drops repeated ticks through a set; crowded layer numbers on a bar chart
    came out differently in each process until the adapter made that order-keeping."""
    drawings = {
        seed: subprocess.run(
            [sys.executable, "-c", _LAYERS_FRAMES],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert "┴" in drawings["1"] or "┬" in drawings["1"]  # the bars' x axis is drawn
    assert drawings["1"] == drawings["2"]


def test_titles_are_shortened_to_fit_not_dropped():
    assert fit_title("step 1  t = 2", 40) == "step 1  t = 2"
    assert fit_title("step 0.1  t = 12  euler err 0.649", 20, "t=12 err 0.649") == "t=12 err 0.649"
    assert fit_title("a  b  c", 5) == "a b c"
    assert fit_title("order 8: 2.72 + 2.72(x - 1)", 12) == "order 8: 2.…"
    oscillator = build_scene(
        "ode",
        {
            "rhs2": "-y",
            "y0": [1, 0],
            "t": [0, 12],
            "step": 0.1,
            "method": "both",
            "exact": "cos(t)",
        },
    )
    top = oscillator.render(oscillator.last_frame, 40, 14, False).split("\n")[0]
    assert "t=12" in top and "euler err 0.649" in top and "rk4 err" in top


def test_every_built_in_scene_keeps_a_title_line_in_a_narrow_side_panel():
    """The game's scene panel is about 40 cells wide: each frame's first line still says
    what the frame shows (a title, a caption or the plot's top edge), never a blank."""
    from calcquest.levels import instantiate_scene, load_catalog
    from calcquest.scenes import scene_from_spec

    for level in load_catalog().levels:
        if level.scene is None:
            continue
        scene = scene_from_spec(instantiate_scene(level, 0))
        for frame in sorted({0, scene.last_frame // 2, scene.last_frame}):
            first = scene.render(frame, 40, 14, False).split("\n")[0]
            assert first.strip(), f"{level.id} frame {frame} has a blank first line at 40x14"
