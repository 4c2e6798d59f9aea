"""The `expression` kind, and the scalar judging that vectors, matrices and equations reuse.

A response is right when it equals `expected` as a function of the spec's variables on
their domains (see `equivalence`). A wrong one is explained by the first built-in rule that
fits, else by a counterexample point; a wrong *number* is only said to be too large or too
small, so the feedback never gives the answer away.

Feedback is one or two plain sentences without a "Correct" / "Not quite" headline: every
front end (the game, plain mode, `calcquest grade`) shows its own verdict line above it.
"""

from __future__ import annotations

import sympy

from calcquest.grading.check_base import (
    Checker,
    Outcome,
    Prepared,
    same_function,
    tolerance_for,
)
from calcquest.grading.clue import Clue
from calcquest.grading.counterexample import counterexample
from calcquest.grading.feedback import explain
from calcquest.grading.reading import Answer
from calcquest.grading.sampling import number_value
from calcquest.grading.verdict import SpecError


def main_variable(prepared: Prepared, *exprs: sympy.Expr) -> sympy.Symbol | None:
    """The first declared variable that the expressions involve (derivative rules use it)."""
    involved = set().union(*(e.free_symbols for e in exprs))
    return next((s for s in prepared.space.symbols if s in involved), None)


def number_feedback(response: sympy.Expr, expected: sympy.Expr) -> str:
    """ "too large" / "too small" for a wrong number, without revealing the answer."""
    r, e = number_value(response), number_value(expected)
    if r is None:
        return "Your answer is not a real number."
    if e is None or r == e:
        return "That is not the right number."
    return f"Your answer is too {'large' if r > e else 'small'}."


def explain_scalar(
    prepared: Prepared, kind: str, response: sympy.Expr, expected: sympy.Expr, text: str
) -> Outcome:
    """The built-in rules, then a counterexample (functions) or too large/small (numbers)."""
    tolerance = tolerance_for(prepared.spec, expected)
    clue = Clue(
        kind,
        response,
        expected,
        prepared.space,
        text,
        tolerance,
        var=main_variable(prepared, expected, response),
        raw_response=response,
    )
    if hit := explain(clue):
        return Outcome(False, hit.feedback, hit.mistake)
    if not expected.free_symbols and not response.free_symbols:
        return Outcome(False, number_feedback(response, expected))
    if not expected.free_symbols:  # a counterexample would give the number away
        names = " and ".join(sorted(s.name for s in response.free_symbols))
        return Outcome(False, f"The right answer is a number; yours depends on {names}.")
    decision = same_function(prepared, response, expected)
    message = counterexample(
        response, expected, prepared.space, decision.witness, tolerance=tolerance
    )
    return Outcome(False, message or "That is not equal to the right answer.")


def correct_message(answer_text: str, expected_text: str) -> str | None:
    """The reference form when the player wrote it differently ("It equals 2*x + 2."), else
    None: the game says "Correct" itself, so feedback never repeats it."""
    if answer_text.replace(" ", "") == expected_text.replace(" ", ""):
        return None
    return f"It equals {expected_text}."


class ExpressionChecker(Checker):
    """Right when the response equals `expected` as a function of the spec's variables."""

    kind = "expression"
    shapes = ("scalar",)

    def check_expected(self, prepared: Prepared) -> None:
        """An expression spec needs one expression as its answer."""
        if prepared.expected.shape != "scalar":
            raise SpecError("expected must be a single expression for kind expression")

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Equal on the domain (numeric test, then SymPy when inconclusive)."""
        expected = prepared.expected
        if not same_function(prepared, answer.value, expected.value).equal:
            return Outcome(False)
        return Outcome(True, correct_message(answer.text, expected.text))

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """A built-in rule, else a counterexample."""
        return explain_scalar(
            prepared, self.kind, answer.value, prepared.expected.value, answer.text
        )
