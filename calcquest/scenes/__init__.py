"""Scenes: the animated plots beside each lesson, as pure computations plus drawings.

Public API:

- `build_scene(type, params, controls=None) -> Scene`: validate the parameters, compute every
  frame's numbers, and return a scene that draws any frame at any size.
- `scene_from_spec(spec)`: the same from a level's `SceneSpec`, with its declared controls.
- `scene_param_model(type)`: the pydantic model the levels loader validates scene params with.
- `scene_control_params(type)`: which parameters a control may turn.
- `scene_control_choices(type, param)`: the choices of a categorical control (`activation`:
  sigmoid, tanh, relu); empty for a numeric one.
- `Scene`, `ControlState`, `SceneError`.

Importing this package loads pydantic only; NumPy, SymPy and plotext load when a scene is
built or drawn. Nothing here imports Textual: `calcquest.ui.widgets.scene_view` animates scenes.
"""

from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.controls import ControlState
from calcquest.scenes.registry import (
    build_scene,
    scene_control_choices,
    scene_control_params,
    scene_from_spec,
    scene_param_model,
)

__all__ = [
    "ControlState",
    "Scene",
    "SceneError",
    "build_scene",
    "scene_control_choices",
    "scene_control_params",
    "scene_from_spec",
    "scene_param_model",
]
