"""What learners type, and how the parser must read it: an input -> expected-reading table.

Expected values are built here with SymPy constructors (never by parsing strings) and compared
structurally, so a change in how anything is read shows up as a failing row. The table is built
with SymPy's `distribute` off, as the parser builds, so `2(x+1)` stays 2*(x + 1).
"""

from __future__ import annotations

import pytest
from sympy import (
    Abs,
    E,
    Float,
    Function,
    Integer,
    Max,
    Min,
    Rational,
    Symbol,
    acos,
    asin,
    atan,
    cos,
    cosh,
    cot,
    csc,
    exp,
    factorial,
    log,
    oo,
    pi,
    sec,
    sin,
    sinh,
    sqrt,
    tan,
    tanh,
)
from sympy.core.parameters import distribute

from calcquest.grading import AnswerSyntaxError, parse_answer

x, y, t, w, b, r, C = (Symbol(name) for name in ("x", "y", "t", "w", "b", "r", "C"))
w1, w2, theta = Symbol("w1"), Symbol("w2"), Symbol("theta")
XY = {"variables": ["x", "y"]}
WB = {"variables": ["w", "b"]}
ODE = {"variables": ["t"], "functions": ["y"], "constants": ["C"]}


def scalar(value, **scope):
    return ("scalar", value, scope or XY)


def shaped(shape, value, **scope):
    return (shape, value, scope or XY)


