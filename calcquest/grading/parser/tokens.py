"""The token every pass reads and writes: a kind, its text, and where it was typed.

Kinds: "num" (a number literal), "name" (an identifier, before names are resolved), "var",
"const", "func" (a built-in function), "ufunc" (a declared unknown function such as `y` or
`y'`), "abs(" and ")abs" (the two sides of `|x|`), and punctuation whose kind is its own text:
+ - * / ^ = , ! ' ( ) [ ] |.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

#: Tokens that can end an operand (so a following operand means an implicit product).
OPERAND_END = frozenset({"num", "var", "const", "ufunc", ")", "]", ")abs", "!"})

#: Tokens that can start an operand.
OPERAND_START = frozenset({"num", "var", "const", "func", "ufunc", "(", "[", "abs("})

#: Opening and closing brackets, by kind.
OPENERS = frozenset({"(", "[", "abs("})
CLOSERS = frozenset({")", "]", ")abs"})


@dataclass(frozen=True)
class Token:
    """One token: `kind`, the `text` it stands for, and the 1-based `column` it started at.

    `end` is the column just after the token in the typed text; tokens a pass inserts (the
    `*` of `2x`, the parentheses around `sin x`'s argument) have `synthetic=True`.
    """

    kind: str
    text: str
    column: int
    end: int
    synthetic: bool = False

    def but(self, **changes: object) -> Token:
        """A copy with some fields changed (passes never mutate tokens)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def synthetic(kind: str, at: Token, text: str | None = None) -> Token:
    """A token a pass inserts, placed at the column of the token `at`."""
    return Token(kind, kind if text is None else text, at.column, at.column, True)


def matching_close(tokens: list[Token], start: int) -> int:
    """Index of the bracket closing the one opened at `start` (brackets are balanced)."""
    depth = 0
    for index in range(start, len(tokens)):
        kind = tokens[index].kind
        if kind in OPENERS:
            depth += 1
        elif kind in CLOSERS:
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1
