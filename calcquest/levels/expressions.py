"""Check that every expression an author wrote can be read by the answer parser.

Expected answers, accept and mistakes answers, ODEs, integrands and scene curves are all read
by `calcquest.grading.parse_answer` (never by eval or sympify). A typo such as `2*x*cos(x^2`
is reported at the column inside the expression, mapped to the file's line and column when
the value sits on one line, else at the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calcquest.errors import CalcquestError
from calcquest.grading.spec import AnswerSpec
from calcquest.levels.params import unmapped_after
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

    def check(self, text: str, names: Names, path: FieldPath, original: str | None = None) -> bool:
        """Parse `text` (the value at `path`, after parameters were substituted into
        `original`); record a problem and return False when it cannot be read."""
        if not self.enabled:
            return True
        from calcquest.grading import AnswerSyntaxError, parse_answer

        try:
            parse_answer(
                text,
                names.variables,
                constants=names.constants,
                functions=names.functions,
            )
        except AnswerSyntaxError as error:
            self._report(text, error, path, original)
            return False
        except CalcquestError as error:
            self._report(text, error, path, original)
            return False
        return True

    def _report(
        self, text: str, error: CalcquestError, path: FieldPath, original: str | None
    ) -> None:
        column = getattr(error, "column", None)
        shift = unmapped_after(original) if original is not None else None
        if column is not None and shift is not None and column >= shift:
            column = None
        line, file_column = self.source.inside(path, column)
        reason = getattr(error, "message", None) or str(error)
        self.problems.append(
            Problem(
                self.file, line, file_column, format_field(path), f"cannot read '{text}': {reason}"
            )
        )
