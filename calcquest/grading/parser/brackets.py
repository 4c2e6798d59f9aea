"""Pass 4: pair up brackets and bars, and refuse unbalanced or too-deep nesting.

A `|` opens an absolute value unless it directly follows something that can end an operand
while a bar is open, in which case it closes that bar: `|x - |y||`, `2|x|`, `|x||y|`.
After this pass every bracket is matched, so later passes can jump over groups safely.
"""

from __future__ import annotations

from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.limits import MAX_NESTING
from calcquest.grading.parser.tokens import CLOSERS, OPENERS, OPERAND_END, Token

_PAIRS = {"(": ")", "[": "]", "abs(": ")abs"}
_NAMES = {"(": "parenthesis", "[": "bracket", "abs(": "'|'"}


def classify_bars(tokens: list[Token]) -> list[Token]:
    """Turn each `|` into "abs(" or ")abs"."""
    out: list[Token] = []
    open_bars = 0
    for token in tokens:
        if token.kind == "|":
            closes = open_bars > 0 and bool(out) and out[-1].kind in OPERAND_END
            token = token.but(kind=")abs" if closes else "abs(")
            open_bars += -1 if closes else 1
        out.append(token)
    return out


def check_brackets(tokens: list[Token]) -> None:
    """Raise for an unclosed or unexpected bracket, or for nesting deeper than MAX_NESTING."""
    stack: list[Token] = []
    for token in tokens:
        if token.kind in OPENERS:
            stack.append(token)
            if len(stack) > MAX_NESTING:
                raise too_deep(token.column)
        elif token.kind in CLOSERS:
            if not stack or _PAIRS[stack[-1].kind] != token.kind:
                raise _unexpected(token, stack)
            stack.pop()
    if stack:
        token = stack[-1]
        raise AnswerSyntaxError(
            f"unclosed {_NAMES[token.kind]} at column {token.column}",
            token.column,
            f"Add the missing '{_closer_text(token.kind)}'.",
        )


def _unexpected(token: Token, stack: list[Token]) -> AnswerSyntaxError:
    """The error for a closing bracket that does not match the open one."""
    if stack:
        opener = stack[-1]
        return AnswerSyntaxError(
            f"'{token.text}' at column {token.column} closes the {_NAMES[opener.kind]} "
            f"opened at column {opener.column}",
            token.column,
            f"Close it with '{_closer_text(opener.kind)}' instead.",
        )
    return AnswerSyntaxError(
        f"unexpected '{token.text}' at column {token.column}",
        token.column,
        "It has no opening partner; remove it or add one.",
    )


def _closer_text(kind: str) -> str:
    return {"(": ")", "[": "]", "abs(": "|"}[kind]


def too_deep(column: int) -> AnswerSyntaxError:
    """The nesting error for passes that recurse (powers, function chains)."""
    return AnswerSyntaxError(
        f"nested too deeply at column {column} (the limit is {MAX_NESTING} levels)",
        column,
        "Simplify the answer before typing it.",
    )
