"""Turn the spec's text and the player's text into SymPy values, through our parser only.

Author text is untrusted too (levels come from anyone), so `expected`, `integrand`, `ode`,
`ics` and every `mistakes[].answer` are read with the same `parse_answer` as a response,
declaring the spec's variables and, where a kind needs them, the arbitrary constants.
Numbers that arrive as YAML/JSON numbers become SymPy numbers directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from calcquest.grading.parser import AnswerSyntaxError, parse_answer
from calcquest.grading.sampling import Space
from calcquest.grading.spec import AnswerSpec
from calcquest.grading.verdict import SpecError

#: Names a learner may use for an arbitrary constant (antiderivatives, general ODE solutions).
CONSTANT_NAMES = ("C", "C1", "C2", "C3", "K")


@dataclass(frozen=True)
class Answer:
    """One value read from text: its shape, the SymPy value, and how it was read."""

    shape: str
    value: object
    text: str


@dataclass(frozen=True)
class Names:
    """The names a piece of text may use, for one spec."""

    variables: tuple[str, ...]
    constants: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    choice_keys: tuple[str, ...] = ()

    def read(self, text: str) -> Answer:
        """Parse text with these names; AnswerSyntaxError when it cannot be read."""
        parsed = parse_answer(
            text,
            self.variables,
            constants=self.constants,
            functions=self.functions,
            choice_keys=self.choice_keys,
        )
        return Answer(parsed.shape, plain(parsed.value), parsed.text)

    def symbols(self) -> tuple[sympy.Symbol, ...]:
        """The variables as SymPy symbols."""
        return tuple(sympy.Symbol(name) for name in self.variables)

    def constant_symbols(self) -> tuple[sympy.Symbol, ...]:
        """The arbitrary constants as SymPy symbols."""
        return tuple(sympy.Symbol(name) for name in self.constants)


def plain(value):
    """Replace symbols carrying assumptions by plain ones, so every part uses one Symbol(x)."""
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    if isinstance(value, sympy.Basic):
        mapping = {
            s: sympy.Symbol(s.name) for s in value.free_symbols if isinstance(s, sympy.Symbol)
        }
        return value.xreplace({k: v for k, v in mapping.items() if k != v})
    return value


def constants_for(variables: tuple[str, ...]) -> tuple[str, ...]:
    """The constant names not already taken by a variable."""
    return tuple(name for name in CONSTANT_NAMES if name not in variables)


def space_for(spec: AnswerSpec, symbols: tuple[sympy.Symbol, ...]) -> Space:
    """Test points for these symbols, each in its declared domain or the default."""
    return Space(symbols, tuple(spec.domain(s.name) for s in symbols))


def number(value: int | float) -> Answer:
    """A YAML/JSON number as a SymPy number (no text parsing needed)."""
    exact = sympy.Integer(value) if isinstance(value, int) else sympy.Float(value)
    return Answer("scalar", exact, str(value))


def read_author(names: Names, value, field: str) -> Answer:
    """Read an author-supplied value (text, number or nested list) or raise SpecError."""
    if isinstance(value, bool):
        raise SpecError(f"{field} is true/false; write the answer itself")
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list):
        return _read_list(names, value, field)
    if not isinstance(value, str) or not value.strip():
        raise SpecError(f"{field} is missing or empty", "Give the right answer as text.")
    try:
        return names.read(value)
    except AnswerSyntaxError as exc:
        raise SpecError(f"{field} {value!r} cannot be read: {exc.message}") from None


def _read_list(names: Names, items: list, field: str) -> Answer:
    """A YAML list: a vector of scalars, or a matrix when every item is a list."""
    if items and all(isinstance(item, list) for item in items):
        rows = tuple(_read_list(names, row, f"{field}[{i}]") for i, row in enumerate(items))
        if any(row.shape != "vector" for row in rows):
            raise SpecError(f"{field}: a matrix row must be a list of entries")
        text = "[" + ", ".join(row.text for row in rows) + "]"
        return Answer("matrix", tuple(row.value for row in rows), text)
    entries = [read_author(names, item, f"{field}[{i}]") for i, item in enumerate(items)]
    if not entries or any(entry.shape != "scalar" for entry in entries):
        raise SpecError(f"{field}: every entry of a vector must be one expression")
    text = "[" + ", ".join(entry.text for entry in entries) + "]"
    return Answer("vector", tuple(entry.value for entry in entries), text)
