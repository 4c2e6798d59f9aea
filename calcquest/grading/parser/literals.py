"""Pass 5: refuse number literals too long or too large to be a sensible answer.

`1e999999` or a 200-digit integer would be cheap for Python but never what a learner means,
and capping literals here keeps the size estimate of every later step small and honest.
"""

from __future__ import annotations

from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.limits import MAX_NUMBER_DIGITS, MAX_SCIENTIFIC_EXPONENT
from calcquest.grading.parser.tokens import Token


def check_literals(tokens: list[Token]) -> None:
    """Raise for a number with too many digits or too large a power of ten."""
    for token in tokens:
        if token.kind != "num":
            continue
        mantissa, _, exponent = token.text.lower().partition("e")
        digits = sum(ch.isdigit() for ch in mantissa)
        if digits > MAX_NUMBER_DIGITS:
            raise AnswerSyntaxError(
                f"the number at column {token.column} is too long ({digits} digits; "
                f"the limit is {MAX_NUMBER_DIGITS})",
                token.column,
                "Round it, or write it with scientific notation such as 1.5e20.",
            )
        if exponent and abs(int(exponent)) > MAX_SCIENTIFIC_EXPONENT:
            raise AnswerSyntaxError(
                f"the number at column {token.column} is too large to check "
                f"(e{exponent}; the limit is e{MAX_SCIENTIFIC_EXPONENT})",
                token.column,
            )