with distribute(False):
    SCALARS = [
        # numbers: exact integers and fractions, decimals as floats
        ("42", Integer(42)),
        ("1/3", Rational(1, 3)),
        ("-1/3", Rational(-1, 3)),
        ("0.33", Float("0.33")),
        (".5", Float("0.5")),
        ("2.50", Float("2.5")),
        ("1e-3", Float("0.001")),
        ("1.5e+2", Float("150")),
        ("2E3", Float("2000")),
        ("3.0x", Float("3.0") * x),
        ("½", Rational(1, 2)),
        ("２x", 2 * x),
        # powers
        ("x^2", x**2),
        ("x**2", x**2),
        ("x²", x**2),
        ("x³ + x²", x**3 + x**2),
        ("x⁻¹", 1 / x),
        ("x^-1", 1 / x),
        ("x^(1/2)", sqrt(x)),
        ("2^3^2", Integer(512)),
        ("-x^2", -(x**2)),
        ("(-x)^2", x**2),
        ("2^-1", Rational(1, 2)),
        ("x^2y", x**2 * y),
        ("x^-2y", y / x**2),
        ("x^y^2", x ** (y**2)),
        ("2^10", Integer(1024)),
        # implicit products
        ("2x", 2 * x),
        ("2 x", 2 * x),
        ("x y", x * y),
        ("xy", x * y),
        ("2xy", 2 * x * y),
        ("2(x+1)", 2 * (x + 1)),
        ("(x+1)2", 2 * (x + 1)),
        ("(x+1)(x-1)", (x + 1) * (x - 1)),
        ("x(x+1)", x * (x + 1)),
        ("2 pi", 2 * pi),
        ("2pi x", 2 * pi * x),
        ("2π", 2 * pi),
        ("pix", pi * x),
        ("3x^2 + 2x + 1", 3 * x**2 + 2 * x + 1),
        ("1/2x", x / 2),
        ("1/(2x)", 1 / (2 * x)),
        ("x/2y", x * y / 2),
        ("2x cos(x^2)", 2 * x * cos(x**2)),
        ("2*x*cos(x**2)", 2 * x * cos(x**2)),
        ("cos(x^2)*2*x", 2 * x * cos(x**2)),
        ("-(x+1)", -(x + 1)),
        ("x - -1", x + 1),
        ("+x", x),
        # function application without parentheses
        ("sin x", sin(x)),
        ("sinx", sin(x)),
        ("sin 2x", sin(2 * x)),
        ("sin2x", sin(2 * x)),
        ("sin x cos x", sin(x) * cos(x)),
        ("sinxcosx", sin(x) * cos(x)),
        ("sin(x) cos(x)", sin(x) * cos(x)),
        ("sin(x)y", sin(x) * y),
        ("sin x^2", sin(x**2)),
        ("sin(x)^2", sin(x) ** 2),
        ("sin^2 x", sin(x) ** 2),
        ("sin^2(x)", sin(x) ** 2),
        ("sin²x", sin(x) ** 2),
        ("cos^2 x + sin^2 x", cos(x) ** 2 + sin(x) ** 2),
        ("sin^-1 x", asin(x)),
        ("cos^(-1)(x)", acos(x)),
        ("sin cos x", sin(cos(x))),
        ("sin 2x + 1", sin(2 * x) + 1),
        ("sin -x", sin(-x)),
        ("x sin x", x * sin(x)),
        ("2 sin x", 2 * sin(x)),
        ("ln x", log(x)),
        ("ln x/2", log(x) / 2),
        ("ln(x)/2", log(x) / 2),
        ("log x", log(x)),
        ("lnx", log(x)),
        ("Sin x", sin(x)),
        ("LN(x)", log(x)),
        ("PI", pi),
        ("ln|x|", log(Abs(x))),
        ("ln 2x", log(2 * x)),
        ("log(x, 2)", log(x, 2)),
        ("log_2(x)", log(x, 2)),
        ("log₂ x", log(x, 2)),
        ("log10(x)", log(x, 10)),
        ("e^sin x", exp(sin(x))),
        # e and exp
        ("e", E),
        ("e^x", exp(x)),
        ("exp(x)", exp(x)),
        ("exp x", exp(x)),
        ("e^(2x)", exp(2 * x)),
        ("e^-x", exp(-x)),
        ("e^2x", exp(2) * x),
        ("2e", 2 * E),
        ("2e^x", 2 * exp(x)),
        ("xe^x", x * exp(x)),
        ("x e^(-x^2)", x * exp(-(x**2))),
        # the rest of the function whitelist
        ("sqrt x", sqrt(x)),
        ("sqrt(x)/2", sqrt(x) / 2),
        ("√x", sqrt(x)),
        ("√(x+1)", sqrt(x + 1)),
        ("sqrt(4)", Integer(2)),
        ("cbrt(8)", Integer(2)),
        ("cbrt(-8)", Integer(-2)),
        ("|x|", Abs(x)),
        ("abs(x)", Abs(x)),
        ("abs x", Abs(x)),
        ("|x - 1|", Abs(x - 1)),
        ("||x| - 1|", Abs(Abs(x) - 1)),
        ("2|x|", 2 * Abs(x)),
        ("|x||y|", Abs(x) * Abs(y)),
        ("|sin x|", Abs(sin(x))),
        ("tan x", tan(x)),
        ("sec x", sec(x)),
        ("csc x", csc(x)),
        ("cot x", cot(x)),
        ("asin(x)", asin(x)),
        ("arccos x", acos(x)),
        ("arctan(x)", atan(x)),
        ("sinh x", sinh(x)),
        ("cosh x", cosh(x)),
        ("tanh(x)", tanh(x)),
        ("sigmoid(x)", 1 / (1 + exp(-x))),
        ("relu(x)", Max(0, x)),
        ("max(x, 0)", Max(x, 0)),
        ("min(x, 1)", Min(x, 1)),
        ("3!", Integer(6)),
        ("x!", factorial(x)),
        ("factorial(5)", Integer(120)),
        ("x^3/3!", x**3 / 6),
        # constants
        ("pi", pi),
        ("π/4", pi / 4),
        ("oo", oo),
        ("inf", oo),
        ("infinity", oo),
        ("∞", oo),
        ("-oo", -oo),
        ("-∞", -oo),
        # unicode operators
        ("2×3", Integer(6)),
        ("2·x", 2 * x),
        ("x − 1", x - 1),
        ("x – 1", x - 1),
        ("6÷3", Integer(2)),
        ("ｘ＋１", x + 1),
        ("x\u00a0+\u00a01", x + 1),
    ]

    SCOPED = [
        ("2w", scalar(2 * w, **WB)),
        ("w b", scalar(w * b, **WB)),
        ("w1 w2", scalar(w1 * w2, variables=["w1", "w2"])),
        ("w1w2", scalar(w1 * w2, variables=["w1", "w2"])),
        ("w1", scalar(w1, variables=["w1", "w"])),
        ("w₁ w₂", scalar(w1 * w2, variables=["w1", "w2"])),  # subscripts name declared w1
        ("w_1 + w_2", scalar(w1 + w2, variables=["w1", "w2"])),
        ("theta", scalar(theta, variables=["theta"])),
        ("θ", scalar(theta, variables=["theta"])),
        ("sin theta", scalar(sin(theta), variables=["theta"])),
        ("ξ + Δ", scalar(Symbol("xi") + Symbol("Delta"), variables=["xi", "Delta"])),
        ("µ", scalar(Symbol("mu"), variables=["mu"])),
        ("σ(x)", scalar(1 / (1 + exp(-x)), variables=["x"])),
        ("σ", scalar(Symbol("sigma"), variables=["sigma"])),
        ("πr^2", scalar(pi * r**2, variables=["r"])),
        ("e", scalar(Symbol("e"), variables=["e"])),
        ("C e^(-2t)", scalar(C * exp(-2 * t), **ODE)),
        ("Ce^(-2t)", scalar(C * exp(-2 * t), **ODE)),
        ("x^3/3 + C", scalar(x**3 / 3 + C, variables=["x"], constants=["C"])),
        ("y'' + y", scalar(Symbol("y''") + Symbol("y"), **ODE)),
        ("y″ + y", scalar(Symbol("y''") + Symbol("y"), **ODE)),
        ("y(0)", scalar(Function("y")(0), **ODE)),
        ("y'(0)", scalar(Function("y'")(0), **ODE)),
        ("[2w, 2b]", shaped("vector", (2 * w, 2 * b), **WB)),
        ("(2w, 2b)", shaped("vector", (2 * w, 2 * b), **WB)),
        ("2w, 2b", shaped("vector", (2 * w, 2 * b), **WB)),
        ("[x]", shaped("vector", (x,))),
        ("[1/2, -1]", shaped("vector", (Rational(1, 2), Integer(-1)))),
        (
            "[[1, 0], [0, 1]]",
            shaped("matrix", ((Integer(1), Integer(0)), (Integer(0), Integer(1)))),
        ),
        (
            "((1, 2), (3, 4))",
            shaped("matrix", ((Integer(1), Integer(2)), (Integer(3), Integer(4)))),
        ),
        ("[[2x, y], [y, 2x]]", shaped("matrix", ((2 * x, y), (y, 2 * x)))),
        ("y = 4x - 4", shaped("equation", (y, 4 * x - 4))),
        ("y=4x−4", shaped("equation", (y, 4 * x - 4))),
        ("x^2 + y^2 = 1", shaped("equation", (x**2 + y**2, Integer(1)))),
        ("y' = -2y", shaped("equation", (Symbol("y'"), -2 * Symbol("y")), **ODE)),
        ("y′ = -2y", shaped("equation", (Symbol("y'"), -2 * Symbol("y")), **ODE)),
        ("DNE", shaped("dne", None)),
        ("dne", shaped("dne", None)),
        ("does not exist", shaped("dne", None)),
        ("Does not exist.", shaped("dne", None)),
        ("doesn't exist", shaped("dne", None)),
        ("undefined", shaped("dne", None)),
        ("none", shaped("dne", None)),
        ("b", shaped("choice", "b", choice_keys=["a", "b"])),
        ("(B)", shaped("choice", "b", choice_keys=["a", "b"])),
        ("option a", shaped("choice", "a", choice_keys=["a", "b"])),
    ]

