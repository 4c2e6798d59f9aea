"""Check that every expression an author wrote can be read by the answer parser.

Expected answers, accept and mistakes answers, ODEs, integrands and scene curves are all read
by `calcquest.grading.parse_answer` (never by eval or sympify). A typo such as `2*x*cos(x^2`
is reported at the column inside the expression, mapped to the file's line and column when
the value sits on one line, else at the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from calcquest.errors import CalcquestError
from calcquest.grading.spec import AnswerSpec
from calcquest.levels.problems import FieldPath, Problem, format_field
from calcquest.levels.yaml_source import SourceMap

#: Constants an antiderivative or a general ODE solution may carry.
INTEGRATION_CONSTANTS = ("C", "C1", "C2", "C3", "K")


@dataclass(frozen=True)
class Names:
    """The names an expression may use."""

    variables: tuple[str, ...] = ()
    constants: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()


def answer_names(spec: AnswerSpec) -> Names:
    """The names a response (and so the expected answer) to `spec` may use."""
    declared = tuple(spec.var_names())
    if spec.kind == "antiderivative":
        return Names(declared, INTEGRATION_CONSTANTS)
    if spec.kind == "ode_solution":
        variables = declared if spec.var in declared else (spec.var, *declared)
        return Names(variables, INTEGRATION_CONSTANTS, (spec.func,))
    return Names(declared)


@dataclass
class ExpressionChecker:
    """Parses expressions from one file and records a Problem for each one that fails."""

    file: Path | str
    source: SourceMap
    problems: list[Problem]
    enabled: bool = True
    """False skips parsing (and so importing SymPy), e.g. while the game starts."""

    def check(
        self, text: str, names: Names, path: FieldPath, columns: Sequence[int] | None = None
    ) -> bool:
        """Parse `text` (the value at `path`); record a problem and return False when it
        cannot be read. `columns` maps each character of `text` to its column in the value as
        written, when parameters were substituted into it (see `substitute_mapped`)."""
        if not self.enabled:
            return True
        from calcquest.grading import parse_answer

        try:
            parse_answer(
                text,
                names.variables,
                constants=names.constants,
                functions=names.functions,
            )
        except CalcquestError as error:  # AnswerSyntaxError and the parser's limits
            self._report(text, error, path, columns)
            return False
        return True

    def _report(
        self, text: str, error: CalcquestError, path: FieldPath, columns: Sequence[int] | None
    ) -> None:
        column = written_column(getattr(error, "column", None), text, columns)
        line, file_column = self.source.inside(path, column)
        reason = getattr(error, "message", None) or str(error)
        shown = text.rstrip().replace("\n", " ")  # a block value stays on the message's line
        self.problems.append(
            Problem(
                self.file, line, file_column, format_field(path), f"cannot read '{shown}': {reason}"
            )
        )


def written_column(column: int | None, text: str, columns: Sequence[int] | None) -> int | None:
    """The column in the value as written of 1-based `column` in `text` (the value after
    substitution, mapped by `columns`); the end of input maps to just after the value."""
    if column is None or columns is None:
        return column
    if 1 <= column <= len(columns):
        return columns[column - 1]
    if column == len(text) + 1:
        return (columns[-1] + 1) if columns else 1
    return None
