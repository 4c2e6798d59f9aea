"""What every answer-kind checker shares: the prepared spec, the outcome, the base class.

A checker is prepared once per spec (the author's text read, the test space built, the
mistakes read), then judges responses. The flow in `api.grade_here` is: `judge` decides;
if wrong, the author's `mistakes` are tried with `matches`; then `explain` runs the built-in
rules and, failing those, finds a counterexample.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from calcquest.grading.equivalence import STRICT, Decision, Tolerance, compare
from calcquest.grading.parser import AnswerSyntaxError
from calcquest.grading.reading import Answer, Names, read_author, space_for
from calcquest.grading.sampling import Space
from calcquest.grading.spec import AnswerSpec
from calcquest.grading.verdict import SpecError, sentence


@dataclass(frozen=True)
class Outcome:
    """A checker's decision and, when it has one, the message and the rule that explains it."""

    correct: bool
    feedback: str | None = None
    mistake: str | None = None


@dataclass
class Prepared:
    """A spec made ready to grade: the names a response may use, the expected value, etc."""

    spec: AnswerSpec
    names: Names
    space: Space
    expected: Answer | None = None
    mistakes: list[tuple[Answer, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


class Checker:
    """One answer kind. Subclasses override `judge` and, where the kind needs it, the rest."""

    kind = ""
    #: The response shapes this kind can judge; any other shape is not counted.
    shapes: tuple[str, ...] = ("scalar",)
    #: Whether the spec must give `expected`.
    needs_expected = True

    def names(self, spec: AnswerSpec) -> Names:
        """The names a response (and the author's text) may use."""
        return Names(tuple(spec.var_names()))

    def prepare(self, spec: AnswerSpec) -> Prepared:
        """Read the author's text once; SpecError when the spec cannot be used."""
        names = self.names(spec)
        prepared = Prepared(spec, names, space_for(spec, names.symbols()))
        if spec.expected is not None or self.needs_expected:
            prepared.expected = read_author(names, spec.expected, "expected")
            self.check_expected(prepared)
        self.prepare_more(prepared)
        self._read_mistakes(prepared)
        return prepared

    def check_expected(self, prepared: Prepared) -> None:
        """Refuse an expected value of the wrong shape for this kind (override)."""

    def prepare_more(self, prepared: Prepared) -> None:
        """Kind-specific preparation, e.g. reading the ODE (override)."""

    def _read_mistakes(self, prepared: Prepared) -> None:
        for index, mistake in enumerate(prepared.spec.mistakes):
            try:
                answer = read_author(prepared.names, mistake.answer, f"mistakes[{index}].answer")
            except SpecError as exc:
                prepared.problems.append(exc.message)
                continue
            prepared.mistakes.append((answer, mistake.feedback))

    def reading_problem(self, prepared: Prepared, error: AnswerSyntaxError) -> str:
        """What the player reads when the response cannot be read (it is then not counted):
        the parser's message as a sentence, with its next step."""
        return sentence(error.message, error.hint)

    def shape_problem(self, prepared: Prepared, answer: Answer) -> str | None:
        """Why a response of this shape cannot be judged here (it is then not counted)."""
        if answer.shape in self.shapes:
            return None
        wanted = " or ".join(SHAPE_WORDS[s] for s in self.shapes if s != "dne")
        return f"This question wants {wanted}, and that reads as {SHAPE_WORDS[answer.shape]}."

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Right or wrong (a wrong outcome may already say why, e.g. a wrong length)."""
        raise NotImplementedError

    def matches(self, prepared: Prepared, answer: Answer, mistake: Answer) -> bool:
        """Whether the response is equivalent to an author's listed mistake."""
        spec = prepared.spec
        twin = Prepared(spec, prepared.names, prepared.space, mistake, extra=prepared.extra)
        return self.judge(twin, answer).correct

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Why a wrong answer is wrong: a built-in rule, else a counterexample."""
        return Outcome(False, "That is not the right answer.")


def numeric_tolerance(spec: AnswerSpec) -> Tolerance:
    """The spec's rtol/atol, for answers that are numbers."""
    return Tolerance(rtol=spec.rtol, atol=spec.atol)


def tolerance_for(spec: AnswerSpec, expected: sympy.Expr) -> Tolerance:
    """Numbers get the spec's tolerance; functions an exact test, unless the author set one."""
    if not expected.free_symbols or {"rtol", "atol"} & spec.model_fields_set:
        return numeric_tolerance(spec)
    return STRICT


def same_function(prepared: Prepared, response: sympy.Expr, expected: sympy.Expr) -> Decision:
    """The equivalence test for two scalar expressions under this spec."""
    space = prepared.space.extended(
        sorted(response.free_symbols - set(prepared.space.symbols), key=str)
    )
    return compare(response, expected, space, tolerance_for(prepared.spec, expected))


def scalar_value(answer: Answer) -> sympy.Expr | None:
    """The SymPy expression of a scalar answer, else None."""
    return answer.value if answer.shape == "scalar" else None


SHAPE_WORDS = {
    "scalar": "a single expression",
    "vector": "a vector like [a, b]",
    "matrix": "a matrix like [[a, b], [c, d]]",
    "equation": "an equation like y = 2x + 1",
    "dne": "DNE",
    "choice": "one of the option letters",
}
