"""Turn pydantic's validation errors into `Problem`s an author can act on.

Pydantic says "Input should be a valid string" at `('questions', 0, 'answer', 'expected',
'str')`; an author needs "questions[0].answer.expected: expected text, a number or a list, got
a mapping" at line 12, column 15, and "unknown kind 'expresion' (did you mean 'expression'?)".
This module maps each error's location onto the document (dropping pydantic's union-branch
tags), finds the line and column, and words the message, with suggestions from difflib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from calcquest.levels.problems import FieldPath, Problem, did_you_mean, format_field
from calcquest.levels.yaml_source import SourceMap

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}


#: Fields of free text, where a bare number or yes/no was most likely meant as text.
_PROSE = {(name,) for name in ("id", "title", "blurb", "lesson", "prompt", "why", "label")}


@dataclass(frozen=True)
class _Located:
    """One pydantic error placed in the document."""

    path: FieldPath
    branch: str | None  # the union member pydantic tried, when the error came from a union
    union_at: int | None  # length of the path where the union sits
    error: dict


def problems_from_validation(
    error: ValidationError,
    data: Any,
    source: SourceMap,
    file: Path | str,
    model: type[BaseModel],
    prefix: FieldPath = (),
) -> list[Problem]:
    """Every error of `error` (from validating `data` with `model`) as a Problem.

    `prefix` is where `data` sits in the document (e.g. `("scene",)` for scene parameters).
    Errors under a value the YAML reader already refused are left out.
    """
    located = [_locate(item, data) for item in error.errors(include_url=False)]
    located = _pick_union_branches(located, data)
    missing_hidden = _missing_covered_by_typos(located)
    problems = []
    for item in located:
        full = (*prefix, *item.path)
        if any(full[: len(bad)] == bad for bad in source.bad_paths) or item in missing_hidden:
            continue
        problems.append(_to_problem(item, full, source, file, model, _group(located, item)))
    return problems


def _locate(error: dict, data: Any) -> _Located:
    """Follow the error's location through the data; parts that are not keys or indices of
    the data are pydantic's union-branch tags (`'str'`, `'list[str]'`), kept aside."""
    path: list[str | int] = []
    branch, union_at = None, None
    current = data
    loc = error["loc"]
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        elif last and error["type"] in ("missing", "extra_forbidden"):
            pass
        else:
            if branch is None:
                branch, union_at = str(part), len(path)
            continue
        path.append(part)
    return _Located(tuple(path), branch, union_at, error)


def _pick_union_branches(located: list[_Located], data: Any) -> list[_Located]:
    """Within one union, keep only the branch matching what the author wrote (a list for a
    list branch, a mapping for a dict/model branch); for a scalar keep all (they combine)."""
    kept = []
    for item in located:
        if item.branch is None:
            kept.append(item)
            continue
        value = _value_at(data, item.path[: item.union_at])
        wanted = "list" if isinstance(value, list) else "dict" if isinstance(value, dict) else None
        rivals = [
            o
            for o in located
            if o.union_at == item.union_at and o.path[: o.union_at] == item.path[: item.union_at]
        ]
        has_match = wanted and any(o.branch.startswith(wanted) for o in rivals)
        if not has_match or item.branch.startswith(wanted):
            kept.append(item)
    return kept


def _missing_covered_by_typos(located: list[_Located]) -> list[_Located]:
    """A missing `param` next to an unknown `parm` is one mistake: report only the typo."""
    typos = {(i.path[:-1], i.path[-1]) for i in located if i.error["type"] == "extra_forbidden"}
    covered = []
    for item in located:
        if item.error["type"] != "missing":
            continue
        parent, name = item.path[:-1], str(item.path[-1])
        if any(p == parent and did_you_mean(str(k), [name]) for p, k in typos):
            covered.append(item)
    return covered


def _group(located: list[_Located], item: _Located) -> list[_Located]:
    """Errors from other branches of the same union at the same place."""
    if item.branch is None:
        return [item]
    return [o for o in located if o.branch is not None and o.path == item.path]


def _value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _to_problem(
    item: _Located,
    full: FieldPath,
    source: SourceMap,
    file: Path | str,
    model: type[BaseModel],
    group: list[_Located],
) -> Problem:
    kind = item.error["type"]
    if kind == "missing":
        parent = full[:-1]
        line, column = source.locate(parent, key=True) if parent else (1, 1)
        name = full[-1]
        return Problem(file, line, column, format_field(parent), f"missing required key '{name}'")
    line, column = source.locate(full, key=kind == "extra_forbidden")
    return Problem(file, line, column, format_field(full), _message(item, model, group))


def _message(item: _Located, model: type[BaseModel], group: list[_Located]) -> str:
    error, kind = item.error, item.error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(item.path, model)
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        name = str(item.path[-1]) if item.path else "value"
        hint = did_you_mean(str(value), options) or "; use one of: " + ", ".join(options)
        return f"unknown {name} '{value}'{hint}"
    if kind == "string_pattern_mismatch":
        slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "my-level"
        return (
            f"'{value}' is not a valid id; use lower-case letters, digits and dashes, e.g. '{slug}'"
        )
    if kind == "too_short":
        least = error["ctx"]["min_length"]
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind in _TYPE_NAMES:
        return _type_message([g.error["type"] for g in group], value, item.path)
    return error["msg"]


def _unknown_key(path: FieldPath, model: type[BaseModel]) -> str:
    key = str(path[-1])
    parent = _model_at(model, path[:-1])
    allowed = list(parent.model_fields) if parent else []
    suggestion = did_you_mean(key, allowed)
    if suggestion or not allowed:
        return f"unknown key '{key}'{suggestion}"
    return f"unknown key '{key}'; allowed here: {', '.join(allowed)}"


def _type_message(kinds: list[str], value: Any, path: FieldPath = ()) -> str:
    names = list(dict.fromkeys(_TYPE_NAMES[k] for k in kinds if k in _TYPE_NAMES))
    if "a number" in names and "a whole number" in names:
        names.remove("a whole number")
    wanted = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    message = f"expected {wanted}, got {_describe(value)}"
    if isinstance(value, dict) and len(value) == 1 and next(iter(value.values())) is None:
        name = next(iter(value))
        message += f'; to use the parameter {name}, write "{{{name}}}" in quotes'
    elif wanted == "text" and (isinstance(value, bool) or path[-1:] in _PROSE):
        message += "; put it in quotes to keep it as text"
    return message


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _model_at(model: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """The model that describes the mapping at `path` (for the keys it allows)."""
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return None
    return _as_model(annotation)


def _step(annotation: Any, part: str | int) -> Any:
    model = _as_model(annotation)
    if model is not None and isinstance(part, str):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    for option in _options(annotation):
        origin, args = get_origin(option), get_args(option)
        if origin is list and isinstance(part, int):
            return args[0] if args else Any
        if origin is dict and isinstance(part, str):
            return args[1] if len(args) == 2 else Any
    return None


def _options(annotation: Any) -> list[Any]:
    if get_origin(annotation) is Union or type(annotation).__name__ == "UnionType":
        return list(get_args(annotation))
    return [annotation]


def _as_model(annotation: Any) -> type[BaseModel] | None:
    for option in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None
