"""Read just the fields the map shows from world and level files, fast and without pydantic.

The game's first frame needs each level's id, title, world, `requires` and question ids, not
its lesson, scene or answers checked. This reader walks libyaml's parse events (PyYAML's
`CSafeLoader`, the safe C parser) and builds Python values only for those fields, skipping
everything else; no model is validated. What it returns is a best reading of a file that may
still be invalid: the full loader (`calcquest.levels.loader`) has the last word, and the game
swaps its map to the full catalog once that has loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

#: The C parser when PyYAML was built with libyaml (the usual wheels), else the Python one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Top-level level fields the map needs (questions are read for their ids only).
LEVEL_FIELDS = ("id", "title", "world", "requires")
WORLD_FIELDS = ("id", "title", "order", "blurb")

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


def read_fields(path: Path, fields: tuple[str, ...], *, questions: bool = False) -> dict | None:
    """The top-level `fields` of the mapping in `path` (and, with `questions`, the list of
    question ids under `question_ids`); None when the file cannot be read as a mapping."""
    try:
        with open(path, "rb") as stream:
            events = iter(yaml.parse(stream, Loader=LOADER))
            return _document(events, fields, questions)
    except (OSError, yaml.YAMLError, StopIteration, RecursionError):
        return None


def _document(events: Iterator[Event], fields: tuple[str, ...], questions: bool) -> dict | None:
    """Skip to the document's root node; read it if it is a mapping."""
    event = next(events)
    while not isinstance(event, (MappingStartEvent, SequenceStartEvent, ScalarEvent)):
        event = next(events)
    if not isinstance(event, MappingStartEvent):
        return None
    found: dict[str, Any] = {}
    for key, first in _mapping_items(events):
        if key in fields:
            found[key] = _value(events, first)
        elif key == "questions" and questions:
            found["question_ids"] = _question_ids(events, first)
        else:
            _skip(events, first)
    return found


def _mapping_items(events: Iterator[Event]) -> Iterator[tuple[Any, Event]]:
    """(key, first event of the value) for each entry; the caller consumes each value."""
    while not isinstance(event := next(events), MappingEndEvent):
        key = _value(events, event)
        yield key, next(events)


def _question_ids(events: Iterator[Event], first: Event) -> list[str | None] | None:
    """Each question's `id` (None where it has none); None when `questions` is not a list."""
    if not isinstance(first, SequenceStartEvent):
        _skip(events, first)
        return None
    ids: list[str | None] = []
    while not isinstance(event := next(events), SequenceEndEvent):
        if not isinstance(event, MappingStartEvent):
            _skip(events, event)
            ids.append(None)
            continue
        ids.append(None)
        for key, value in _mapping_items(events):
            if key == "id":
                ids[-1] = _value(events, value)
            else:
                _skip(events, value)
    return ids


def _value(events: Iterator[Event], first: Event) -> Any:
    """Plain Python for the node starting at `first`: str (or None) scalars, lists, dicts."""
    if isinstance(first, ScalarEvent):
        plain = first.style is None and first.implicit[0]
        return None if plain and _NULL.match(first.value) else first.value
    if isinstance(first, SequenceStartEvent):
        items = []
        while not isinstance(event := next(events), SequenceEndEvent):
            items.append(_value(events, event))
        return items
    if isinstance(first, MappingStartEvent):
        return {_hashable(key): value for key, value in _pairs(events)}
    return None  # an alias: the map's fields never use one


def _pairs(events: Iterator[Event]) -> Iterator[tuple[Any, Any]]:
    for key, first in _mapping_items(events):
        yield key, _value(events, first)


def _hashable(key: Any) -> Any:
    return key if isinstance(key, (str, type(None))) else repr(key)


def _skip(events: Iterator[Event], first: Event) -> None:
    """Consume the node starting at `first` without building anything."""
    if isinstance(first, (ScalarEvent, AliasEvent)):
        return
    depth = 1
    while depth:
        event = next(events)
        if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
            depth += 1
        elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            depth -= 1
