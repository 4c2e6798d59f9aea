"""The `choice` kind: the chosen option's key matches the expected key.

Keys are compared case-insensitively; the parser accepts `b`, `(b)`, `B` or `option b` when
it is given the option keys. Anything else is not counted, with the keys listed.
"""

from __future__ import annotations

from calcquest.grading.check_base import Checker, Outcome, Prepared
from calcquest.grading.parser import AnswerSyntaxError
from calcquest.grading.reading import Answer, Names
from calcquest.grading.sampling import Space
from calcquest.grading.spec import AnswerSpec
from calcquest.grading.verdict import SpecError


def _keys(spec: AnswerSpec) -> tuple[str, ...]:
    keys = tuple(str(k) for k in spec.options)
    return keys or ((str(spec.expected),) if spec.expected is not None else ())


def _option_text(spec: AnswerSpec, key: str) -> str:
    """The text of option `key`, matching the key without regard to case ("" if none)."""
    for option_key, text in spec.options.items():
        if str(option_key).lower() == key.lower():
            return str(text).strip()
    return ""


def _as_sentence(text: str) -> str | None:
    """An option's text as the sentence shown under "Correct": "it keeps the direction" ->
    "It keeps the direction.". A formula ("x^2") is left as it is; None for no text."""
    if not text:
        return None
    first = text.split()[0]
    if first.isalpha() and first.islower() and len(first) > 1:
        text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" or " " not in text else text + "."


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

    def reading_problem(self, prepared: Prepared, error: AnswerSyntaxError) -> str:
        """Anything but an option key gets the list of keys, never a formula's message."""
        keys = list(prepared.names.choice_keys)
        listed = ", ".join(keys[:-1]) + f" or {keys[-1]}" if len(keys) > 1 else keys[0]
        return f"That is not one of the options; type {listed}."

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Case-insensitive key comparison."""
        if str(answer.value).lower() != prepared.expected.value.lower():
            return Outcome(False)
        return Outcome(True, _as_sentence(_option_text(prepared.spec, prepared.expected.value)))

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """No rule library for choices: the author's mistakes say why an option is wrong."""
        return Outcome(False, "Not this one.")
