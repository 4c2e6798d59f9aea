"""Check a level's scene: its type, its parameters (by the scene's own model) and its curves.

The scenes package owns each scene type's parameters (`scene_param_model(type)`, a pydantic
model that forbids unknown keys); this module runs it on the YAML and words its errors like
every other problem, with the line and column and a "did you mean". Expressions among the
parameters (curves, f, loss, rhs...) must be readable by the answer parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError, create_model

from calcquest.levels.expressions import ExpressionChecker, Names
from calcquest.levels.model_errors import problems_from_validation
from calcquest.levels.params import (
    ParamValue,
    substitute,
    substitute_mapped,
    unknown_placeholders,
)
from calcquest.levels.problems import Problem, did_you_mean, format_field
from calcquest.levels.scene_numbers import number_texts
from calcquest.levels.schema import SCENE_TYPES, Control, SceneSpec


@dataclass(frozen=True)
class NamedBy:
    """A variable whose name another scene parameter gives (descent_1d's loss is in `var`),
    with the name used when the author leaves that parameter out."""

    param: str
    default: str


#: Scene parameters that hold expressions, and the variables each may use.
SCENE_EXPRESSIONS: dict[str, dict[str, tuple[str | NamedBy, ...]]] = {
    "function": {"curves": ("x",)},
    "secant_to_tangent": {"f": ("x",), "x0": ()},
    "difference_quotient": {"f": ("x",), "x0": ()},
    "descent_1d": {"loss": (NamedBy("var", "w"),)},
    "descent_2d": {"loss": ("w", "b")},
    "gradient_field": {"f": ("x", "y"), "field": ("x", "y")},
    "taylor": {"f": ("x",), "x0": ()},
    "riemann": {"f": ("x",), "a": (), "b": ()},
    "ode": {"rhs": ("t", "y"), "rhs2": ("t", "y", "v"), "exact": ("t",)},
}

#: What a variable name given by a parameter must look like (`w`, `theta`, `w1`, `x_0`).
_VARIABLE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def scene_problems(
    raw: Any, values: dict[str, ParamValue] | None, checker: ExpressionChecker
) -> None:
    """Append every problem of the raw `scene` mapping; `values` are question 0's parameters
    (seed 0), substituted before expressions are parsed (None: question 0 is invalid, so
    texts that use its parameters wait until it is fixed)."""
    if not isinstance(raw, dict) or raw.get("type") not in SCENE_TYPES:
        return  # the level model already reports a missing or unknown type
    try:
        spec = SceneSpec.model_validate(raw)
    except ValidationError:
        return  # reported by the level model
    params_ok = _scene_params(spec, checker)
    _controls(spec, checker)
    if values is not None:
        _unknown_placeholders(raw, values, checker)
    # with question 0 invalid, its parameters are unknown: texts using them wait, the rest
    # are checked now, so every problem of the file is reported together
    drawn = values if values is not None else {}
    _scene_expressions(spec.type, spec.params(), drawn, checker)
    if params_ok:
        _scene_numbers(spec.type, spec.params(), drawn, checker)


def _scene_params(spec: SceneSpec, checker: ExpressionChecker) -> bool:
    """Validate the type's parameters with the scene's own model (unknown keys forbidden);
    False when they do not fit it."""
    from calcquest.scenes import scene_param_model

    model = scene_param_model(spec.type)
    params = spec.params()
    try:
        model.model_validate(params)
    except ValidationError as error:
        found = problems_from_validation(
            error, params, checker.source, checker.file, _with_common_keys(model), ("scene",)
        )
        checker.problems.extend(found)
        return False
    return True


def _controls(spec: SceneSpec, checker: ExpressionChecker) -> None:
    """Each control must turn a parameter this scene type lets a control turn, with values
    that parameter takes: names of its choices for a categorical one, numbers otherwise."""
    from calcquest.scenes import scene_control_choices, scene_control_params

    allowed = scene_control_params(spec.type)
    for index, control in enumerate(spec.controls):
        at = ("scene", "controls", index)
        if control.param not in allowed:
            turnable = ", ".join(allowed) if allowed else "none (this scene has no controls)"
            _problem(
                checker,
                (*at, "param"),
                f"a {spec.type} scene has no control '{control.param}'"
                f"{did_you_mean(control.param, allowed)}; controls can turn: {turnable}",
            )
            continue
        choices = scene_control_choices(spec.type, control.param)
        if choices:
            _choice_values(spec.type, control, choices, at, checker)
        else:
            _number_values(control, at, checker)


def _choice_values(
    scene_type: str,
    control: Control,
    choices: tuple[str, ...],
    at: tuple,
    checker: ExpressionChecker,
) -> None:
    """A categorical control lists some of its parameter's choices, by name."""
    listing = ", ".join(choices)
    if not control.values:
        _problem(
            checker,
            at,
            f"'{control.param}' is a choice, so it needs `values: [...]` naming some of: "
            f"{listing} (min, max and step are for numbers)",
        )
        return
    for index, value in enumerate(control.values):
        if value not in choices:
            shown = value if isinstance(value, str) else f"{value:g}"
            _problem(
                checker,
                (*at, "values", index),
                f"a {scene_type} scene's {control.param} cannot be '{shown}'"
                f"{did_you_mean(str(shown), choices)}; choose from {listing}",
            )


def _number_values(control: Control, at: tuple, checker: ExpressionChecker) -> None:
    """A numeric control's values are numbers (YAML keeps `1e-3` as text; that is read)."""
    for index, value in enumerate(control.values or ()):
        if isinstance(value, str) and not _is_number(value):
            _problem(
                checker,
                (*at, "values", index),
                f"'{value}' is not a number, and {control.param} takes numbers",
            )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _problem(checker: ExpressionChecker, path: tuple, message: str) -> None:
    line, column = checker.source.locate(path)
    checker.problems.append(Problem(checker.file, line, column, format_field(path), message))


def _unknown_placeholders(
    raw: dict, values: dict[str, ParamValue], checker: ExpressionChecker
) -> None:
    for at, text in _strings(raw, ("scene",)):
        for name, column in unknown_placeholders(text, set(values)):
            line, file_column = checker.source.inside(at, column)
            message = (
                f"'{{{name}}}' is not a parameter of the first question{did_you_mean(name, values)}"
            )
            checker.problems.append(
                Problem(checker.file, line, file_column, format_field(at), message)
            )


def _with_common_keys(model: type[BaseModel]) -> type[BaseModel]:
    """The scene's model plus type/title/controls, so "did you mean" knows every key."""
    common = {name: (Any, None) for name in SceneSpec.model_fields}
    return create_model(f"{model.__name__}Keys", __base__=model, **common)


def _scene_expressions(
    scene_type: str, params: dict, values: dict[str, ParamValue], checker: ExpressionChecker
) -> None:
    fields = SCENE_EXPRESSIONS.get(scene_type, {})
    for name, declared in fields.items():
        variables = _variables(declared, params, values, checker)
        if variables is None:
            continue  # a variable's name is unusable: reported once, at its own parameter
        for at, text in _strings(params.get(name), ("scene", name)):
            if unknown_placeholders(text, set(values)):
                continue
            shown, columns = substitute_mapped(text, values, in_expression=True)
            checker.check(shown, Names(variables), at, columns)


def _scene_numbers(
    scene_type: str, params: dict, values: dict[str, ParamValue], checker: ExpressionChecker
) -> None:
    """Numbers written as text (`x: [0, "pi"]`, `x0: "{a}/2"`) must parse, as the scene
    will read them: with no variables."""
    from calcquest.scenes import scene_param_model

    skip = set(SCENE_EXPRESSIONS.get(scene_type, {}))
    for at, text in number_texts(scene_param_model(scene_type), params, skip, ("scene",)):
        if unknown_placeholders(text, set(values)):
            continue
        shown, columns = substitute_mapped(text, values, in_expression=True)
        checker.check(shown, Names(()), at, columns)


def _variables(
    declared: tuple[str | NamedBy, ...],
    params: dict,
    values: dict[str, ParamValue],
    checker: ExpressionChecker,
) -> tuple[str, ...] | None:
    """The variable names an expression may use, those named by a parameter read from it
    (placeholders substituted); None, with a problem recorded, when such a name is unusable."""
    names = []
    for variable in declared:
        if isinstance(variable, str):
            names.append(variable)
            continue
        raw = params.get(variable.param, variable.default)
        if isinstance(raw, str) and unknown_placeholders(raw, set(values)):
            return None  # a parameter not drawn (reported, or question 0 is invalid)
        name = substitute(raw, values) if isinstance(raw, str) else raw
        if not isinstance(name, str) or not _VARIABLE_NAME.fullmatch(name):
            if isinstance(name, str):  # a wrong type is reported by the scene's model
                _problem(
                    checker,
                    ("scene", variable.param),
                    f"'{name}' is not a variable name; write {variable.param} as letters "
                    f"(and digits or _), such as {variable.default} or theta",
                )
            return None
        names.append(name)
    return tuple(names)


def _strings(value: Any, path: tuple) -> list[tuple[tuple, str]]:
    """Every string inside `value` (lists and mappings), with its path."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _strings(item, (*path, i))]
    if isinstance(value, dict):
        return [found for k, item in value.items() for found in _strings(item, (*path, k))]
    return []
