"""Properties of the parser over generated input (hypothesis).

1. Whatever text arrives, the parser answers with a reading or an AnswerSyntaxError, never
   any other exception, and `interpret` never raises at all.
2. Printing an expression in our learner notation and reading it back gives the same
   expression, so the preview the player sees is faithful to what is graded.
"""

from __future__ import annotations

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calcquest.grading import AnswerSyntaxError, interpret, parse_answer
from calcquest.grading.parser.printer import learner_text

NAMES = ["x", "y", "theta", "w1"]
SYMBOLS = [sympy.Symbol(name) for name in NAMES]

#: Characters of the notation (and its neighbours), so generated text gets past the lexer.
NOTATION = "xyzw1θ0123456789.+-*/^()[]|,=!' eEsincoqrtlgpabf²³⁻π√∞−×·÷ _;\"\\\x00х"
WORDS = ["sin", "cos", "ln", "log", "sqrt", "e", "pi", "oo", "abs", "max", "exp", "theta", "w1"]

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_or_refuse(text: str) -> None:
    try:
        parsed = parse_answer(text, NAMES, constants=["C"], functions=["f"])
    except AnswerSyntaxError as error:
        assert error.message
        assert error.column is None or 1 <= error.column <= max(len(text), 1)
        return
    assert parsed.shape in ("scalar", "vector", "matrix", "equation", "dne", "choice")
    assert "\n" not in parsed.text


@FAST
@given(st.text(max_size=80))
def test_any_text_reads_or_is_refused_kindly(text):
    _read_or_refuse(text)


@FAST
@given(st.text(alphabet=NOTATION, max_size=40))
def test_notation_soup_reads_or_is_refused_kindly(text):
    _read_or_refuse(text)


@FAST
@given(st.lists(st.sampled_from(WORDS + list("xy2.+-*/^()|, ")), max_size=25).map("".join))
def test_word_soup_reads_or_is_refused_kindly(text):
    _read_or_refuse(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_interpret_never_raises(text):
    reading = interpret(text, ["x"])
    assert reading.ok == (reading.error is None)


def _leaves() -> st.SearchStrategy:
    small = st.integers(-12, 12).map(sympy.Integer)
    fraction = st.tuples(st.integers(-9, 9), st.integers(2, 9)).map(lambda p: sympy.Rational(*p))
    decimal = st.sampled_from(["0.5", "2.25", "0.001", "1e-05", "3.75"]).map(sympy.Float)
    constant = st.sampled_from([sympy.pi, sympy.E])
    return st.one_of(st.sampled_from(SYMBOLS), small, fraction, decimal, constant)


def _small_factorial(value):
    """factorial, but not of a whole number SymPy would spend seconds multiplying out (the
    generator itself would hit a RecursionError on factorial(factorial(12)))."""
    return None if value.is_Integer and abs(value) > 100 else sympy.factorial(value)


UNARY = [sympy.sin, sympy.cos, sympy.tan, sympy.exp, sympy.log, sympy.sqrt, sympy.Abs,
         sympy.atan, sympy.asin, sympy.sinh, sympy.tanh, _small_factorial]  # fmt: skip


def _grow(children: st.SearchStrategy) -> st.SearchStrategy:
    exponent = st.one_of(
        st.integers(-3, 4).map(sympy.Integer),
        st.sampled_from([sympy.Rational(1, 2), sympy.Rational(-1, 3)]),
        st.sampled_from(SYMBOLS),
    )
    return st.one_of(
        st.lists(children, min_size=2, max_size=3).map(lambda a: sympy.Add(*a)),
        st.lists(children, min_size=2, max_size=3).map(lambda a: sympy.Mul(*a)),
        st.tuples(children, exponent).map(lambda p: sympy.Pow(*p)),
        st.tuples(st.sampled_from(UNARY), children).map(lambda p: p[0](p[1])),
        st.tuples(children, children).map(lambda p: _or_none(sympy.Max, *p)),
    ).filter(lambda expr: expr is not None)


def _or_none(build, *args):
    """SymPy refuses some combinations (Max of zoo); those are simply not generated."""
    try:
        return build(*args)
    except (ValueError, TypeError):
        return None


EXPRESSIONS = st.recursive(_leaves(), _grow, max_leaves=8)


def _plain(expr: sympy.Expr) -> bool:
    """Expressions a learner could type: finite, real-looking, no zoo/nan/I, no re()/im()."""
    bad = (sympy.zoo, sympy.nan, sympy.I, sympy.oo, -sympy.oo, sympy.re, sympy.im, sympy.arg)
    return not any(expr.has(b) for b in bad)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS)
def test_printing_then_reading_gives_the_same_expression(expr):
    assume(_plain(expr))
    text = learner_text(expr)
    assume(len(text) <= 400 and "digits)" not in text)  # a shortened huge number: not typable
    try:
        parsed = parse_answer(text, NAMES)
    except AnswerSyntaxError as error:  # e^sinh(sinh(3)) is past the exponent limit, and
        # -(-1)^(2/3) is complex, refused as "not a real number": both fine
        assume("too large" not in error.message and "not a real number" not in error.message)
        raise
    assert parsed.shape == "scalar"
    assert parsed.value == expr, text
