"""The grading engine: read what a learner typed, then decide whether it is right.

Public API (the rest of calcquest uses only these names):

- `interpret(text, vars) -> Interpretation`: how the input was read, for the live preview.
- `grade(spec, response, *, timeout=1.0) -> Verdict`: a verdict within the time limit, computed
  in a killable worker process so no runaway SymPy call can block the caller.
- `grade_here(spec, response) -> Verdict`: the same check in this process, no time limit
  (used inside the worker and by tests).
- `AnswerSpec`, `Mistake`, `ANSWER_KINDS`: the answer spec model.

Nothing here imports Textual. SymPy and NumPy are imported lazily, on first use.
"""

from calcquest.grading.spec import ANSWER_KINDS, AnswerSpec, Mistake

__all__ = ["ANSWER_KINDS", "AnswerSpec", "Mistake"]

# Parser names load on first use, so `import calcquest.grading` stays light (no SymPy).
_PARSER_NAMES = ("parse_answer", "interpret", "ParsedAnswer", "Interpretation", "AnswerSyntaxError")
__all__ += list(_PARSER_NAMES)


def __getattr__(name: str):
    """Load the parser's public names lazily (module-level __getattr__, PEP 562)."""
    if name in _PARSER_NAMES:
        from calcquest.grading import parser

        return getattr(parser, name)
    raise AttributeError(f"module 'calcquest.grading' has no attribute {name!r}")
