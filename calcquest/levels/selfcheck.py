"""Prove a level grades the way its author meant (`calcquest check`).

For every question and up to `draws` seeded parameter draws: the answer key is usable, the
expected answer grades right, every `accept` answer grades right, and every `mistakes` answer
grades wrong *and* shows its own feedback. The scene must build and draw. Each failure is a
`Problem` at the line of the answer that misbehaves, naming the parameters of the draw.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from calcquest.grading.spec import AnswerSpec
from calcquest.levels.instantiate import PlayableQuestion, instantiate, instantiate_scene
from calcquest.levels.loader import Source
from calcquest.levels.params import format_value
from calcquest.levels.problems import FieldPath, Problem, format_field

#: Grades one response against a spec: `GradingPool.grade` or `grade_here`.
Grader = Callable[[AnswerSpec, str], "Verdict"]  # noqa: F821 - Verdict is grading's

#: How many seeded parameter draws each question with parameters is checked with.
DRAWS = 20
_SCENE_DRAWS = 3


@dataclass
class LevelCheck:
    """What checking one level file found."""

    path: Path
    level_id: str | None
    problems: list[Problem] = field(default_factory=list)
    graded: int = 0
    draws: int = 0

    @property
    def ok(self) -> bool:
        """True when the level grades exactly as its author meant."""
        return not self.problems


def check_level(source: Source, grade: Grader, *, draws: int = DRAWS) -> LevelCheck:
    """Grade a valid level's own answers over seeded draws and build its scene."""
    level = source.model
    report = LevelCheck(source.path, level.id)
    seen_fields: set[FieldPath] = set()

    def problem(path: FieldPath, message: str) -> None:
        if path not in seen_fields:  # one report per field, from the first failing draw
            seen_fields.add(path)
            line, column = source.source.locate(path)
            report.problems.append(Problem(source.path, line, column, format_field(path), message))

    for index, question in enumerate(level.questions):
        for playable in _distinct_draws(level, index, draws if question.params else 1):
            report.draws += 1
            report.graded += _check_draw(playable, len(question.answer.mistakes), grade, problem)
    _check_scene(source, problem)
    return report


def _distinct_draws(level, index: int, count: int) -> list[PlayableQuestion]:
    found: dict[tuple, PlayableQuestion] = {}
    for seed in range(count):
        playable = instantiate(level, index, seed)
        found.setdefault(tuple(sorted(playable.params.items())), playable)
    return list(found.values())


def _with(playable: PlayableQuestion) -> str:
    if not playable.params:
        return ""
    values = ", ".join(f"{k} = {format_value(v)}" for k, v in playable.params.items())
    return f" (with {values})"


def _check_draw(playable: PlayableQuestion, own: int, grade: Grader, problem) -> int:
    """Grade one draw's answers (`own`: how many mistakes the answer spec itself lists);
    returns how many responses were graded."""
    from calcquest.grading import spec_problems

    at = ("questions", playable.index)
    spec, params = playable.spec, _with(playable)
    unusable = spec_problems(spec)
    for message in unusable:
        problem((*at, "answer"), f"the answer key cannot be used{params}: {message}")
    if unusable:
        return 0  # every response would only repeat that the key is unusable
    graded = 0
    expected = response_text(spec.expected)
    if expected is not None:
        graded += 1
        _must_be_right(
            grade(spec, expected), expected, (*at, "answer", "expected"), params, problem
        )
    for number, text in enumerate(playable.accept):
        graded += 1
        _must_be_right(grade(spec, text), text, (*at, "accept", number), params, problem)
    for path, mistake in _mistake_paths(playable, own, at):
        graded += 1
        _must_be_mistake(grade(spec, mistake.answer), mistake, path, params, problem)
    return graded


def _mistake_paths(
    playable: PlayableQuestion, own: int, at: FieldPath
) -> list[tuple[FieldPath, object]]:
    """Each merged mistake with the YAML place it came from (the spec's own come first)."""
    merged = playable.spec.mistakes
    return [
        ((*at, "answer", "mistakes", i) if i < own else (*at, "mistakes", i - own), mistake)
        for i, mistake in enumerate(merged)
    ]


def response_text(expected) -> str | None:
    """The expected value as a player would type it: `2*x`, `6`, `[2*w, 2*b]`, `[[1, 0], ...]`."""
    if expected is None or isinstance(expected, bool):
        return None
    if isinstance(expected, list):
        parts = [response_text(item) for item in expected]
        return None if None in parts else "[" + ", ".join(parts) + "]"
    if isinstance(expected, (int, float)):
        return format_value(expected)
    return str(expected)


def _reason(verdict) -> str:
    return verdict.error or verdict.feedback or "graded wrong"


def _must_be_right(verdict, text: str, path: FieldPath, params: str, problem) -> None:
    if not verdict.counted:
        problem(path, f"'{text}' cannot be graded{params}: {verdict.error}")
    elif not verdict.correct:
        field = "the expected answer" if path[-1] == "expected" else "an accept answer"
        problem(path, f"{field} '{text}' grades wrong{params}: {_reason(verdict)}")


def _must_be_mistake(verdict, mistake, path: FieldPath, params: str, problem) -> None:
    answer = (*path, "answer")
    if not verdict.counted:
        problem(answer, f"'{mistake.answer}' cannot be graded{params}: {verdict.error}")
    elif verdict.correct:
        problem(answer, f"'{mistake.answer}' grades right{params}, but a mistake must grade wrong")
    elif verdict.mistake != "author" or verdict.feedback != mistake.feedback:
        problem(
            answer,
            f"'{mistake.answer}' grades wrong{params} but shows other feedback: "
            f"'{verdict.feedback}' (is an earlier mistake the same answer?)",
        )


def _check_scene(source: Source, problem) -> None:
    level = source.model
    if level.scene is None:
        return
    seeds = range(_SCENE_DRAWS if level.questions[0].params else 1)
    for seed in seeds:
        message = scene_failure(level, seed)
        if message:
            playable = instantiate(level, 0, seed)
            at, message = _scene_field(message, source)
            problem(at, f"the scene does not build{_with(playable)}: {message}")
            return


def _scene_field(message: str, source: Source) -> tuple[FieldPath, str]:
    """The scene parameter a scene's message starts with (`x[1]: 'oo' is not finite`) and
    the rest of the message, so the problem sits on that parameter's line; else the scene."""
    match = re.match(r"([A-Za-z_]\w*)((?:\[\d+\])*): ", message)
    if match is None:
        return ("scene",), message
    indices = tuple(int(i) for i in re.findall(r"\d+", match.group(2)))
    path = ("scene", match.group(1), *indices)
    if path not in source.source.values:
        return ("scene",), message
    return path, message[match.end() :]


def scene_failure(level, seed: int) -> str | None:
    """Why the level's scene (with the draw of `seed`) fails to build or draw, else None."""
    from calcquest.errors import CalcquestError
    from calcquest.scenes import scene_from_spec

    try:
        scene = scene_from_spec(instantiate_scene(level, seed))
        scene.render(scene.frame_count - 1, 80, 20, False)
    except CalcquestError as error:
        return error.message
    except Exception as error:  # noqa: BLE001 - a scene bug is reported, never a crash
        return f"{type(error).__name__}: {error}"
    return None
