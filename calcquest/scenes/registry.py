"""From a scene type name and its parameters to a built `Scene`.

Parameter models are cheap (pydantic only) so the levels loader can validate every level at
start-up; a scene's module, with NumPy and SymPy, is imported only when a scene is built.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Mapping, Sequence
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from calcquest.scenes import params as plots
from calcquest.scenes import params_ml as ml
from calcquest.scenes.base import Scene, SceneError
from calcquest.scenes.controls import ControlState, ControlValue, ladder_from_spec

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

#: Which parameters each scene type lets a control turn: numbers (lr, step, depth...) and
#: choices (activation, method, rule...), told apart by the parameter's type in its model.
CONTROL_PARAMS: dict[str, tuple[str, ...]] = {
    "function": (),
    "secant_to_tangent": ("x0",),
    "difference_quotient": ("x0", "method"),
    "descent_1d": ("lr", "start", "steps"),
    "descent_2d": ("lr", "steps"),
    "gradient_field": ("grid",),
    "taylor": ("order", "x0"),
    "riemann": ("a", "b", "rule"),
    "graph": (),
    "layers": ("depth", "weight_scale", "width", "activation", "init"),
    "ode": ("step", "method"),
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


def scene_control_choices(scene_type: str, param: str) -> tuple[str, ...]:
    """The values a categorical control of `param` may take, e.g. ("sigmoid", "tanh",
    "relu") for a layers scene's `activation`; empty when `param` takes numbers."""
    field = scene_param_model(scene_type).model_fields.get(param)
    return _literal_choices(field.annotation) if field is not None else ()


def _literal_choices(annotation: Any) -> tuple[str, ...]:
    """The strings of a `Literal[...]` annotation (also inside a union); () for anything else."""
    if get_origin(annotation) is Literal:
        return tuple(arg for arg in get_args(annotation) if isinstance(arg, str))
    return tuple(choice for arg in get_args(annotation) for choice in _literal_choices(arg))


def control_value(scene_type: str, name: str, value: Any) -> ControlValue:
    """A control value checked against its parameter: one of the choices for a categorical
    parameter, a number (text such as "1e-3", which YAML leaves as a string, is read) for the
    others. SceneError naming the parameter and what it accepts otherwise."""
    choices = scene_control_choices(scene_type, name)
    if choices:
        if isinstance(value, str) and value in choices:
            return value
        raise SceneError(
            f"{name}: {value!r} is not a choice of a {scene_type} scene{_did_you_mean(value, choices)}",
            f"Choose one of: {', '.join(choices)}.",
        )
    try:
        return float(value)
    except (TypeError, ValueError):
        raise SceneError(
            f"{name}: {value!r} is not a number", f"Give {name} numbers, such as 0.1 or 2."
        ) from None


def param_value(name: str, value: ControlValue) -> ControlValue | int:
    """A checked control value as the parameter wants it (whole numbers for counts)."""
    if isinstance(value, str):
        return value
    return int(round(value)) if name in _INTEGER_PARAMS else float(value)


def _did_you_mean(word: Any, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


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
    scene_type: str, params: BaseModel, controls: Mapping[str, Any] | Sequence[Any] | None
) -> tuple[BaseModel, tuple[ControlState, ...]]:
    """Apply control values to the parameters and make the control states."""
    allowed = CONTROL_PARAMS[scene_type]
    states: list[ControlState] = []
    updates: dict[str, Any] = {}
    for name, label, ladder, value in _as_specs(controls):
        if name not in allowed:
            raise SceneError(
                f"'{name}' cannot be a control of a {scene_type} scene",
                f"Controls it supports: {', '.join(allowed) or 'none'}.",
            )
        ladder = tuple(control_value(scene_type, name, rung) for rung in ladder)
        if value is None:
            value = _current_value(scene_type, params, name, ladder)
        value = control_value(scene_type, name, value)
        updates[name] = param_value(name, value)
        states.append(ControlState.from_ladder(name, value, ladder or (value,), label))
    return params.model_copy(update=updates), tuple(states)


def _as_specs(controls: Mapping[str, Any] | Sequence[Any] | None) -> list[tuple]:
    """(name, label, ladder, value or None) for each control, from either accepted form."""
    if not controls:
        return []
    if isinstance(controls, Mapping):
        return [(name, None, (), value) for name, value in controls.items()]
    specs = []
    for spec in controls:
        if isinstance(spec, Mapping):
            spec = _control_model(spec)
        specs.append((spec.param, spec.label, ladder_from_spec(spec), None))
    return specs


def _control_model(spec: Mapping[str, Any]) -> Any:
    """A control given as a mapping, read by the level format's `Control` model."""
    from calcquest.levels.schema import Control

    try:
        return Control.model_validate(dict(spec))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "".join(f", {'.'.join(str(p) for p in first['loc'])}" if first["loc"] else "")
        message = first["msg"].removeprefix("Value error, ")
        raise SceneError(
            f"control {spec.get('param', '?')!r}{where}: {message}",
            "Give each control `param` and `values: [...]` (or `min`, `max` and `step`).",
        ) from None


def _current_value(
    scene_type: str, params: BaseModel, name: str, ladder: tuple[ControlValue, ...]
) -> Any:
    """The parameter's value: a choice as it is, a number read from its expression, or the
    ladder's first rung when the parameter is unset."""
    from calcquest.scenes.expr import number

    raw = getattr(params, name)
    if raw is None:
        return ladder[0] if ladder else 0.0
    return raw if scene_control_choices(scene_type, name) else number(raw, name)


def build_scene(
    scene_type: str,
    params: Mapping[str, Any],
    controls: Mapping[str, float | str] | Sequence[Any] | None = None,
) -> Scene:
    """A ready scene. `controls` is either {param: value} (values to use, a number or a
    choice such as "tanh") or the level's `controls:` list (Control models or dicts) whose
    ladders the keys step through."""
    module_name, class_name, _ = _entry(scene_type)
    validated, states = _control_states(scene_type, _validated(scene_type, params), controls)
    module = importlib.import_module(f"calcquest.scenes.{module_name}")
    return getattr(module, class_name)(validated, states)


def scene_from_spec(spec: Any) -> Scene:
    """A scene from a level's `SceneSpec` (type, parameters and declared controls)."""
    return build_scene(spec.type, spec.params(), list(spec.controls))
