"""`parse_answer` and `interpret`: the only doors from typed text to SymPy.

The passes run in a fixed order (see `pipeline.read`), each small and with one job:

1. characters   unicode to ASCII with columns; length cap; control and look-alike characters
2. lexer        numbers, names, punctuation (`**` is `^`); stray characters kept as "bad"
3. names        declared names, constants, functions, refused code words, `xy` splits, primes
   (then the first "bad" character, if it comes before any name problem, is refused)
4. brackets     `|` as open or close; balanced, not nested too deeply
5. literals     number literals not too long or too large
6. application  `sin 2x` -> sin(2x), `sin^2 x` -> sin(x)^2
7. implicit     `2x` -> 2*x, `(x+1)(x-1)`, `x y`
8. grammar      recursive descent to our own syntax tree (`nodes`)
9. sizes        powers, exact numbers and factorials small enough to compute
   reals        parts made of numbers alone are real (`asin(2)` is refused, not built)
10. shapes      scalar / vector / matrix / equation, built by `build` with SymPy constructors
                only, `guards` checking each power and product just before it is made

Whole answers that mean "does not exist" and choice keys are recognised before any of that.
SymPy is imported only when an answer is actually parsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.vocabulary import DNE_WORDS

Shape = Literal["scalar", "vector", "matrix", "equation", "dne", "choice"]


@dataclass(frozen=True)
class ParsedAnswer:
    """How an answer was read: its shape, its SymPy value, one line of text, a pretty picture.

    value: a SymPy expression (scalar), a tuple of them (vector), a tuple of row tuples
    (matrix), a (lhs, rhs) pair (equation), None (dne) or the matched key (choice).
    """

    shape: Shape
    value: Any
    text: str
    pretty: str


@dataclass(frozen=True)
class Interpretation:
    """What the live preview shows: the reading (ok) or a short message pointing at a column."""

    ok: bool
    text: str | None = None
    pretty: str | None = None
    error: str | None = None
    column: int | None = None


def parse_answer(
    text: str,
    variables: Sequence[str] = (),
    *,
    constants: Sequence[str] = (),
    functions: Sequence[str] = (),
    choice_keys: Sequence[str] = (),
) -> ParsedAnswer:
    """Read a typed answer, or raise AnswerSyntaxError saying where and why it cannot be read."""
    if not isinstance(text, str):
        raise AnswerSyntaxError("the answer must be text")
    return _parse_cached(
        text, tuple(variables), tuple(constants), tuple(functions), tuple(choice_keys)
    )


def interpret(
    text: str,
    variables: Sequence[str] = (),
    *,
    constants: Sequence[str] = (),
    functions: Sequence[str] = (),
    choice_keys: Sequence[str] = (),
) -> Interpretation:
    """The live-preview reading of `text`; never raises for anything a person can type."""
    try:
        parsed = parse_answer(
            text, variables, constants=constants, functions=functions, choice_keys=choice_keys
        )
    except AnswerSyntaxError as error:
        return Interpretation(ok=False, error=error.message, column=error.column)
    except Exception:  # noqa: BLE001 -- a parser bug must not crash the game's preview
        return Interpretation(ok=False, error="that answer could not be read; try writing it out")
    return Interpretation(ok=True, text=parsed.text, pretty=parsed.pretty)


@lru_cache(maxsize=2048)
def _parse_cached(
    text: str,
    variables: tuple[str, ...],
    constants: tuple[str, ...],
    functions: tuple[str, ...],
    choice_keys: tuple[str, ...],
) -> ParsedAnswer:
    """The parse itself; answers repeat (authors' expected values), so results are cached."""
    from calcquest.grading.parser.characters import check_length

    check_length(text)
    special = _choice(text, choice_keys) or _dne(text)
    if special is not None:
        return special
    from calcquest.grading.parser import pipeline

    shape, value = pipeline.read(text, pipeline.Scope(variables, constants, functions))
    return ParsedAnswer(shape, value, *pipeline.render(shape, value))


def pretty_ascii(parsed: ParsedAnswer) -> str:
    """The answer's picture in plain ASCII, for terminals without Unicode (`.pretty` has it)."""
    if parsed.shape in ("dne", "choice"):
        return parsed.pretty
    from calcquest.grading.parser import pipeline

    return pipeline.picture(parsed.shape, parsed.value, unicode=False)


def _dne(text: str) -> ParsedAnswer | None:
    """`DNE`, "does not exist", "undefined", "none" as the whole answer."""
    words = " ".join(text.lower().replace("’", "'").split()).rstrip(".!")
    if words in DNE_WORDS:
        return ParsedAnswer("dne", None, "DNE", "DNE (does not exist)")
    return None


def _choice(text: str, keys: tuple[str, ...]) -> ParsedAnswer | None:
    """A response naming one of the choice keys: `b`, `(b)`, `B`, `option b`, `b)`."""
    if not keys:
        return None
    word = " ".join(text.strip().lower().split())
    word = word.removeprefix("option ").removeprefix("choice ").strip("().: ")
    for key in keys:
        if word == key.lower():
            return ParsedAnswer("choice", key, key, key)
    if word.isalnum() and len(word) <= 3:
        raise AnswerSyntaxError(
            f"'{text.strip()}' is not one of the choices ({', '.join(keys)})",
            hint="Type the letter of the option you choose.",
        )
    return None
