"""The words the parser knows: built-in functions, constants, answer keywords, refused words.

Keeping them in one table makes the notation easy to document and the whitelist easy to audit:
a name that is not here, and not declared by the question, cannot reach SymPy.
"""

from __future__ import annotations

import keyword

#: Built-in function names as typed -> the canonical name the builder knows.
FUNCTIONS: dict[str, str] = {
    "sin": "sin", "cos": "cos", "tan": "tan", "sec": "sec", "csc": "csc", "cot": "cot",
    "asin": "asin", "acos": "acos", "atan": "atan", "asec": "asec", "acsc": "acsc",
    "acot": "acot", "arcsin": "asin", "arccos": "acos", "arctan": "atan", "arcsec": "asec",
    "arccsc": "acsc", "arccot": "acot",
    "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "sech": "sech", "csch": "csch",
    "coth": "coth", "asinh": "asinh", "acosh": "acosh", "atanh": "atanh",
    "arsinh": "asinh", "arcosh": "acosh", "artanh": "atanh",
    "exp": "exp", "ln": "ln", "log": "ln", "log10": "log_10", "log2": "log_2",
    "sqrt": "sqrt", "cbrt": "cbrt", "abs": "abs",
    "sigmoid": "sigmoid", "sigma": "sigmoid", "relu": "relu", "max": "max", "min": "min",
    "factorial": "factorial", "sign": "sign", "sgn": "sign", "floor": "floor", "ceil": "ceil",
    "ceiling": "ceil",
}  # fmt: skip

#: Functions that take several arguments (the rest take exactly one; `log` takes one or two).
MULTI_ARGUMENT = frozenset({"max", "min"})

#: Trig functions whose `^-1` means the inverse function (`sin^-1 x` = asin(x)).
INVERSES: dict[str, str] = {
    "sin": "asin", "cos": "acos", "tan": "atan", "sec": "asec", "csc": "acsc", "cot": "acot",
    "sinh": "asinh", "cosh": "acosh", "tanh": "atanh",
}  # fmt: skip

#: Built-in constants as typed -> canonical name.
CONSTANTS: dict[str, str] = {
    "pi": "pi", "e": "e", "oo": "oo", "inf": "oo", "infinity": "oo", "Inf": "oo",
    "Infinity": "oo", "INF": "oo",
}  # fmt: skip

#: Whole answers that mean "does not exist" (compared lower-case, spaces squeezed).
DNE_WORDS = frozenset(
    {"dne", "d.n.e.", "does not exist", "doesn't exist", "doesnt exist", "undefined", "none",
     "no limit", "it does not exist", "not defined"}
)  # fmt: skip

#: Words that look like code: refused with "is not something you can type here".
REFUSED_WORDS = frozenset(keyword.kwlist) | frozenset(
    {"eval", "exec", "open", "compile", "globals", "locals", "vars", "getattr", "setattr",
     "delattr", "input", "print", "system", "os", "sys", "subprocess", "builtins",
     "breakpoint", "exit", "quit", "help", "dir", "type", "object", "sympify", "Symbol",
     "lambdify", "parse_expr", "Integer", "Function"}
)  # fmt: skip


def is_refused(word: str) -> bool:
    """Whether a word looks like code rather than mathematics."""
    return word in REFUSED_WORDS or word.startswith("_") or "__" in word
