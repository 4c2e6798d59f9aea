"""SceneView in the one-scene app, driven with Pilot: animation, pause, step, replay, controls,
the description, reduced motion, resizing, NO_COLOR and scenes that cannot be built."""

from __future__ import annotations

import asyncio
import functools

import pytest

from calcquest.scenes import SceneError, build_scene
from calcquest.ui.scene_app import SceneApp, make_scene_app
from calcquest.ui.widgets.scene_view import SceneView

DESCENT = {"loss": "(w - 1)^2", "start": 4, "lr": 0.1, "steps": 12}
LADDER = [{"param": "lr", "values": [0.01, 0.1, 0.5, 1.1]}]


def synchronously(test):
    """Run an async Pilot test in its own event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return run


async def _until(pilot, condition, tries: int = 400) -> bool:
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.01)
    return condition()


def _shown(view: SceneView) -> str:
    return view.render().plain


class RecordingApp(SceneApp):
    """The scene app, remembering the control changes its SceneView reports."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.changes: list[tuple[str, float | str]] = []

    def on_scene_view_control_changed(self, message: SceneView.ControlChanged) -> None:
        self.changes.append((message.name, message.value))


@synchronously
async def test_animation_runs_pauses_steps_and_replays():
    app = make_scene_app(build_scene("descent_1d", DESCENT), "descent")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(SceneView)
        assert await _until(pilot, lambda: view.frame >= 2)
        await pilot.press("space")
        frozen = view.frame
        await pilot.pause(0.3)
        assert view.paused and view.frame == frozen
        assert "paused" in _shown(view).split("\n")[-1]
        await pilot.press("right", "right", "left")
        assert view.frame == min(frozen + 1, view.scene.last_frame)
        await pilot.press("r")
        assert not view.paused
        assert await _until(pilot, lambda: view.finished)
        assert "done, r replays" in _shown(view)


