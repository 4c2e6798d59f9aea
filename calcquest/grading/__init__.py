"""The grading engine: read what a learner typed, then decide whether it is right.

Public API (the rest of calcquest uses only these names):

- `interpret(text, vars) -> Interpretation`: how the input was read, for the live preview.
- `grade(spec, response, *, timeout=1.0) -> Verdict`: a verdict within the time limit, computed
  in a killable worker process so no runaway SymPy call can block the caller.
- `grade_here(spec, response) -> Verdict`: the same check in this process, no time limit
  (used inside the worker and by tests).
- `GradingPool(processes=1)`: worker processes with `.grade(spec, response, timeout)`,
  `.warm()` and `.close()`; `grade` uses a shared one created on first use.
- `GradingService(socket_path, processes=2)`: one pool for many game processes, on a Unix
  socket; `grade` uses it instead of a local pool when `CALCQUEST_GRADING_SOCKET` is set.
- `Verdict`: correct, counted, error, interpreted, feedback, mistake, ms.
- `spec_problems(spec) -> list[str]`: what is wrong with a spec's own text (for
  `calcquest check`); `SpecError` is raised for such specs internally.
- `AnswerSpec`, `Mistake`, `ANSWER_KINDS`: the answer spec model.

Nothing here imports Textual. SymPy and NumPy are imported lazily, on first use.
"""

from calcquest.grading.spec import ANSWER_KINDS, AnswerSpec, Mistake

__all__ = ["ANSWER_KINDS", "AnswerSpec", "Mistake"]

# Parser names load on first use, so `import calcquest.grading` stays light (no SymPy).
_PARSER_NAMES = ("parse_answer", "interpret", "ParsedAnswer", "Interpretation", "AnswerSyntaxError")
__all__ += list(_PARSER_NAMES)


# Checker names, also lazy: module holding each name (pool/api import SymPy only when used).
_CHECKER_NAMES = {
    "grade": "calcquest.grading.pool",
    "GradingPool": "calcquest.grading.pool",
    "GradingService": "calcquest.grading.service",
    "grade_here": "calcquest.grading.api",
    "spec_problems": "calcquest.grading.api",
    "Verdict": "calcquest.grading.verdict",
    "SpecError": "calcquest.grading.verdict",
}
__all__ += list(_CHECKER_NAMES)


def __getattr__(name: str):
    """Load the parser's and the checkers' public names lazily (module-level __getattr__)."""
    if name in _PARSER_NAMES:
        from calcquest.grading import parser

        return getattr(parser, name)
    if name in _CHECKER_NAMES:
        import importlib

        return getattr(importlib.import_module(_CHECKER_NAMES[name]), name)
    raise AttributeError(f"module 'calcquest.grading' has no attribute {name!r}")
