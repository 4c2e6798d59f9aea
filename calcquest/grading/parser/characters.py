"""Pass 1: turn the typed text into plain ASCII characters, each remembering its column.

Learners paste `x²`, `2×3`, `−1`, `π`, `√x`, `∞` and full-width digits; this pass rewrites them
to the ASCII notation the lexer reads (`x^(2)`, `2*3`, `-1`, ` pi `, ` sqrt `, ` oo `), keeping
the original column of every character so errors still point at what was typed. Characters
that only look like Latin letters (Cyrillic `х`) and invisible control characters are refused
here, with a message that says what they are.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.limits import MAX_LENGTH


class Char(NamedTuple):
    """One ASCII character of the normalised answer and the 1-based column it came from."""

    ch: str
    column: int


#: Unicode operators and symbols, and the ASCII they stand for. Words are padded with spaces
#: so `2π` and `πr` read as products. Greek letters not listed read as their names (θ: theta).
SYMBOLS: dict[str, str] = {
    "×": "*", "·": "*", "⋅": "*", "∙": "*", "∗": "*", "✕": "*",
    "−": "-", "–": "-", "—": "-", "‒": "-", "﹣": "-",
    "÷": "/", "∕": "/", "⁄": "/",
    "π": " pi ", "∞": " oo ", "√": " sqrt ", "∛": " cbrt ",
    "′": "'", "″": "''", "’": "'",
    "λ": " lambda ",  # Unicode spells it LAMDA; other Greek letters go by their names
}  # fmt: skip

#: Superscript characters; a run of them becomes `^(...)`.
SUPERSCRIPTS: dict[str, str] = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
    "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+",
}  # fmt: skip

#: Subscript digits; a run of them becomes `_digits` (so `log₂` reads as `log_2`).
SUBSCRIPTS: dict[str, str] = {chr(0x2080 + d): str(d) for d in range(10)}

#: Letters from other alphabets that are easy to mistake for Latin ones.
LOOKALIKES: dict[str, str] = {
    "а": "a", "в": "B", "е": "e", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p",
    "с": "c", "т": "T", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "ο": "o", "ν": "v", "Α": "A", "Β": "B", "Ε": "E",
    "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Χ": "X", "Υ": "Y",
}  # fmt: skip

_WHITESPACE = "\t\n\r\f\v"


def check_length(text: str) -> None:
    """Refuse empty and overlong answers before looking at a single character."""
    if len(text) > MAX_LENGTH:
        raise AnswerSyntaxError(
            f"that answer is too long ({len(text)} characters; the limit is {MAX_LENGTH})",
            hint="Answers are short formulas; check that nothing extra was pasted.",
        )
    if not text.strip():
        raise AnswerSyntaxError("empty answer", hint="Type a number or a formula, e.g. 2x.")


def normalise(text: str) -> list[Char]:
    """Rewrite `text` into ASCII characters with columns, or raise AnswerSyntaxError."""
    check_length(text)
    out: list[Char] = []
    i = 0
    while i < len(text):
        ch, column = text[i], i + 1
        if ch in SUPERSCRIPTS or ch in SUBSCRIPTS:
            i = _script_run(text, i, out)
            continue
        out.extend(Char(c, column) for c in _ascii_for(ch, column))
        i += 1
    return out


def _script_run(text: str, start: int, out: list[Char]) -> int:
    """Emit a run of superscripts as `^(...)` or subscripts as `_...`; return the next index."""
    table, prefix, suffix = (
        (SUPERSCRIPTS, "^(", ")") if text[start] in SUPERSCRIPTS else (SUBSCRIPTS, "_", "")
    )
    column = start + 1
    out.extend(Char(c, column) for c in prefix)
    end = start
    while end < len(text) and text[end] in table:
        out.append(Char(table[text[end]], end + 1))
        end += 1
    out.extend(Char(c, end) for c in suffix)
    return end


def _ascii_for(ch: str, column: int) -> str:
    """The ASCII text one typed character stands for."""
    if ch in _WHITESPACE:
        return " "
    if " " <= ch <= "~":
        return ch
    if ch in SYMBOLS:
        return SYMBOLS[ch]
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        raise AnswerSyntaxError(
            f"there is an invisible control character ({_describe(ch)}) at column {column}",
            column,
            "Delete it and retype that part of the answer.",
        )
    if ch in LOOKALIKES:
        script = unicodedata.name(ch, "foreign").split()[0].title()
        raise AnswerSyntaxError(
            f"'{ch}' at column {column} looks like '{LOOKALIKES[ch]}' but is a {script} letter",
            column,
            f"Retype it as a plain '{LOOKALIKES[ch]}'.",
        )
    return _compatible_ascii(ch, column)


def _compatible_ascii(ch: str, column: int) -> str:
    """Full-width and styled characters (NFKC) that mean plain ASCII; anything else is refused."""
    plain = unicodedata.normalize("NFKC", ch)
    if "⁄" in plain:  # vulgar fractions such as ½ become 1⁄2
        plain = "(" + plain.replace("⁄", "/") + ")"
    if plain != ch and plain.isascii() and plain.isprintable():
        return plain
    greek = _greek_name(plain)
    if greek:
        return greek
    raise AnswerSyntaxError(
        f"'{ch}' at column {column} is not something you can type here",
        column,
        "Use plain letters, digits and + - * / ^ ( ).",
    )


def _greek_name(ch: str) -> str | None:
    """A Greek letter as its spelled-out name, ` xi ` for ξ or ` Delta ` for Δ."""
    name = unicodedata.name(ch, "") if len(ch) == 1 else ""
    for prefix, case in (("GREEK SMALL LETTER ", str.lower), ("GREEK CAPITAL LETTER ", str.title)):
        word = name.removeprefix(prefix)
        if word != name and word.isalpha():
            return f" {case(word)} "
    return None


def _describe(ch: str) -> str:
    """A readable name for an invisible character, e.g. NUL or U+200B."""
    return "NUL" if ch == "\0" else f"U+{ord(ch):04X}"
