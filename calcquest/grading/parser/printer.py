"""How a parsed answer is shown back: one line in learner notation, and a terminal picture.

`learner_text` prints `^` for powers, `e^x` for exp, `ln` for the natural log, `|x|` for
absolute values and short decimals (`0.5`, not `0.500000000000000`), so the preview reads like
what was typed, and it re-parses to the same expression (a property test checks this).
`pretty_unicode` and `pretty_ascii` give SymPy's two-dimensional picture.
"""

from __future__ import annotations

import sympy
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.pretty_symbology import pretty_use_unicode
from sympy.printing.pretty.stringpict import prettyForm
from sympy.printing.str import StrPrinter

from calcquest.grading.parser.limits import MAX_NUMBER_DIGITS


def short_integer(value: int) -> str:
    """A whole number as typed, or shortened when it is longer than any number one can type
    (1000! has 2568 digits): "4023872600...000000 (2568 digits)", so a preview stays short."""
    digits = str(abs(value))
    if len(digits) <= MAX_NUMBER_DIGITS:
        return str(value)
    sign = "-" if value < 0 else ""
    return f"{sign}{digits[:10]}...{digits[-6:]} ({len(digits)} digits)"


class LearnerPrinter(StrPrinter):
    """SymPy's str printer, speaking the notation our parser reads."""

    def parenthesize(self, item, level, strict=False):  # noqa: ANN001, ANN201
        """`e^x` as the base of a power needs brackets: (e^x)^(1/3), not e^x^(1/3)."""
        if isinstance(item, sympy.exp) and level >= PRECEDENCE["Pow"]:
            return "(" + self._print(item) + ")"
        return super().parenthesize(item, level, strict)

    def _print_Pow(self, expr, rational=False):  # noqa: ANN001, ANN202 (SymPy's signature)
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_exp(self, expr):  # noqa: ANN001, ANN202
        arg = expr.args[0]
        text = self._print(arg)
        simple = arg.is_Symbol or (arg.is_Integer and arg >= 0)
        return "e^" + text if simple else f"e^({text})"

    def _print_Exp1(self, expr):  # noqa: ANN001, ANN202
        return "e"

    def _print_log(self, expr):  # noqa: ANN001, ANN202
        return "ln(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Abs(self, expr):  # noqa: ANN001, ANN202
        return "|" + self._print(expr.args[0]) + "|"

    def _print_Max(self, expr):  # noqa: ANN001, ANN202
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr):  # noqa: ANN001, ANN202
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_ceiling(self, expr):  # noqa: ANN001, ANN202
        return "ceil(" + self._print(expr.args[0]) + ")"

    def _print_ComplexInfinity(self, expr):  # noqa: ANN001, ANN202
        return "undefined"

    def _print_NaN(self, expr):  # noqa: ANN001, ANN202
        """0/0 and oo - oo: "undefined" to a learner, as 1/0 is."""
        return "undefined"

    def _print_Integer(self, expr):  # noqa: ANN001, ANN202
        return short_integer(expr.p)

    def _print_Rational(self, expr):  # noqa: ANN001, ANN202
        if expr.q == 1:
            return short_integer(expr.p)
        return f"{short_integer(expr.p)}/{short_integer(expr.q)}"

    def _print_ImaginaryUnit(self, expr):  # noqa: ANN001, ANN202
        return "i"

    def _print_Float(self, expr):  # noqa: ANN001, ANN202
        value = float(expr) if expr._prec <= 53 and expr.is_finite else None
        if value is not None and (value != 0.0 or expr.is_zero) and abs(value) != float("inf"):
            return repr(value)
        return super()._print_Float(expr)


_PRINTER = LearnerPrinter({"order": None})


def learner_text(expr: sympy.Basic) -> str:
    """One line in the notation a learner types, e.g. `2*x*cos(x^2)`."""
    return _PRINTER.doprint(expr)


class LearnerPrettyPrinter(PrettyPrinter):
    """SymPy's 2-D printer with the names learners type: ln, max, min, ceil."""

    def _print_log(self, expr):  # noqa: ANN001, ANN202
        return self._print_Function(expr, func_name="ln")

    def _print_Max(self, expr):  # noqa: ANN001, ANN202
        return self._print_Function(expr, sort=False, func_name="max")

    def _print_Min(self, expr):  # noqa: ANN001, ANN202
        return self._print_Function(expr, sort=False, func_name="min")

    def _print_ceiling(self, expr):  # noqa: ANN001, ANN202
        return self._print_Function(expr, func_name="ceil")

    def _print_NaN(self, expr):  # noqa: ANN001, ANN202
        return prettyForm("undefined")

    def _print_ComplexInfinity(self, expr):  # noqa: ANN001, ANN202
        return prettyForm("undefined")

    def _print_Rational(self, expr):  # noqa: ANN001, ANN202
        """Whole numbers and fractions, with numbers too long to type shortened."""
        if max(len(str(abs(expr.p))), len(str(expr.q))) <= MAX_NUMBER_DIGITS:
            return super()._print_Rational(expr)
        binding = prettyForm.NEG if expr.p < 0 else prettyForm.ATOM
        top = prettyForm(short_integer(expr.p), binding=binding)
        return top if expr.q == 1 else top / prettyForm(short_integer(expr.q))


def _pretty(expr: object, unicode: bool) -> str:
    """Draw with LearnerPrettyPrinter, as `sympy.pretty` does with its own printer."""
    printer = LearnerPrettyPrinter({"use_unicode": unicode, "full_prec": False})
    previous = pretty_use_unicode(unicode)
    try:
        return printer.doprint(expr)
    finally:
        pretty_use_unicode(previous)


def pretty_unicode(expr: object) -> str:
    """The terminal picture with Unicode symbols (may span several lines)."""
    return _pretty(expr, True)


def pretty_ascii(expr: object) -> str:
    """The same picture in plain ASCII, for terminals that cannot show Unicode."""
    return _pretty(expr, False)
