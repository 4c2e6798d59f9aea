"""Load one level or world file, or explain everything that is wrong with it.

`read_level`/`read_world` never raise: they return the model (when valid) with every problem
found: YAML syntax, tabs, duplicate keys, refused tags, schema errors with suggestions, what
each answer kind needs, unknown `{parameters}`, expressions that do not parse and scene
parameters. `load_level`/`load_world` raise a `LevelFileError` listing all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from calcquest.levels.expressions import ExpressionChecker
from calcquest.levels.model_errors import problems_from_validation
from calcquest.levels.params import draw_params
from calcquest.levels.problems import LevelFileError, Problem, format_field, sort_problems
from calcquest.levels.question_rules import question_problems
from calcquest.levels.scene_rules import scene_problems
from calcquest.levels.schema import FORMAT_VERSION, Level, Question, World
from calcquest.levels.yaml_source import SourceMap, read_yaml


@dataclass
class Source:
    """A file as read: its model (None when invalid), where each value sits, what is wrong."""

    path: Path
    model: Any
    source: SourceMap
    problems: list[Problem] = field(default_factory=list)


def read_level(
    path: Path | str, shown: Path | str | None = None, *, expressions: bool = True
) -> Source:
    """Read and fully validate a level file; `.model` is a Level only when there is no problem.

    With `expressions=False` the answer parser is not run (no SymPy import), for a fast
    start-up of the game; `calcquest validate` and `check` always run it."""
    path = Path(path)
    file = path if shown is None else shown
    data, source, problems = read_yaml(path, file)
    model = None
    if _is_document(data, problems, file, "level", "id, title, world, lesson and questions"):
        model = _validated(Level, data, source, file, problems)
        _format_version(data, source, file, problems)
        _level_rules(data, source, file, problems, expressions)
    problems = sort_problems(problems)
    return Source(path, model if not problems else None, source, problems)


def read_world(path: Path | str, shown: Path | str | None = None) -> Source:
    """Read and validate a `world.yaml`; `.model` is a World only when there is no problem."""
    path = Path(path)
    file = path if shown is None else shown
    data, source, problems = read_yaml(path, file)
    model = None
    if _is_document(data, problems, file, "world", "id, title, order and blurb"):
        model = _validated(World, data, source, file, problems)
        _format_version(data, source, file, problems)
    problems = sort_problems(problems)
    return Source(path, model if not problems else None, source, problems)


def load_level(path: Path | str) -> Level:
    """The level in `path`; raises LevelFileError listing every problem in the file."""
    read = read_level(path)
    if read.problems:
        raise LevelFileError(read.problems)
    return read.model


def load_world(path: Path | str) -> World:
    """The world in `path` (a world.yaml); raises LevelFileError listing every problem."""
    read = read_world(path)
    if read.problems:
        raise LevelFileError(read.problems)
    return read.model


def _is_document(
    data: Any, problems: list[Problem], file: Path | str, what: str, keys: str
) -> bool:
    if problems and data is None:
        return False
    if data is None:
        hint = "start from `calcquest new level FILE`" if what == "level" else f"give {keys}"
        problems.append(Problem(file, 1, 1, "", f"the file is empty; {hint}"))
        return False
    if not isinstance(data, dict):
        problems.append(Problem(file, 1, 1, "", f"a {what} file is a mapping of keys: {keys}"))
        return False
    return True


def _validated(
    model: type[BaseModel], data: dict, source: SourceMap, file: Path | str, problems: list
) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from_validation(error, data, source, file, model))
        return None


def _format_version(data: dict, source: SourceMap, file: Path | str, problems: list) -> None:
    version = data.get("format", FORMAT_VERSION)
    if isinstance(version, int) and version > FORMAT_VERSION:
        line, column = source.locate(("format",))
        message = (
            f"this file uses level format {version}, but this calcquest reads format "
            f"{FORMAT_VERSION}; update calcquest (pip install -U calcquest)"
        )
        problems.append(Problem(file, line, column, "format", message))


def _level_rules(
    data: dict, source: SourceMap, file: Path | str, problems: list, expressions: bool
) -> None:
    """Per-question rules and the scene, each on the parts that are valid on their own, so
    a broken question never hides problems in the others."""
    checker = ExpressionChecker(file, source, problems, enabled=expressions)
    questions = data.get("questions")
    valid: list[Question | None] = []
    for index, raw in enumerate(questions if isinstance(questions, list) else []):
        question = _quietly(Question, raw)
        valid.append(question)
        if question is not None:
            question_problems(question, ("questions", index), checker)
    first = valid[0] if valid else None
    if data.get("scene") is not None:
        scene_problems(data["scene"], _first_values(first), checker)
    _unique_question_ids(valid, checker)


def _quietly(model: type[BaseModel], raw: Any) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError:
        return None


def _first_values(question: Question | None) -> dict | None:
    """Question 0's parameters (seed 0) for the scene; None when it is itself invalid."""
    if question is None:
        return None
    try:
        return draw_params(question.params, seed=0)
    except ValueError:
        return None  # reported with the question's params


def _unique_question_ids(questions: list[Question | None], checker: ExpressionChecker) -> None:
    seen: dict[str, int] = {}
    for index, question in enumerate(questions):
        if question is None or question.id is None:
            continue
        if question.id in seen:
            path = ("questions", index, "id")
            line, column = checker.source.locate(path)
            message = f"duplicate question id '{question.id}' (also questions[{seen[question.id]}])"
            checker.problems.append(
                Problem(checker.file, line, column, format_field(path), message)
            )
        else:
            seen[question.id] = index
