"""The `antiderivative` kind: the response's derivative equals the integrand.

Any constant is allowed (`x^3/3 + 7`, `x^3/3 + C`); with `general: true` the response must
carry an arbitrary constant (C, C1, C2, C3 or K). Constants are sampled like variables, so
`C*x^3/3` (a constant in the wrong place) is caught. The integrand is the spec's `integrand`,
or the derivative of `expected`.
"""

from __future__ import annotations

import sympy

from calcquest.grading.calculus import derivative
from calcquest.grading.check_base import Checker, Outcome, Prepared
from calcquest.grading.clue import Clue
from calcquest.grading.counterexample import counterexample
from calcquest.grading.equivalence import STRICT, compare
from calcquest.grading.feedback import explain
from calcquest.grading.reading import Answer, Names, constants_for, read_author
from calcquest.grading.spec import AnswerSpec
from calcquest.grading.verdict import SpecError


def _variables(spec: AnswerSpec) -> tuple[str, ...]:
    return tuple(spec.var_names()) or (spec.var,)


def has_constant(prepared: Prepared, expr: sympy.Expr) -> bool:
    """Whether the expression really depends on one of the arbitrary constants."""
    constants = set(prepared.names.constant_symbols()) & expr.free_symbols
    return any(derivative(expr, c) != 0 for c in constants)


class AntiderivativeChecker(Checker):
    """Right when d/dx of the response equals the integrand (and + C is there if required)."""

    kind = "antiderivative"
    needs_expected = False

    def names(self, spec: AnswerSpec) -> Names:
        """The variables plus the arbitrary-constant names."""
        variables = _variables(spec)
        return Names(variables, constants_for(variables))

    def prepare_more(self, prepared: Prepared) -> None:
        """Find the integrand and the variable; sample the constants too."""
        spec, names = prepared.spec, prepared.names
        var = sympy.Symbol(names.variables[0])
        if spec.integrand is not None:
            integrand = read_author(names, spec.integrand, "integrand").value
        elif prepared.expected is not None:
            integrand = derivative(prepared.expected.value, var)
        else:
            raise SpecError("an antiderivative spec needs expected or integrand")
        if not isinstance(integrand, sympy.Expr):
            raise SpecError("integrand must be a single expression")
        prepared.space = prepared.space.extended(names.constant_symbols())
        prepared.extra.update(integrand=integrand, var=var)

    def derivative_matches(self, prepared: Prepared, response: sympy.Expr, target) -> bool:
        """d/dx response equals target at the test points (constants sampled)."""
        rate = derivative(response, prepared.extra["var"])
        return compare(rate, target, prepared.space, STRICT).equal

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """The derivative test, then + C when the spec asks for the general antiderivative."""
        if not self.derivative_matches(prepared, answer.value, prepared.extra["integrand"]):
            return Outcome(False)
        if prepared.spec.general and not has_constant(prepared, answer.value):
            return Outcome(False)
        why = "Its derivative is the integrand"
        return Outcome(True, why + (", and + C covers them all." if prepared.spec.general else "."))

    def matches(self, prepared: Prepared, answer: Answer, mistake: Answer) -> bool:
        """Equal to an author's mistake up to a constant (same derivative)."""
        target = derivative(mistake.value, prepared.extra["var"])
        return self.derivative_matches(prepared, answer.value, target)

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Rules on (derivative of response, integrand), else a counterexample."""
        var, integrand = prepared.extra["var"], prepared.extra["integrand"]
        rate = derivative(answer.value, var)
        clue = Clue(
            self.kind,
            rate,
            integrand,
            prepared.space,
            answer.text,
            var=var,
            raw_response=answer.value,
            integrand=integrand,
            general=prepared.spec.general,
            constants=prepared.names.constant_symbols(),
        )
        if hit := explain(clue):
            return Outcome(False, hit.feedback, hit.mistake)
        message = counterexample(
            rate,
            integrand,
            prepared.space,
            yours="the derivative of your answer is",
            right="the integrand",
        )
        return Outcome(False, message or "Its derivative is not the integrand.")
