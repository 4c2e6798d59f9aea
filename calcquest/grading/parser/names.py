"""Pass 3: decide what every name means, using the names the question declared.

A declared name always wins (`w1`, `theta`, `C`, `y`), then refused code words (`import`,
`__class__`), then built-in constants and functions, in any capitalisation (`Sin x`, `PI`).
A run of letters that is none of these is split into known pieces when that is possible
(`xy` -> x y when both are declared, `sinx` -> sin x, `2pix` -> 2 pi x), choosing the split
with the fewest pieces; otherwise it is an unknown name. Primes are only read after a declared
function name: `y'`, `y''`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.tokens import Token
from calcquest.grading.parser.vocabulary import CONSTANTS, FUNCTIONS, is_refused


@dataclass(frozen=True)
class Scope:
    """The names a question allows: variables, extra constants (such as C), unknown functions."""

    variables: tuple[str, ...] = ()
    constants: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()

    def declared(self) -> tuple[str, ...]:
        """Every declared name, in the order a message lists them."""
        return self.variables + self.constants + self.functions


def resolve_names(tokens: list[Token], scope: Scope) -> list[Token]:
    """Replace "name" tokens by var/const/func/ufunc tokens; merge primes into ufuncs."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "'":
            raise _stray_prime(token, out, scope)
        if token.kind != "name":
            out.append(token)
        elif token.text in scope.functions:
            i = _function_with_primes(tokens, i, out)
            continue
        else:
            out.extend(_resolve_word(token, scope))
        i += 1
    return out


def _function_with_primes(tokens: list[Token], i: int, out: list[Token]) -> int:
    """Append `y`, `y'` or `y''` as one ufunc token; return the index after it."""
    token, end = tokens[i], i + 1
    while (
        end < len(tokens) and tokens[end].kind == "'" and tokens[end].column <= tokens[end - 1].end
    ):
        end += 1
    primes = "'" * (end - i - 1)
    out.append(Token("ufunc", token.text + primes, token.column, tokens[end - 1].end))
    return end


def _stray_prime(token: Token, before: list[Token], scope: Scope) -> AnswerSyntaxError:
    """The error for a `'` that is not a prime on a declared function."""
    follows_name = bool(before) and before[-1].end == token.column
    if follows_name and before[-1].kind in ("var", "const", "func", "ufunc", ")"):
        if scope.functions:
            allowed = _listing(scope.functions)
            return AnswerSyntaxError(
                f"a prime (') at column {token.column} can only follow {allowed}", token.column
            )
        return AnswerSyntaxError(
            f"a prime (') at column {token.column} can't be used in this answer",
            token.column,
            "Write the derivative itself, e.g. 2x for the derivative of x^2.",
        )
    return AnswerSyntaxError(
        f"quotes are not something you can type here (column {token.column})",
        token.column,
        "Type the formula itself, without quotes.",
    )


def _resolve_word(token: Token, scope: Scope) -> list[Token]:
    """The tokens one typed word stands for."""
    word = token.text
    if word in scope.variables or word in scope.constants:
        return [token.but(kind="var")]
    plain = word.replace("_", "")
    if plain != word and (plain in scope.variables or plain in scope.constants):
        return [token.but(kind="var", text=plain)]  # x₁ (read as x_1) or x_1 for declared x1
    if is_refused(word):
        raise AnswerSyntaxError(
            f"'{word}' is not something you can type here",
            token.column,
            "Answers are formulas such as 2x cos(x^2).",
        )
    known = _known(word, scope)
    if known is not None:
        return [token.but(kind=known[0], text=known[1])]
    pieces = _split(word, scope.variables + scope.constants)
    if pieces is None:
        raise _unknown(token, scope)
    return _piece_tokens(token, pieces, scope)


def _known(word: str, scope: Scope) -> tuple[str, str] | None:
    """(kind, canonical text) of a built-in constant or function, or of `log_N`."""
    if word in CONSTANTS or word.lower() == "pi":
        return ("const", CONSTANTS[word.lower() if word.lower() == "pi" else word])
    if word.lower() in FUNCTIONS:  # phones capitalise: Sin x, LN x
        return ("func", FUNCTIONS[word.lower()])
    if word.startswith("log_") and word[4:].isdigit() and len(word) <= 8:
        return ("func", "log_" + str(int(word[4:])))
    return None


def _piece_tokens(token: Token, pieces: tuple[str, ...], scope: Scope) -> list[Token]:
    """Tokens for the pieces of a split word, each at its own column."""
    out, column = [], token.column
    for piece in pieces:
        end = column + len(piece)
        if piece.isdigit():
            out.append(Token("num", piece, column, end))
        elif piece in scope.variables or piece in scope.constants:
            out.append(Token("var", piece, column, end))
        else:
            kind, text = _known(piece, scope) or ("var", piece)
            out.append(Token(kind, text, column, end))
        column = end
    return out


@lru_cache(maxsize=512)
def _split(word: str, declared: tuple[str, ...]) -> tuple[str, ...] | None:
    """The fewest known pieces that spell `word`, or None (digits only right after a function)."""
    pieces = set(declared) | {"pi", "e"} | set(FUNCTIONS)
    best: dict[int, tuple[str, ...] | None] = {len(word): ()}
    for start in range(len(word) - 1, -1, -1):
        options = []
        for end in range(start + 1, len(word) + 1):
            piece, rest = word[start:end], best.get(end)
            if rest is None or piece not in pieces:
                continue
            if rest and rest[0].isdigit() and piece not in FUNCTIONS:
                continue
            options.append((piece, *rest))
        digits = _digit_run(word, start)
        if digits and best.get(start + len(digits)) is not None:
            options.append((digits, *best[start + len(digits)]))  # type: ignore[misc]
        best[start] = min(options, key=len) if options else None
    result = best[0]
    if result is None or result[0].isdigit() or len(result) < 2:
        return None
    return result


def _digit_run(word: str, start: int) -> str:
    end = start
    while end < len(word) and word[end].isdigit():
        end += 1
    return word[start:end]


def _unknown(token: Token, scope: Scope) -> AnswerSyntaxError:
    """'unknown name' with the names this answer may use, or a did-you-mean for case slips."""
    word, declared = token.text, scope.declared()
    candidates = declared + ("pi", "e") + tuple(FUNCTIONS)
    same = [name for name in candidates if name.lower() == word.lower()]
    if same:
        tail = f"did you mean {same[0]}?"
    elif declared:
        tail = f"this answer uses {_listing(declared)}"
    else:
        tail = "this answer has no variables"
    return AnswerSyntaxError(
        f"unknown name '{word}' at column {token.column} — {tail}", token.column
    )


def _listing(names: tuple[str, ...]) -> str:
    """`x`, `x and y`, `w, b and C`."""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
