"""Pass 2: split the normalised characters into tokens (numbers, names, punctuation).

Numbers: `3`, `2.5`, `.5`, and scientific notation `1e-3`, `2E5`, read as scientific only when
the `e` is followed by digits (optionally signed), so `2e` and `2e^x` keep `e` as the constant.
`**` is read as `^`. Anything outside the notation (quotes, `;`, `.` after a name, backslashes,
braces, `:`) becomes a "bad" token, refused by `reject_bad` after names are resolved, so that
`__import__("os")` is refused for the word before the quote.
"""

from __future__ import annotations

from calcquest.grading.parser.characters import Char
from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.tokens import Token

_PUNCTUATION = set("+-*/^=,!()[]|'")
_NAME_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_PART = _NAME_START | set("0123456789")
_DIGITS = set("0123456789")


def tokenize(chars: list[Char]) -> list[Token]:
    """Tokens for the normalised characters; whitespace only separates them."""
    text = "".join(c.ch for c in chars)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " ":
            i += 1
            continue
        end = _token_end(text, i)
        tokens.append(_make(text, i, end, chars))
        i = end
    return tokens


def _token_end(text: str, i: int) -> int:
    """Index just after the token that starts at `i`."""
    ch = text[i]
    if ch in _DIGITS or (ch == "." and text[i + 1 : i + 2] in _DIGITS):
        return _number_end(text, i)
    if ch in _NAME_START:
        end = i
        while end < len(text) and text[end] in _NAME_PART:
            end += 1
        return end
    if text.startswith("**", i):
        return i + 2
    return i + 1


def _number_end(text: str, i: int) -> int:
    """Index just after a number literal: digits, a decimal part, an exponent part."""
    end = _skip_digits(text, i)
    if text[end : end + 1] == "." and (end + 1 >= len(text) or text[end + 1] != "."):
        end = _skip_digits(text, end + 1)
    if text[end : end + 1] in ("e", "E"):
        after = end + 1
        if text[after : after + 1] in ("+", "-"):
            after += 1
        if text[after : after + 1] in _DIGITS:
            end = _skip_digits(text, after)
    return end


def _skip_digits(text: str, i: int) -> int:
    """Index of the first non-digit at or after `i`."""
    while i < len(text) and text[i] in _DIGITS:
        i += 1
    return i


def _make(text: str, start: int, end: int, chars: list[Char]) -> Token:
    """The token for text[start:end], or an error if it is not part of the notation."""
    piece = text[start:end]
    column = chars[start].column
    after = chars[end - 1].column + 1
    if piece[0] in _DIGITS or (piece[0] == "." and len(piece) > 1):
        return Token("num", piece, column, after)
    if piece[0] in _NAME_START:
        return Token("name", piece, column, after)
    if piece == "**":
        return Token("^", "**", column, after)
    if piece in _PUNCTUATION:
        return Token(piece, piece, column, after)
    return Token("bad", piece, column, after)


def reject_bad(tokens: list[Token]) -> None:
    """Raise for the first token outside the notation."""
    for token in tokens:
        if token.kind == "bad":
            raise AnswerSyntaxError(
                _refusal(token.text, token.column), token.column, _HINTS.get(token.text, _HINT)
            )


_HINT = "Use letters, digits and + - * / ^ ( ) [ ] , = only."
_HINTS = {
    '"': "Type the formula itself, without quotes.",
    ".": "A dot only goes inside a number, like 2.5.",
    ";": "Give one answer; separate vector entries with commas.",
    ":": "Give one answer; separate vector entries with commas.",
    "<": "Inequalities are not answers here; give a value or an equation.",
    ">": "Inequalities are not answers here; give a value or an equation.",
}


def _refusal(piece: str, column: int) -> str:
    """The message for a character outside the notation."""
    if piece == '"':
        return f"quotes are not something you can type here (column {column})"
    return f"'{piece}' at column {column} is not something you can type here"
