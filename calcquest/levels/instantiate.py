"""Turn a level's question into the concrete question a player sees on one attempt.

`instantiate(level, index, seed)` draws the question's parameters from `seed`, substitutes
them into the prompt, the answer spec, accept, mistakes, hints and why, and merges the
question's `mistakes` into the spec so the grader can recognise them. The same seed always
gives the same question, so an attempt can be replayed and a stored attempt explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from calcquest.grading.spec import AnswerSpec, Mistake
from calcquest.levels.params import ParamValue, draw_params, substitute, substitute_all
from calcquest.levels.schema import Level, Question, SceneSpec


@dataclass(frozen=True)
class PlayableQuestion:
    """One question as asked on one attempt: parameters drawn, text filled in."""

    level_id: str
    question_id: str
    index: int
    prompt: str
    spec: AnswerSpec
    hints: list[str]
    why: str | None
    params: dict[str, ParamValue]
    seed: int
    accept: list[str] = field(default_factory=list)
    """Other right forms, with parameters filled in (what `calcquest check` grades)."""


def instantiate(level: Level, question_index: int, seed: int) -> PlayableQuestion:
    """The question at `question_index` with its parameters drawn from `seed`."""
    question = level.questions[question_index]
    values = draw_params(question.params, seed)
    return PlayableQuestion(
        level_id=level.id,
        question_id=question.id or f"q{question_index + 1}",
        index=question_index,
        prompt=substitute(question.prompt, values),
        spec=instantiate_spec(question, values),
        hints=[substitute(hint, values) for hint in question.hints],
        why=substitute(question.why, values) if question.why else None,
        params=values,
        seed=seed,
        accept=[substitute(text, values, in_expression=True) for text in question.accept],
    )


def instantiate_spec(question: Question, values: dict[str, ParamValue]) -> AnswerSpec:
    """The question's answer spec with parameters substituted and its mistakes merged in."""
    spec = question.answer
    data = spec.model_dump()
    for name in ("expected", "ode", "integrand", "ics"):
        data[name] = substitute_all(data[name], values, in_expression=True)
    data["options"] = substitute_all(data["options"], values, in_expression=False)
    data["mistakes"] = [
        _mistake(m.answer, m.feedback, values).model_dump()
        for m in [*spec.mistakes, *question.mistakes]
    ]
    return AnswerSpec.model_validate(data)


def _mistake(answer: str, feedback: str, values: dict[str, ParamValue]) -> Mistake:
    return Mistake(
        answer=substitute(answer, values, in_expression=True),
        feedback=substitute(feedback, values),
    )


def instantiate_scene(level: Level, seed: int) -> SceneSpec | None:
    """The level's scene with the parameters of its first question (drawn from `seed`)
    substituted into every string, or None when the level has no scene."""
    if level.scene is None:
        return None
    values = draw_params(level.questions[0].params, seed)
    data = level.scene.model_dump()
    scene = substitute_all(data, values, in_expression=True, whole_values=True)
    return SceneSpec.model_validate(scene)
