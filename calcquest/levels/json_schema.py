"""A JSON Schema of the level (and world) format, for editors that validate and complete YAML.

`calcquest schema` prints it; `calcquest new level` writes it beside the levels and points the
skeleton's `# yaml-language-server: $schema=...` comment at it. The scene is a union over the
scene types (picked by `type`), each with its own parameters, and every property carries the
field's docstring as its description, so an editor shows the reference on hover.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, create_model

from calcquest.levels.reference import field_docs, nested_models
from calcquest.levels.schema import SCENE_TYPES, Control, Level, World

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: The file name `calcquest new level` writes the schema to.
SCHEMA_FILE = "level.schema.json"


def level_json_schema() -> dict[str, Any]:
    """The JSON Schema of a level file."""
    scenes = [_scene_model(scene_type) for scene_type in SCENE_TYPES]
    scene_union = Annotated[Union[tuple(scenes)], Field(discriminator="type")]  # noqa: UP007
    model = create_model(
        "Level",
        __base__=Level,
        __doc__=Level.__doc__,
        scene=(scene_union | None, None),
    )
    return _finish(model.model_json_schema(), [Level, *nested_models(Level), *scenes])


def world_json_schema() -> dict[str, Any]:
    """The JSON Schema of a world.yaml file."""
    return _finish(World.model_json_schema(), [World])


def _scene_model(scene_type: str) -> type[BaseModel]:
    from calcquest.scenes import scene_param_model

    params = scene_param_model(scene_type)
    name = "".join(part.title() for part in scene_type.split("_")) + "Scene"
    return create_model(
        name,
        __base__=params,
        __doc__=f"A `{scene_type}` scene. {params.__doc__ or ''}".strip(),
        type=(Literal[scene_type], ...),
        title=(str | None, None),
        controls=(list[Control], Field(default_factory=list)),
    )


def _finish(schema: dict[str, Any], models: list[type[BaseModel]]) -> dict[str, Any]:
    by_name: dict[str, type[BaseModel]] = {}
    for model in models:
        for nested in nested_models(model):
            by_name.setdefault(nested.__name__, nested)
    _describe(schema, by_name.get(schema.get("title", "")), by_name)
    for name, definition in schema.get("$defs", {}).items():
        _describe(definition, by_name.get(name), by_name)
    return {"$schema": SCHEMA_DIALECT, **schema}


def _describe(schema: dict, model: type[BaseModel] | None, by_name: dict) -> None:
    if model is None:
        return
    docs = field_docs(model)
    aliases = {field.alias: name for name, field in model.model_fields.items() if field.alias}
    for name, prop in schema.get("properties", {}).items():
        doc = docs.get(aliases.get(name, name))
        if doc:
            prop.setdefault("description", " ".join(doc.split()))
    if model.__doc__ and "description" not in schema:
        schema["description"] = " ".join(model.__doc__.split())
