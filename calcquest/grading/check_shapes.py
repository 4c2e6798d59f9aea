"""The `vector` and `matrix` kinds: the same size, and every entry equal.

Each entry is judged like an `expression` (numbers with the spec's tolerance), so a wrong
entry gets the same rules and counterexamples, prefixed with where it is: "Entry 2: ...".
"""

from __future__ import annotations

from calcquest.grading.check_base import Checker, Outcome, Prepared, same_function
from calcquest.grading.check_expression import explain_scalar
from calcquest.grading.parser.printer import learner_text
from calcquest.grading.reading import Answer
from calcquest.grading.verdict import SpecError


def _entries(value) -> list:
    """Entries in reading order (row by row for a matrix)."""
    return [item for row in value for item in row] if isinstance(value[0], tuple) else list(value)


def _first_wrong(prepared: Prepared, answer: Answer) -> int | None:
    pairs = zip(_entries(answer.value), _entries(prepared.expected.value), strict=True)
    for index, (got, want) in enumerate(pairs):
        if not same_function(prepared, got, want).equal:
            return index
    return None


def _entries_word(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def _lower_first(text: str) -> str:
    """ "Check the sign." -> "check the sign.", to follow "Entry 2: "."""
    return text[:1].lower() + text[1:]


def _size(value) -> str:
    return f"{len(value)}x{len(value[0])}"


class VectorChecker(Checker):
    """Right when the response has as many entries as `expected` and each one is equal."""

    kind = "vector"
    shapes = ("vector",)

    def check_expected(self, prepared: Prepared) -> None:
        """A vector question needs a vector answer."""
        if prepared.expected.shape != self.kind:
            raise SpecError(f"expected must be a {self.kind} for kind {self.kind}")

    def size_problem(self, prepared: Prepared, answer: Answer) -> str | None:
        """Why the sizes differ, or None."""
        got, want = len(answer.value), len(prepared.expected.value)
        if got == want:
            return None
        return f"Your vector has {_entries_word(got)}; this one needs {want}."

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Same size, then entry by entry."""
        if problem := self.size_problem(prepared, answer):
            return Outcome(False, problem, "shape")
        if _first_wrong(prepared, answer) is not None:
            return Outcome(False)
        return Outcome(True)

    def label(self, prepared: Prepared, index: int) -> str:
        """How an entry is named in feedback."""
        return f"Entry {index + 1}"

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """The first wrong entry, explained like an expression."""
        outcome = self.judge(prepared, answer)
        index = _first_wrong(prepared, answer) if outcome.feedback is None else None
        if index is None:
            return outcome
        got = _entries(answer.value)[index]
        want = _entries(prepared.expected.value)[index]
        inner = explain_scalar(prepared, self.kind, got, want, learner_text(got))
        feedback = f"{self.label(prepared, index)}: {_lower_first(inner.feedback)}"
        return Outcome(False, feedback, inner.mistake)


class MatrixChecker(VectorChecker):
    """Right when the response has the shape of `expected` and each entry is equal."""

    kind = "matrix"
    shapes = ("matrix",)

    def size_problem(self, prepared: Prepared, answer: Answer) -> str | None:
        """Why the shapes differ, or None."""
        got, want = _size(answer.value), _size(prepared.expected.value)
        return None if got == want else f"Your matrix is {got}; this one is {want}."

    def label(self, prepared: Prepared, index: int) -> str:
        """Entries are named (row, column), counting from 1."""
        columns = len(prepared.expected.value[0])
        return f"Entry ({index // columns + 1}, {index % columns + 1})"
