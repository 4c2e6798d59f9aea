"""Pass 7: write out the multiplications learners leave implicit: `2x`, `x y`, `2(x+1)`.

A `*` goes between anything that ends an operand (a number, a name, a closing bracket, `!`)
and anything that starts one. A declared function followed by `(` is an application (`y(0)`),
not a product. Two numbers side by side (`2 3`) are refused: nobody means 6 by that.
"""

from __future__ import annotations

from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.tokens import OPERAND_END, OPERAND_START, Token, synthetic


def insert_products(tokens: list[Token]) -> list[Token]:
    """The tokens with an explicit `*` wherever a product was implied."""
    out: list[Token] = []
    for token in tokens:
        if out and _implied(out[-1], token):
            out.append(synthetic("*", token))
        out.append(token)
    return out


def _implied(before: Token, after: Token) -> bool:
    """Whether `before after` is an implicit product."""
    if before.kind not in OPERAND_END or after.kind not in OPERAND_START:
        return False
    if before.kind == "ufunc" and after.kind == "(":
        return False
    if before.kind == "num" and after.kind == "num":
        raise AnswerSyntaxError(
            f"two numbers side by side at column {after.column}",
            after.column,
            "Put * or + between them, or remove the space.",
        )
    return True
