"""Pass 6: give every function its parentheses, so `sin 2x` reads as sin(2x).

The rule, as on most calculators: a function name followed by `(` takes exactly that group
(`sin(x)^2`, `sin(x)y`). Otherwise it takes the implicit product that follows it, up to the next
`+ - * / = ,`, closing bracket, or the next function name: `sin 2x` = sin(2x), `sin x^2` =
sin(x^2), `sin x cos x` = sin(x)·cos(x), `ln x/2` = ln(x)/2, `sin cos x` = sin(cos(x)).
A power written on the name applies to the result: `sin^2 x` = sin(x)^2, except that `^-1`
on a trig name means the inverse function: `sin^-1 x` = asin(x).
"""

from __future__ import annotations

from calcquest.grading.parser.brackets import too_deep
from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.limits import MAX_NESTING
from calcquest.grading.parser.tokens import OPENERS, OPERAND_START, Token, matching_close, synthetic
from calcquest.grading.parser.vocabulary import INVERSES


def apply_functions(tokens: list[Token], depth: int = 0) -> list[Token]:
    """The tokens with explicit parentheses around every function argument."""
    if depth > MAX_NESTING:
        raise too_deep(tokens[0].column if tokens else 1)
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind == "func":
            i = _apply(tokens, i, out, depth)
        else:
            out.append(tokens[i])
            i += 1
    return out


def _apply(tokens: list[Token], i: int, out: list[Token], depth: int) -> int:
    """Append one function application with its argument in parentheses; return the next index."""
    func, j = tokens[i], i + 1
    power: list[Token] = []
    if j < len(tokens) and tokens[j].kind == "^":
        end = _name_power_end(tokens, j + 1, func)
        power, j = apply_functions(tokens[j + 1 : end], depth + 1), end
    argument, opener, closer, after = _argument(tokens, j, func, depth)
    inverse = INVERSES.get(func.text) if _is_minus_one(power) else None
    call = [func.but(text=inverse or func.text), opener]
    call += apply_functions(argument, depth + 1) + [closer]
    if power and not inverse:
        call = [synthetic("(", func), *call, synthetic("^", func), *power, synthetic(")", func)]
    out.extend(call)
    return after


def _argument(
    tokens: list[Token], j: int, func: Token, depth: int
) -> tuple[list[Token], Token, Token, int]:
    """(argument tokens, opening and closing bracket, index after) for the function `func`."""
    if j < len(tokens) and tokens[j].kind == "(":
        close = matching_close(tokens, j)
        return tokens[j + 1 : close], tokens[j], tokens[close], close + 1
    after = run_end(tokens, j, depth)
    if after == j:
        raise _needs_argument(func)
    return tokens[j:after], synthetic("(", func), synthetic(")", func), after


def run_end(tokens: list[Token], start: int, depth: int = 0) -> int:
    """End of the implicit product starting at `start` (== start when there is none)."""
    if depth > MAX_NESTING:
        raise too_deep(tokens[start].column if start < len(tokens) else 1)
    k = start
    while k < len(tokens) and tokens[k].kind in ("+", "-"):
        k += 1
    first, found = True, False
    while k < len(tokens):
        kind = tokens[k].kind
        if kind == "func" and first:
            k = _application_end(tokens, k, depth + 1)
        elif kind in OPERAND_START and kind != "func":
            k = factor_end(tokens, k, depth + 1)
        else:
            break
        first, found = False, True
    return k if found else start


def factor_end(tokens: list[Token], k: int, depth: int) -> int:
    """End of one factor at `k`: an atom, its `!`s, and a power chain `^ ...`."""
    if depth > MAX_NESTING:
        raise too_deep(tokens[k].column)
    kind = tokens[k].kind
    if kind in OPENERS:
        k = matching_close(tokens, k) + 1
    elif kind == "ufunc" and k + 1 < len(tokens) and tokens[k + 1].kind == "(":
        k = matching_close(tokens, k + 1) + 1
    else:
        k += 1
    while k < len(tokens) and tokens[k].kind == "!":
        k += 1
    if k < len(tokens) and tokens[k].kind == "^":
        k = _exponent_end(tokens, k + 1, tokens[k], depth + 1)
    return k


def _exponent_end(tokens: list[Token], k: int, caret: Token, depth: int) -> int:
    """End of the exponent after a `^` (signs, then a factor or a function application)."""
    while k < len(tokens) and tokens[k].kind in ("+", "-"):
        k += 1
    if k < len(tokens) and tokens[k].kind == "func":
        return _application_end(tokens, k, depth)
    if k < len(tokens) and tokens[k].kind in OPERAND_START:
        return factor_end(tokens, k, depth)
    raise _needs_power(caret)


def _application_end(tokens: list[Token], k: int, depth: int) -> int:
    """End of a function application starting at the name at `k`."""
    func, k = tokens[k], k + 1
    if k < len(tokens) and tokens[k].kind == "^":
        k = _name_power_end(tokens, k + 1, func)
    if k < len(tokens) and tokens[k].kind == "(":
        return matching_close(tokens, k) + 1
    end = run_end(tokens, k, depth)
    if end == k:
        raise _needs_argument(func)
    return end


def _name_power_end(tokens: list[Token], k: int, func: Token) -> int:
    """End of the power written on a function name: `sin^2`, `sin^(-1)`, `sin^-1`."""
    start = k
    while k < len(tokens) and tokens[k].kind in ("+", "-"):
        k += 1
    if k < len(tokens) and tokens[k].kind in ("num", "var", "const"):
        return k + 1
    if k < len(tokens) and tokens[k].kind == "(" and k == start:
        return matching_close(tokens, k) + 1
    raise _needs_power(tokens[start - 1])


def _is_minus_one(power: list[Token]) -> bool:
    kinds = [(t.kind, t.text) for t in power if t.kind not in ("(", ")")]
    return kinds == [("-", "-"), ("num", "1")]


def _needs_argument(func: Token) -> AnswerSyntaxError:
    return AnswerSyntaxError(
        f"'{func.text}' at column {func.column} needs something to act on",
        func.column,
        f"Write it like {func.text}(x).",
    )


def _needs_power(caret: Token) -> AnswerSyntaxError:
    return AnswerSyntaxError(
        f"'^' at column {caret.column} needs a power after it",
        caret.column,
        "Write it like x^2.",
    )