@synchronously
async def test_a_control_key_recomputes_the_scene_and_reports_it():
    scene = build_scene("descent_1d", DESCENT, LADDER)
    app = RecordingApp(scene, "descent", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(SceneView)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert await _until(
            pilot, lambda: view.scene.controls[0].value == 1.1 and not view._pending
        )
        assert app.changes[-1] == ("lr", 1.1)
        assert await _until(pilot, lambda: view.frame_ready)
        assert "DIVERGING" in _shown(view)
        assert "lr = 1.1 [ ]" in _shown(view)
        await pilot.press("d")
        assert "diverging" in _shown(view).split("\n")[-1] or "diverging" in _shown(view)
        assert "[ ] lr" in str(app.query_one("#legend").render())


@synchronously
async def test_a_choice_control_switches_round_its_names_and_the_status_says_which():
    scene = build_scene(
        "layers",
        {"depth": 6},
        [
            {"param": "depth", "values": [3, 6]},
            {"param": "activation", "values": ["sigmoid", "tanh", "relu"]},
        ],
    )
    app = RecordingApp(scene, "layers", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(SceneView)
        assert "activation = sigmoid (1 of 3) { }" in _shown(view)
        await pilot.press("right_curly_bracket")
        assert await _until(pilot, lambda: view.scene.params.activation == "tanh")
        assert app.changes[-1] == ("activation", "tanh")
        assert await _until(pilot, lambda: view.frame_ready)
        assert "tanh, xavier" in _shown(view)  # the picture's own title follows the choice
        assert "activation = tanh (2 of 3) { }" in _shown(view)
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        assert await _until(
            pilot, lambda: view.scene.params.activation == "relu" and not view._pending
        )
        assert "activation = relu (3 of 3)" in _shown(view)


@synchronously
async def test_a_narrow_status_line_keeps_every_control_value_in_short():
    scene = build_scene(
        "layers",
        {"depth": 10},
        [
            {"param": "depth", "label": "layers", "values": [3, 10]},
            {"param": "activation", "values": ["sigmoid", "tanh", "relu"]},
        ],
    )
    app = make_scene_app(scene, "layers")
    async with app.run_test(size=(44, 20)) as pilot:
        view = app.query_one(SceneView)
        assert await _until(pilot, lambda: view.finished)
        status = _shown(view).split("\n")[-1]
        assert status.endswith("layers=10  activation=sigmoid")
        assert len(status) <= view.size.width


@synchronously
async def test_a_long_key_legend_wraps_rather_than_cutting_off_q_quit():
    scene = build_scene(
        "layers",
        {"depth": 10},
        [
            {"param": "depth", "label": "layers", "values": [3, 10]},
            {"param": "activation", "values": ["sigmoid", "tanh", "relu"]},
        ],
    )
    for width, rows in ((80, 2), (120, 1)):
        app = make_scene_app(scene, "layers", reduced_motion=True)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            legend = app.query_one("#legend")
            assert legend.size.height == rows
            assert str(legend.render()).endswith("d describe · q quit")


@synchronously
async def test_reduced_motion_shows_the_final_frame_and_stays():
    app = make_scene_app(
        build_scene("riemann", {"f": "x^2", "a": 0, "b": 1}), "riemann", reduced_motion=True
    )
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(SceneView)
        assert view.frame == view.scene.last_frame
        await pilot.press("space", "r")
        await pilot.pause(0.2)
        assert view.frame == view.scene.last_frame
        assert await _until(pilot, lambda: view.frame_ready)
        assert "n = 32" in _shown(view)
        assert "still" in _shown(view)


@synchronously
async def test_the_frame_follows_a_resize():
    app = make_scene_app(
        build_scene("taylor", {"f": "sin(x)", "order": 3}), "taylor", reduced_motion=True
    )
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(SceneView)
        assert await _until(pilot, lambda: view.frame_ready)
        await pilot.resize_terminal(110, 34)
        # Wait for the new size to reach the widget, then for the frame drawn at that size.
        assert await _until(pilot, lambda: view.size.width > 100)
        assert await _until(
            pilot, lambda: view.frame_ready and len(_shown(view).split("\n")[0]) > 100
        )
        lines = _shown(view).split("\n")
        assert len(lines) == view.size.height
        assert len(lines[0]) == view.size.width > 100


@synchronously
async def test_no_color_environment_draws_plain_frames(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    scene = build_scene("secant_to_tangent", {"f": "x^2", "x0": 1})
    app = make_scene_app(scene, "secant", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(SceneView)
        assert view.color is False
        assert await _until(pilot, lambda: view.frame_ready)
        frame = view.render()
        assert not [span for span in frame.spans if span.style and "color" in str(span.style)]


@synchronously
async def test_a_scene_that_cannot_be_built_says_why():
    def broken():
        raise SceneError("curves[0]: cannot read 'x^^2'")

    app = make_scene_app(broken, "broken")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(SceneView)
        assert await _until(pilot, lambda: view.problem is not None)
        assert "cannot read 'x^^2'" in _shown(view)
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.parametrize("key", ["space", "left", "right", "r", "left_square_bracket", "d"])
@synchronously
async def test_keys_on_a_still_scene_do_no_harm(key):
    scene = build_scene("gradient_field", {"f": "x*y"})
    app = make_scene_app(scene, "field")
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(SceneView)
        await pilot.press(key)
        assert view.frame == 0
        assert await _until(pilot, lambda: view.frame_ready)
        assert "⇒ strong" in _shown(view)


@synchronously
async def test_a_new_frame_redraws_only_the_cells_that_changed():
    """Each frame asks Textual to redraw rows' changed cells, not the whole widget: a full
    redraw resends every cell of the plot to the terminal 20 times a second."""
    scene = build_scene("descent_1d", {**DESCENT, "steps": 40, "fps": 20})
    app = make_scene_app(scene, "descent")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(SceneView)
        assert await _until(pilot, lambda: view.frame >= 2)
        requests: list[tuple] = []
        original = view.refresh
        view.refresh = lambda *regions, **kw: requests.append(regions) or original(*regions, **kw)
        start = view.frame
        assert await _until(pilot, lambda: view.frame >= start + 5)
        frames = [regions for regions in requests if regions]
        assert len(frames) >= 5 and len(frames) == len(requests)  # never the whole widget
        cells = view.size.width * view.size.height
        for regions in frames:
            assert all(region.height == 1 for region in regions)
            assert sum(region.area for region in regions) < cells / 5


@synchronously
async def test_the_clock_stops_on_the_last_frame_and_while_paused_until_replay():
    scene = build_scene("descent_1d", {**DESCENT, "steps": 6, "fps": 20})
    app = make_scene_app(scene, "descent")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(SceneView)
        assert await _until(pilot, lambda: view.finished)
        await pilot.pause(0.1)
        assert view._timer is None  # nothing ticks while the last frame stands
        await pilot.press("r")
        assert view.frame < view.scene.last_frame and view._timer is not None
        assert await _until(pilot, lambda: view.frame >= 1)
        await pilot.press("space")
        assert view.paused and view._timer is None
        await pilot.press("space")
        assert await _until(pilot, lambda: view.finished)
        assert "done, r replays" in _shown(view)


def test_a_level_may_set_the_animation_speed_up_to_the_widgets_limit():
    assert build_scene("descent_1d", DESCENT).fps == 6  # the scene type's own pace
    assert build_scene("descent_1d", {**DESCENT, "fps": 20}).fps == 20
    for too_fast_or_slow in (0, 21):
        with pytest.raises(SceneError, match="fps"):
            build_scene("descent_1d", {**DESCENT, "fps": too_fast_or_slow})
