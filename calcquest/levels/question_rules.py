"""Rules a question must follow beyond its types: what each answer kind needs, parameters
that exist and can be drawn, and expressions that parse.

Each check runs on one question model and reports `Problem`s at the field's place, so a file
with several broken questions gets every problem in one report.
"""

from __future__ import annotations

from typing import Any

from calcquest.levels.expressions import ExpressionChecker, Names, answer_names
from calcquest.levels.params import (
    PLACEHOLDER,
    ParamValue,
    can_draw,
    draw_params,
    substitute_mapped,
    unknown_placeholders,
)
from calcquest.levels.problems import FieldPath, Problem, did_you_mean, format_field
from calcquest.levels.schema import Question

_NEEDS_EXPECTED = {
    "expression": "the right expression, e.g. 2*x*cos(x**2)",
    "numeric": "the right number, e.g. 0.5 or sqrt(2)/2",
    "limit": "the limit: a number, oo, -oo or DNE",
    "vector": "the right vector, e.g. [2*w, 2*b]",
    "matrix": "the right matrix, e.g. [[1, 0], [0, 1]]",
    "equation": "the right equation, e.g. y = 4*x - 4",
    "choice": "the key of the right option, e.g. b",
}


def question_problems(question: Question, path: FieldPath, checker: ExpressionChecker) -> None:
    """Append to `checker.problems` every rule `question` (at `path`) breaks."""
    _kind_needs(question, path, checker)
    if not _params_ok(question, path, checker):
        return
    values = draw_params(question.params, seed=0)
    _placeholders(question, path, checker)
    _expressions(question, values, path, checker)


def _add(checker: ExpressionChecker, path: FieldPath, message: str, *, key: bool = False) -> None:
    line, column = checker.source.locate(path, key=key)
    checker.problems.append(Problem(checker.file, line, column, format_field(path), message))


def _kind_needs(question: Question, path: FieldPath, checker: ExpressionChecker) -> None:
    spec, at = question.answer, (*path, "answer")
    if spec.kind in _NEEDS_EXPECTED and spec.expected is None:
        need = _NEEDS_EXPECTED[spec.kind]
        article = "an" if spec.kind[0] in "aeiou" else "a"
        message = f"missing 'expected': {article} '{spec.kind}' answer needs {need}"
        _add(checker, at, message, key=True)
    if spec.kind == "antiderivative" and spec.expected is None and spec.integrand is None:
        _add(checker, at, "an antiderivative answer needs 'integrand' or 'expected'", key=True)
    if spec.kind == "ode_solution" and not spec.ode:
        _add(
            checker, at, "missing 'ode': an ode_solution answer needs it, e.g. y' = -2*y", key=True
        )
    if spec.kind == "choice":
        _choice_needs(question, at, checker)


def _choice_needs(question: Question, at: FieldPath, checker: ExpressionChecker) -> None:
    spec = question.answer
    if not spec.options:
        _add(
            checker,
            at,
            "missing 'options': a choice answer lists them, e.g. {a: ..., b: ...}",
            key=True,
        )
    elif spec.expected is not None and str(spec.expected) not in spec.options:
        hint = did_you_mean(str(spec.expected), spec.options)
        keys = ", ".join(spec.options)
        _add(
            checker,
            (*at, "expected"),
            f"'{spec.expected}' is not an option{hint}; the options are {keys}",
        )


def _params_ok(question: Question, path: FieldPath, checker: ExpressionChecker) -> bool:
    fine = True
    for name, spec in question.params.items():
        at = (*path, "params", name)
        if not PLACEHOLDER.fullmatch("{" + str(name) + "}"):
            _add(checker, at, f"parameter name '{name}' must be letters, digits and _", key=True)
            fine = False
        elif not can_draw(spec):
            _add(checker, at, "'exclude' rules out every value; widen the range")
            fine = False
    return fine


def _texts(question: Question, path: FieldPath) -> list[tuple[FieldPath, str, bool]]:
    """Every text field with placeholders: (path, text, is an expression)."""
    spec, at = question.answer, (*path, "answer")
    found: list[tuple[FieldPath, str, bool]] = [((*path, "prompt"), question.prompt, False)]
    found += [(p, t, True) for p, t in _strings(spec.expected, (*at, "expected"))]
    for name in ("ode", "integrand"):
        if getattr(spec, name):
            found.append(((*at, name), getattr(spec, name), True))
    found += [((*at, "ics", k), str(v), True) for k, v in spec.ics.items() if isinstance(v, str)]
    found += [((*path, "accept", i), text, True) for i, text in enumerate(question.accept)]
    for where, mistakes in (
        ((*path, "mistakes"), question.mistakes),
        ((*at, "mistakes"), spec.mistakes),
    ):
        for i, mistake in enumerate(mistakes):
            found.append(((*where, i, "answer"), mistake.answer, True))
            found.append(((*where, i, "feedback"), mistake.feedback, False))
    found += [((*path, "hints", i), hint, False) for i, hint in enumerate(question.hints)]
    if question.why:
        found.append(((*path, "why"), question.why, False))
    return found


def _strings(value: Any, path: FieldPath) -> list[tuple[FieldPath, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _strings(item, (*path, i))]
    return []


def _placeholders(question: Question, path: FieldPath, checker: ExpressionChecker) -> None:
    known = set(question.params)
    for at, text, is_expression in _texts(question, path):
        if not is_expression and not known:
            continue  # prose without parameters may use braces freely
        for name, column in unknown_placeholders(text, known):
            line, file_column = checker.source.inside(at, column)
            hint = did_you_mean(name, known) or (
                f"; declare it under params, e.g. params: {{{name}: {{randint: [2, 9]}}}}"
            )
            message = f"'{{{name}}}' is not a parameter of this question{hint}"
            checker.problems.append(
                Problem(checker.file, line, file_column, format_field(at), message)
            )


def _expressions(
    question: Question, values: dict[str, ParamValue], path: FieldPath, checker: ExpressionChecker
) -> None:
    spec = question.answer
    if spec.kind == "choice":
        return  # choice answers are option keys; `calcquest check` grades them
    names = answer_names(spec)
    for at, text, is_expression in _texts(question, path):
        if not is_expression:
            continue
        field_names = _names_for(at, names, spec.func, spec.var)
        if unknown_placeholders(text, set(values)):
            continue  # already reported as an unknown parameter
        shown, columns = substitute_mapped(text, values, in_expression=True)
        checker.check(shown, field_names, at, columns)


def _names_for(at: FieldPath, names: Names, func: str, var: str) -> Names:
    """The ODE itself and initial conditions use the unknown function, e.g. y' and y(0)."""
    if "ode" in at or "ics" in at:
        return Names((var,), names.constants, (func,))
    return names