TABLE = [(text, scalar(value)) for text, value in SCALARS] + SCOPED


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_reading(text, expected):
    shape, value, scope = expected
    parsed = parse_answer(text, **scope)
    assert parsed.shape == shape
    assert parsed.value == value
    if shape == "scalar":
        assert parsed.value.func == value.func


def test_table_is_big():
    assert len(TABLE) >= 120


def test_one_third_is_exact_and_point_three_three_is_not():
    assert parse_answer("1/3").value.is_Rational
    assert parse_answer("0.33").value.is_Float


def test_declared_multi_letter_name_wins_over_splitting():
    assert parse_answer("ab", ["a", "b", "ab"]).value == Symbol("ab")
    assert parse_answer("ab", ["a", "b"]).value == Symbol("a") * Symbol("b")


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("2x cos(x^2)", "2*x*cos(x^2)"),
        ("e^(2x)", "e^(2*x)"),
        ("ln|x|", "ln(|x|)"),
        ("2(x+1)", "2*(x + 1)"),
        ("1/3", "1/3"),
        ("0.5x", "0.5*x"),
        ("relu(x)", "max(0, x)"),
        ("[2x, y]", "[2*x, y]"),
        ("[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]"),
        ("y = 4x - 4", "y = 4*x - 4"),
        ("DNE", "DNE"),
        ("0/0", "undefined"),
        ("1/0", "undefined"),
        ("oo - oo", "undefined"),
        ("1000!", "4023872600...000000 (2568 digits)"),
        ("2x + 10^70", "2*x + 1000000000...000000 (71 digits)"),
        ("2^150", "1427247692705959881058285969449495136382746624"),
    ],
)
def test_text_is_one_learner_line(text, reading):
    assert parse_answer(text, ["x", "y"]).text == reading


def test_a_number_too_long_to_type_keeps_the_preview_short():
    pretty = parse_answer("x/10^3000", ["x"]).pretty
    assert max(len(line) for line in pretty.splitlines()) < 40
    assert "(3001 digits)" in pretty


def test_pretty_is_a_terminal_picture():
    pretty = parse_answer("x^2/2", ["x"]).pretty
    assert pretty.splitlines() == [" 2", "x ", "──", "2 "]


TOO_LONG = "x" * 501
DEEP = "(" * 31 + "x" + ")" * 31

