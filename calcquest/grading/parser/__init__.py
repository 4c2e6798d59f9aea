"""The learner-notation answer parser: typed text in, SymPy objects out, never `eval`.

`parse_answer` reads an answer or raises `AnswerSyntaxError` (with a column); `interpret`
wraps it for the live preview and never raises; `pretty_ascii(parsed)` draws a reading for
terminals without Unicode. See `api` for the order of the passes and
docs/grading.md ("What you can type") for the notation. SymPy loads on the first parse.
"""

from calcquest.grading.parser.api import (
    Interpretation,
    ParsedAnswer,
    interpret,
    parse_answer,
    pretty_ascii,
)
from calcquest.grading.parser.errors import AnswerSyntaxError

__all__ = [
    "AnswerSyntaxError",
    "Interpretation",
    "ParsedAnswer",
    "interpret",
    "parse_answer",
    "pretty_ascii",
]
