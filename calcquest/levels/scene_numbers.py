"""Find the numbers an author wrote as text in a scene (`x: [-2, "pi"]`, `x0: "{a}/2"`).

Scene parameters that hold a number (a range end, `x0`, `lr`, a point, a node's value...)
also accept an expression string, which the scene reads with the answer parser when it is
built. `validate` parses them up front, so `x: [-2, two]` is reported at its own line and
field instead of as "the scene does not build" under `calcquest check`. Which values are such
numbers is read from the scene's parameter model: a field whose type allows a number or text.
"""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from calcquest.levels.problems import FieldPath


def number_texts(
    model: type[BaseModel], params: dict, skip: set[str], at: FieldPath
) -> list[tuple[FieldPath, str]]:
    """Every string in `params` (validated by `model`) that stands for a number, with its
    path; the parameters named in `skip` (expressions in the scene's variables) are left out."""
    found: list[tuple[FieldPath, str]] = []
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in skip and key in params:
            found += _texts(field.annotation, params[key], (*at, key))
    return found


def _texts(annotation: Any, value: Any, path: FieldPath) -> list[tuple[FieldPath, str]]:
    options = _options(annotation)
    if isinstance(value, str):
        return [(path, value)] if _number_or_text(options) else []
    if isinstance(value, list):
        return _in_list(options, value, path)
    if isinstance(value, dict):
        for option in options:
            if isinstance(option, type) and issubclass(option, BaseModel):
                return number_texts(option, value, set(), path)
    return []


def _in_list(options: list[Any], value: list, path: FieldPath) -> list[tuple[FieldPath, str]]:
    """Items of a list value, each with the type its position has (`list[X]`, `tuple[X, Y]`)."""
    for option in options:
        origin, args = get_origin(option), get_args(option)
        if origin is list and args:
            item_types = [args[0]] * len(value)
        elif origin is tuple and args and len(args) == len(value):
            item_types = list(args)
        else:
            continue
        return [
            found
            for index, (item_type, item) in enumerate(zip(item_types, value, strict=True))
            for found in _texts(item_type, item, (*path, index))
        ]
    return []


def _options(annotation: Any) -> list[Any]:
    """The members of a union (nested unions and Optional flattened), else the type itself."""
    if get_origin(annotation) is Union or isinstance(annotation, types.UnionType):
        return [member for arg in get_args(annotation) for member in _options(arg)]
    return [annotation]


def _number_or_text(options: list[Any]) -> bool:
    return str in options and (float in options or int in options)
