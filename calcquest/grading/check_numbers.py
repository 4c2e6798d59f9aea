"""The `numeric` and `limit` kinds: a number within rtol/atol, or oo, -oo, DNE for limits.

Exact forms are numbers too: `1/3`, `sqrt(2)`, `pi/4` are evaluated with 30 digits before
the tolerance test |r - e| <= atol + rtol * |e|. Feedback never reveals the value: a wrong
number is "too large" or "too small" unless a rule (rounded too early, sign) explains it.
"""

from __future__ import annotations

import sympy

from calcquest.grading.check_base import Checker, Outcome, Prepared
from calcquest.grading.check_expression import explain_scalar
from calcquest.grading.reading import Answer
from calcquest.grading.sampling import number_value
from calcquest.grading.verdict import SpecError


def within(spec, response: sympy.Expr, expected: sympy.Expr) -> bool:
    """Whether two constant expressions agree within the spec's tolerance."""
    r, e = number_value(response), number_value(expected)
    return r is not None and e is not None and abs(r - e) <= spec.atol + spec.rtol * abs(e)


class NumericChecker(Checker):
    """Right when the response is a real number within rtol/atol of `expected`."""

    kind = "numeric"
    shapes = ("scalar", "dne")

    def check_expected(self, prepared: Prepared) -> None:
        """The answer of a numeric question must be a finite real number."""
        expected = prepared.expected
        if expected.shape != "scalar" or number_value(expected.value) is None:
            raise SpecError(
                f"expected {expected.text!r} is not a finite real number (kind numeric)",
                "For an infinite or missing value use kind: limit.",
            )

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """The tolerance test on the two values ("DNE" is a claim, and wrong, here)."""
        if answer.shape == "dne":
            return Outcome(False, "This one has a value; work it out.")
        if not within(prepared.spec, answer.value, prepared.expected.value):
            return Outcome(False)
        return Outcome(True)

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Rounded too early, a flipped sign, else too large / too small."""
        if answer.value.free_symbols:
            names = ", ".join(sorted(s.name for s in answer.value.free_symbols))
            return Outcome(False, f"The answer is a number, and yours contains {names}.")
        return explain_scalar(
            prepared, self.kind, answer.value, prepared.expected.value, answer.text
        )


def limit_class(answer: Answer) -> str:
    """ "dne", "oo", "-oo", "number", or "other" (complex infinity, not real)."""
    if answer.shape == "dne":
        return "dne"
    if answer.value == sympy.oo:
        return "oo"
    if answer.value == -sympy.oo:
        return "-oo"
    return "number" if number_value(answer.value) is not None else "other"


#: What to say when the response is the wrong sort of limit: (expected, response) -> text.
LIMIT_HINTS = {
    "dne": "Compare the values from the left and from the right.",
    ("number", "oo"): "Here the values settle toward a finite number.",
    ("number", "-oo"): "Here the values settle toward a finite number.",
    ("number", "dne"): "This limit exists; look at where the values are heading.",
    "infinite": "Look again at how the values behave near the point.",
    "other": "A limit is a real number, oo, -oo, or DNE.",
}


class LimitChecker(NumericChecker):
    """Right when both are numbers within tolerance, or both oo, both -oo, or both DNE."""

    kind = "limit"
    shapes = ("scalar", "dne")

    def check_expected(self, prepared: Prepared) -> None:
        """A limit's answer is a real number, oo, -oo or DNE."""
        if limit_class(prepared.expected) == "other":
            raise SpecError(
                f"expected {prepared.expected.text!r} is not a number, oo, -oo or DNE (kind limit)"
            )

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Same class, and for numbers the tolerance test."""
        want, got = limit_class(prepared.expected), limit_class(answer)
        if want == "number" and got == "number":
            return super().judge(prepared, answer)
        return Outcome(want == got)

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """A sign slip between oo and -oo, or a hint about what the values do."""
        want, got = limit_class(prepared.expected), limit_class(answer)
        if want == "number" and got == "number":
            return super().explain(prepared, answer)
        if {want, got} == {"oo", "-oo"}:
            return Outcome(False, "Check the sign: the values run off the other way.", "sign")
        if got == "other":
            return Outcome(False, LIMIT_HINTS["other"])
        if want == "dne":
            return Outcome(False, LIMIT_HINTS["dne"])
        return Outcome(False, LIMIT_HINTS.get((want, got), LIMIT_HINTS["infinite"]))
