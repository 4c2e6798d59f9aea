"""The level format's reference, read from the models themselves.

Every model field carries a docstring (the string right after it in the class body). These
helpers collect them, so the JSON Schema shows them as hover text in editors and a test can
prove docs/authoring.md documents every field of every model, scene parameters included.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel


@cache
def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> docstring, for `model` and the models it inherits from."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not BaseModel:
            docs.update(_class_docs(cls))
    return {name: doc for name, doc in docs.items() if name in model.model_fields}


def _class_docs(cls: type) -> dict[str, str]:
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}  # a model built at run time has no source
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for current, following in zip(body, body[1:], strict=False):
        if (
            isinstance(current, ast.AnnAssign)
            and isinstance(current.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[current.target.id] = inspect.cleandoc(following.value.value)
    return docs


def nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and every model reachable through its fields, each once, in field order."""
    found: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in found:
                return
            found.append(annotation)
            for field in annotation.model_fields.values():
                visit(field.annotation)
            return
        for argument in get_args(annotation) if get_origin(annotation) is not None else ():
            visit(argument)
        if type(annotation).__name__ == "UnionType":
            for argument in get_args(annotation):
                visit(argument)

    visit(model)
    return found
