"""The `choice` kind: the chosen option's key matches the expected key.

Keys are compared case-insensitively; the parser accepts `b`, `(b)`, `B` or `option b` when
it is given the option keys. Anything else is not counted, with the keys listed.
"""

from __future__ import annotations

from calcquest.grading.check_base import Checker, Outcome, Prepared
from calcquest.grading.reading import Answer, Names
from calcquest.grading.sampling import Space
from calcquest.grading.spec import AnswerSpec
from calcquest.grading.verdict import SpecError


def _keys(spec: AnswerSpec) -> tuple[str, ...]:
    keys = tuple(str(k) for k in spec.options)
    return keys or ((str(spec.expected),) if spec.expected is not None else ())


class ChoiceChecker(Checker):
    """Right when the response picks the expected option."""

    kind = "choice"
    shapes = ("choice",)

    def names(self, spec: AnswerSpec) -> Names:
        """No variables: only the option keys can be typed."""
        return Names((), choice_keys=_keys(spec))

    def prepare(self, spec: AnswerSpec) -> Prepared:
        """The expected key must be one of the options."""
        keys = _keys(spec)
        expected = str(spec.expected) if spec.expected is not None else ""
        if expected.lower() not in {k.lower() for k in keys}:
            raise SpecError(f"expected {expected!r} is not one of the option keys {list(keys)}")
        prepared = Prepared(spec, self.names(spec), Space((), ()))
        prepared.expected = Answer("choice", expected, expected)
        for mistake in spec.mistakes:
            prepared.mistakes.append(
                (Answer("choice", mistake.answer, mistake.answer), mistake.feedback)
            )
        return prepared

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Case-insensitive key comparison."""
        if str(answer.value).lower() != prepared.expected.value.lower():
            return Outcome(False)
        option = prepared.spec.options.get(prepared.expected.value)
        return Outcome(True, f"Correct: {option}." if option else "Correct.")

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """No rule library for choices: the author's mistakes say why an option is wrong."""
        return Outcome(False, "Not this one.")
