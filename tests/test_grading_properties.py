"""Property tests: equivalent rewrites of an expression are accepted, perturbations rejected.

Expressions are built with SymPy from a small grammar (x, small integers, +, *, powers,
sin, cos, exp), rewritten with SymPy (expand, factor, trig expansion, inserting
sin^2 + cos^2 = 1 or e^x e^-x = 1), printed in learner notation with the parser's own
printer, and graded as text, exactly as a player's answer would be.
"""

from __future__ import annotations

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calcquest.grading import grade_here
from calcquest.grading.parser.printer import learner_text
from calcquest.grading.sampling import Space, evaluate

X = sympy.Symbol("x")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

leaves = st.one_of(st.just(X), st.integers(1, 5).map(sympy.Integer))


def _extend(children):
    return st.one_of(
        st.tuples(children, children).map(lambda ab: ab[0] + ab[1]),
        st.tuples(children, children).map(lambda ab: ab[0] * ab[1]),
        st.tuples(children, st.integers(2, 3)).map(lambda ak: ak[0] ** ak[1]),
        children.map(sympy.sin),
        children.map(sympy.cos),
        leaves.map(lambda a: sympy.exp(a / 2)),
    )


expressions = st.recursive(leaves, _extend, max_leaves=6).filter(lambda e: X in e.free_symbols)

REWRITES = {
    "expand": sympy.expand,
    "factor": sympy.factor,
    "expand_trig": lambda e: sympy.expand_trig(e),
    "plus a trig zero": lambda e: e + sympy.sin(X) ** 2 + sympy.cos(X) ** 2 - 1,
    "times exp one": lambda e: e * sympy.exp(X) * sympy.exp(-X),
    "times a trig one": lambda e: sympy.Mul(e, sympy.sin(X) ** 2 + sympy.cos(X) ** 2),
    "reordered": lambda e: sympy.Add(*reversed(sympy.Add.make_args(e))),
}


def _spec(expected: sympy.Expr) -> dict:
    return {"kind": "expression", "expected": learner_text(expected), "vars": ["x"]}


def _well_defined(expr: sympy.Expr) -> bool:
    """Finite at most test points (huge powers of exp overflow and prove nothing)."""
    space = Space((X,), (None,))
    values = evaluate(expr, space.symbols, space.draw(0, 32))
    return (values == values).sum() >= 24


@SETTINGS
@given(expressions, st.sampled_from(sorted(REWRITES)))
def test_equivalent_rewrites_are_accepted(expr, rewrite):
    assume(_well_defined(expr))
    typed = learner_text(REWRITES[rewrite](expr))
    assume(len(typed) <= 500)  # longer answers are refused by design
    verdict = grade_here(_spec(expr), typed)
    assert verdict.counted, verdict
    assert verdict.correct, (learner_text(expr), typed, verdict)


perturbations = st.one_of(
    st.tuples(st.integers(1, 9), st.integers(0, 3)).map(
        lambda ck: ("add a term", lambda e: e + sympy.Rational(ck[0], 10) * X ** ck[1])
    ),
    st.integers(2, 5).map(lambda k: ("scale", lambda e: e * k)),
    st.just(("shift x", lambda e: e.subs(X, X + sympy.Rational(1, 2)))),
    st.just(("bump a coefficient", lambda e: sympy.expand(e) + X)),
)


@SETTINGS
@given(expressions, perturbations)
def test_perturbations_are_rejected(expr, perturbation):
    name, change = perturbation
    assume(_well_defined(expr))
    changed = change(expr)
    assume(sympy.simplify(changed - expr) != 0)  # e.g. shifting a constant changes nothing
    typed = learner_text(changed)
    assume(len(typed) <= 500)
    verdict = grade_here(_spec(expr), typed)
    assert verdict.counted, verdict
    assert not verdict.correct, (name, learner_text(expr), typed)
    assert verdict.feedback


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gets_a_verdict_never_an_exception(text):
    verdict = grade_here({"kind": "expression", "expected": "2*x", "vars": ["x"]}, text)
    assert verdict.counted or verdict.error
    assert verdict.counted == (verdict.error is None)
