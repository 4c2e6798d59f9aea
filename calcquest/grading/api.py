"""`grade_here`: the whole check of one response, in this process, with no time limit.

The order of decisions, the same for every kind:

1. The spec is validated and prepared once (cached): the author's text read with our parser.
   A broken spec is the author's problem: a not-counted verdict saying so.
2. An empty or unreadable response is not counted (the parser's message, with its column);
   so is a response of the wrong shape (a vector where one expression is wanted).
3. The kind's checker judges it. A wrong answer is then explained by, in order: the author's
   `mistakes`, the checker's own structural reason (wrong length, missed initial condition),
   the built-in mistake rules, and finally a counterexample.

`grade` (in `pool`) runs this in a killable worker process with a hard time limit.
"""

from __future__ import annotations

import time
from functools import lru_cache

from calcquest.grading.check_antiderivative import AntiderivativeChecker
from calcquest.grading.check_base import Checker, Outcome, Prepared
from calcquest.grading.check_choice import ChoiceChecker
from calcquest.grading.check_equation import EquationChecker
from calcquest.grading.check_expression import ExpressionChecker
from calcquest.grading.check_numbers import LimitChecker, NumericChecker
from calcquest.grading.check_ode import OdeChecker
from calcquest.grading.check_shapes import MatrixChecker, VectorChecker
from calcquest.grading.parser import AnswerSyntaxError
from calcquest.grading.reading import Answer
from calcquest.grading.spec import AnswerSpec
from calcquest.grading.specs import coerce_spec
from calcquest.grading.verdict import SpecError, Verdict, broken_spec, unreadable

CHECKERS: dict[str, Checker] = {
    checker.kind: checker
    for checker in (
        ExpressionChecker(),
        NumericChecker(),
        LimitChecker(),
        VectorChecker(),
        MatrixChecker(),
        EquationChecker(),
        AntiderivativeChecker(),
        OdeChecker(),
        ChoiceChecker(),
    )
}


@lru_cache(maxsize=256)
def _prepare_cached(spec_json: str) -> Prepared:
    spec = AnswerSpec.model_validate_json(spec_json)
    return CHECKERS[spec.kind].prepare(spec)


def prepare(spec: AnswerSpec | dict) -> Prepared:
    """The spec ready to grade (cached by content); SpecError when it cannot be used."""
    return _prepare_cached(coerce_spec(spec).model_dump_json(exclude_unset=True))


def spec_problems(spec: AnswerSpec | dict) -> list[str]:
    """Everything wrong with a spec's own text (for `calcquest check`); empty when fine."""
    try:
        return list(prepare(spec).problems)
    except SpecError as exc:
        return [exc.message]


def _matches(checker: Checker, prepared: Prepared, answer: Answer, mistake: Answer) -> bool:
    try:
        return checker.matches(prepared, answer, mistake)
    except (TypeError, ValueError, AttributeError, IndexError):
        return False  # a mistake of another shape simply does not match


def decide(checker: Checker, prepared: Prepared, answer: Answer) -> Outcome:
    """Judge, then explain a wrong answer (author mistakes, reason, rules, counterexample)."""
    outcome = checker.judge(prepared, answer)
    if outcome.correct:
        return outcome
    for mistake, feedback in prepared.mistakes:
        if _matches(checker, prepared, answer, mistake):
            return Outcome(False, feedback, "author")
    if outcome.feedback:
        return outcome
    return checker.explain(prepared, answer)


def grade_here(spec: AnswerSpec | dict, response: str) -> Verdict:
    """Grade one response in this process (no time limit; `grade` adds one)."""
    started = time.perf_counter()
    verdict = _grade(spec, response)
    return verdict.with_ms((time.perf_counter() - started) * 1000)


def _grade(spec: AnswerSpec | dict, response: str) -> Verdict:
    try:
        prepared = prepare(spec)
    except SpecError as exc:
        return broken_spec(exc)
    if not isinstance(response, str) or not response.strip():
        return unreadable("Type an answer first.")
    checker = CHECKERS[prepared.spec.kind]
    try:
        answer = prepared.names.read(response)
    except AnswerSyntaxError as exc:
        return unreadable(checker.reading_problem(prepared, exc))
    if problem := checker.shape_problem(prepared, answer):
        return unreadable(problem, interpreted=answer.text)
    try:
        outcome = decide(checker, prepared, answer)
    except Exception as exc:  # a checker bug must never reach the player as a traceback
        return unreadable(
            f"That answer could not be checked ({type(exc).__name__}); it does not count.",
            interpreted=answer.text,
        )
    return Verdict(
        correct=outcome.correct,
        counted=True,
        interpreted=answer.text,
        feedback=outcome.feedback,
        mistake=outcome.mistake,
    )
