"""From a scene type name and its parameters to a built `Scene`.

Parameter models are cheap (pydantic only) so the levels loader can validate every level at
start-up; a scene's module, with NumPy and SymPy, is imported only when a scene is built.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from calcquest.scenes import params as plots
from calcquest.scenes import params_ml as ml
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.controls import ControlState, ladder_from_spec

#: type -> (module under calcquest.scenes, class name, parameter model)
_SCENES: dict[str, tuple[str, str, type[BaseModel]]] = {
    "function": ("function", "FunctionScene", plots.FunctionParams),
    "secant_to_tangent": ("secant", "SecantScene", plots.SecantParams),
    "difference_quotient": (
        "difference_quotient",
        "DifferenceQuotientScene",
        plots.DifferenceQuotientParams,
    ),
    "descent_1d": ("descent_1d", "Descent1DScene", ml.Descent1DParams),
    "descent_2d": ("descent_2d", "Descent2DScene", ml.Descent2DParams),
    "gradient_field": ("gradient_field", "GradientFieldScene", plots.GradientFieldParams),
    "taylor": ("taylor", "TaylorScene", plots.TaylorParams),
    "riemann": ("riemann", "RiemannScene", plots.RiemannParams),
    "graph": ("graph", "GraphScene", ml.GraphParams),
    "layers": ("layers", "LayersScene", ml.LayersParams),
    "ode": ("ode", "OdeScene", ml.OdeParams),
}

#: Which scalar parameters each scene type lets a control turn.
CONTROL_PARAMS: dict[str, tuple[str, ...]] = {
    "function": (),
    "secant_to_tangent": ("x0",),
    "difference_quotient": ("x0",),
    "descent_1d": ("lr", "start", "steps"),
    "descent_2d": ("lr", "steps"),
    "gradient_field": ("grid",),
    "taylor": ("order", "x0"),
    "riemann": ("a", "b"),
    "graph": (),
    "layers": ("depth", "weight_scale", "width"),
    "ode": ("step",),
}

_INTEGER_PARAMS = {"steps", "grid", "order", "depth", "width"}


def _entry(scene_type: str) -> tuple[str, str, type[BaseModel]]:
    try:
        return _SCENES[scene_type]
    except KeyError:
        raise SceneError(
            f"unknown scene type '{scene_type}'",
            f"Use one of: {', '.join(_SCENES)}.",
        ) from None


def scene_param_model(scene_type: str) -> type[BaseModel]:
    """The pydantic model (extra keys forbidden) that a scene type's parameters must fit."""
    return _entry(scene_type)[2]


def scene_control_params(scene_type: str) -> tuple[str, ...]:
    """The parameters of `scene_type` that a YAML control may turn."""
    _entry(scene_type)
    return CONTROL_PARAMS[scene_type]


def coerce_control_value(name: str, value: float) -> float | int:
    """A control's float as the parameter wants it (whole numbers for counts)."""
    return int(round(value)) if name in _INTEGER_PARAMS else float(value)


def _validated(scene_type: str, params: Mapping[str, Any]) -> BaseModel:
    model = scene_param_model(scene_type)
    try:
        return model.model_validate(dict(params))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "scene"
        raise SceneError(
            f"{scene_type} scene, {where}: {first['msg']}",
            f"See the {scene_type} parameters in docs/authoring.md.",
        ) from None


def _control_states(
    scene_type: str, params: BaseModel, controls: Mapping[str, float] | Sequence[Any] | None
) -> tuple[BaseModel, tuple[ControlState, ...]]:
    """Apply control values to the parameters and make the control states."""
    allowed = CONTROL_PARAMS[scene_type]
    specs = _as_specs(controls)
    states: list[ControlState] = []
    updates: dict[str, Any] = {}
    for name, label, ladder, value in specs:
        if name not in allowed:
            raise SceneError(
                f"'{name}' cannot be a control of a {scene_type} scene",
                f"Controls it supports: {', '.join(allowed) or 'none'}.",
            )
        if value is None:
            value = _current_float(params, name, ladder)
        updates[name] = coerce_control_value(name, value)
        states.append(ControlState.from_ladder(name, value, ladder or (value,), label))
    return params.model_copy(update=updates), tuple(states)


def _as_specs(controls: Mapping[str, float] | Sequence[Any] | None) -> list[tuple]:
    """(name, label, ladder, value or None) for each control, from either accepted form."""
    if not controls:
        return []
    if isinstance(controls, Mapping):
        return [(name, None, (), float(value)) for name, value in controls.items()]
    specs = []
    for spec in controls:
        if isinstance(spec, Mapping):
            from calcquest.levels.schema import Control

            spec = Control.model_validate(spec)
        specs.append((spec.param, spec.label, ladder_from_spec(spec), None))
    return specs


def _current_float(params: BaseModel, name: str, ladder: tuple[float, ...]) -> float:
    """The parameter's value as a float (expressions are read), or the ladder's first rung."""
    from calcquest.scenes.expr import number

    raw = getattr(params, name)
    if raw is None:
        return ladder[0] if ladder else 0.0
    value = number(raw, name)
    return value


def build_scene(
    scene_type: str,
    params: Mapping[str, Any],
    controls: Mapping[str, float] | Sequence[Any] | None = None,
) -> Scene:
    """A ready scene. `controls` is either {param: value} (values to use) or the level's
    `controls:` list (Control models or dicts) whose ladders the keys step through."""
    module_name, class_name, _ = _entry(scene_type)
    validated, states = _control_states(scene_type, _validated(scene_type, params), controls)
    module = importlib.import_module(f"calcquest.scenes.{module_name}")
    return getattr(module, class_name)(validated, states)


def scene_from_spec(spec: Any) -> Scene:
    """A scene from a level's `SceneSpec` (type, parameters and declared controls)."""
    return build_scene(spec.type, spec.params(), list(spec.controls))