ERRORS = [
    ("", {}, "empty answer", None),
    ("   ", {}, "empty answer", None),
    (TOO_LONG, XY, "that answer is too long (501 characters; the limit is 500)", None),
    ("(x+1", XY, "unclosed parenthesis at column 1", 1),
    ("sin(x+1", XY, "unclosed parenthesis at column 4", 4),
    ("[x, y", XY, "unclosed bracket at column 1", 1),
    ("|x", XY, "unclosed '|' at column 1", 1),
    ("x)", XY, "unexpected ')' at column 2", 2),
    ("2x+1)", XY, "unexpected ')' at column 5", 5),
    ("[x, y)", XY, "')' at column 6 closes the bracket opened at column 1", 6),
    ("z", XY, "unknown name 'z' at column 1 — this answer uses x and y", 1),
    ("x + z", {"variables": ["x"]}, "unknown name 'z' at column 5 — this answer uses x", 5),
    ("X", {"variables": ["x"]}, "unknown name 'X' at column 1 — did you mean x?", 1),
    ("q", {}, "unknown name 'q' at column 1 — this answer has no variables", 1),
    ("2E", XY, "unknown name 'E' at column 2 — did you mean e?", 2),
    ("import os", XY, "'import' is not something you can type here", 1),
    ("x;", XY, "';' at column 2 is not something you can type here", 2),
    ("'x'", XY, "quotes are not something you can type here (column 1)", 1),
    ("x'", ODE | {"variables": ["x"]}, "a prime (') at column 2 can only follow y", 2),
    ("x^(10^10)", XY, "that power is too large to check (exponent 10^10)", 4),
    ("9^9^9^9", XY, "that power is too large to check (exponent 9^9)", 5),
    ("2^(2^(2^10))", XY, "that power is too large to check (exponent 2^(2^10))", 4),
    ("(x+1)^((2)^(99))", XY, "that power is too large to check (exponent (2)^(99))", 9),
    (
        "factorial(10^10)",
        XY,
        "that factorial is too large to check (10^10!; the limit is 1000!)",
        11,
    ),
    ("2 3", XY, "two numbers side by side at column 3", 3),
    ("x +", XY, "'+' at column 3 needs something after it", 3),
    ("x = y = 1", XY, "only one '=' can go in an answer (another at column 7)", 7),
    ("sin", XY, "'sin' at column 1 needs something to act on", 1),
    ("sin(x, y)", XY, "'sin' at column 1 takes one value, not 2", 1),
    ("*x", XY, "unexpected '*' at column 1", 1),
    ("()", XY, "empty brackets at column 1", 1),
    ("[[1, 2], [3]]", XY, "row 2 (column 10) has 1 entry but row 1 has 2 entries", 10),
    ("2 + [1, 2]", XY, "a list at column 5 can only be the whole answer", 5),
    (DEEP, XY, "nested too deeply at column 31 (the limit is 30 levels)", 31),
    ("хx", XY, "'х' at column 1 looks like 'x' but is a Cyrillic letter", 1),
    ("x\x00", XY, "there is an invisible control character (NUL) at column 2", 2),
    ("c", {"choice_keys": ["a", "b"]}, "'c' is not one of the choices (a, b)", None),
    ("1" * 61, XY, "the number at column 1 is too long (61 digits; the limit is 60)", 1),
    ("sqrt(-1)", XY, "sqrt(-1) at column 1 is not a real number", 1),
    ("x + ln(-2)", XY, "ln(-2) at column 5 is not a real number", 5),
    ("(-8)^(1/3)", XY, "(-8)^(1/3) at column 2 is not a real number", 2),
    ("sin x + asin 2", XY, "asin 2 at column 9 is not a real number", 9),
]


@pytest.mark.parametrize(("text", "scope", "message", "column"), ERRORS, ids=[e[2] for e in ERRORS])
def test_error_message_and_column(text, scope, message, column):
    with pytest.raises(AnswerSyntaxError) as caught:
        parse_answer(text, **scope)
    assert caught.value.message == message
    assert caught.value.column == column


@pytest.mark.parametrize(
    "text", ["x^2/2", "sqrt(x) + |x|", "[x, 2x]", "[[1, 2], [3, 4]]", "y = 4x"]
)
def test_pretty_ascii_is_plain_ascii_for_every_shape(text):
    from calcquest.grading.parser import pretty_ascii

    parsed = parse_answer(text, ["x", "y"])
    assert pretty_ascii(parsed).isascii()
    assert not parsed.pretty.isascii()


def test_pretty_uses_the_names_learners_type():
    assert parse_answer("ln(x) + max(x, 0)", ["x"]).pretty == "ln(x) + max(0, x)"
