"""The `ode_solution` kind: the response satisfies the ODE, its initial conditions, and (for a
general solution) keeps as many free constants as the equation's order.

The spec's `ode` is read with `functions=[func]`, so `y`, `y'`, `y''` are symbols; the
response's y and its derivatives replace them and both sides are compared at test points of
the independent variable *and* of every constant (C, C1, ...), so a general solution must
satisfy the ODE for several values of its constants. Points where the candidate is undefined
(a logistic curve's pole) are skipped. `ics` keys such as `y'(0)` are read with a small regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import sympy

from calcquest.grading.calculus import derivative
from calcquest.grading.check_antiderivative import has_constant
from calcquest.grading.check_base import Checker, Outcome, Prepared, same_function
from calcquest.grading.check_expression import explain_scalar
from calcquest.grading.counterexample import counterexample, format_number
from calcquest.grading.equivalence import compare
from calcquest.grading.reading import Answer, Names, constants_for, read_author
from calcquest.grading.sampling import evaluate, number_value
from calcquest.grading.spec import AnswerSpec
from calcquest.grading.verdict import SpecError

_IC_KEY = re.compile(r"^\s*([A-Za-z_]\w*)\s*('*)\s*\(\s*(.+?)\s*\)\s*$")


@dataclass(frozen=True)
class Condition:
    """One initial condition: the `order`-th derivative at `point` equals `value`."""

    order: int
    point: sympy.Expr
    value: sympy.Expr
    text: str


def _read_condition(spec: AnswerSpec, key: str, value) -> Condition:
    """Parse `y'(0)` -> (1, 0) and the value; SpecError when the key is not of that form."""
    match = _IC_KEY.match(key)
    if not match or match.group(1) != spec.func:
        raise SpecError(f"ics key {key!r} is not of the form {spec.func}(0) or {spec.func}'(0)")
    numbers = Names(())
    point = read_author(numbers, match.group(3), f"ics[{key!r}] point").value
    target = read_author(numbers, value, f"ics[{key!r}]").value
    if number_value(point) is None or number_value(target) is None:
        raise SpecError(f"ics[{key!r}] must give a number at a number")
    return Condition(len(match.group(2)), point, target, f"{key.strip()} = {value}")


def _constant_names(count: int) -> str:
    """ "C1 and C2", "C1, C2 and C3": how many constants an order-`count` solution keeps."""
    names = [f"C{i}" for i in range(1, count + 1)]
    return ", ".join(names[:-1]) + " and " + names[-1] if count > 1 else "C"


def _missed_condition(condition: Condition, got: sympy.Expr) -> str:
    """Why a solution of the equation misses an initial condition, with what it gives."""
    left = f"It solves the equation, but not {condition.text}"
    if got.free_symbols:
        names = " and ".join(sorted(s.name for s in got.free_symbols))
        return f"{left}: there it still depends on {names}; choose the constant to fit."
    return f"{left}: yours gives {format_number(number_value(got))}."


class OdeChecker(Checker):
    """Right when the response solves the ODE (and the ics; and keeps its constants)."""

    kind = "ode_solution"
    shapes = ("scalar", "equation")
    needs_expected = False

    def names(self, spec: AnswerSpec) -> Names:
        """The independent variable (and any declared ones), constants, and the function."""
        variables = tuple(dict.fromkeys([spec.var, *spec.var_names()]))
        return Names(variables, constants_for(variables), (spec.func,))

    def prepare_more(self, prepared: Prepared) -> None:
        """Read the ODE and the initial conditions; sample the constants too."""
        spec = prepared.spec
        if not spec.ode:
            raise SpecError('an ode_solution spec needs ode, e.g. "y\' = -2*y"')
        ode = read_author(prepared.names, spec.ode, "ode")
        lhs, rhs = ode.value if ode.shape == "equation" else (ode.value, sympy.Integer(0))
        primes = {s: len(s.name) - len(spec.func) for s in (lhs - rhs).free_symbols}
        primes = {s: n for s, n in primes.items() if s.name == spec.func + "'" * n}
        if not any(primes.values()):
            raise SpecError(f"ode {spec.ode!r} has no derivative of {spec.func}")
        prepared.space = prepared.space.extended(prepared.names.constant_symbols())
        prepared.extra.update(
            ode=(lhs, rhs),
            ode_text=ode.text,
            primes=primes,
            order=max(primes.values()),
            var=sympy.Symbol(spec.var),
            conditions=[_read_condition(spec, k, v) for k, v in spec.ics.items()],
        )

    def candidate(self, prepared: Prepared, answer: Answer) -> sympy.Expr | str:
        """The proposed y(t), or the reason the response is not a solution's formula."""
        func = sympy.Symbol(prepared.spec.func)
        value = answer.value
        if answer.shape == "equation":
            lhs, rhs = value
            value = rhs if lhs == func else lhs if rhs == func else None
            if value is None:
                return f"Write the solution as {func} = ..., a formula in {prepared.spec.var}."
        if set(prepared.extra["primes"]) & value.free_symbols:
            return (
                f"That still contains {func} itself; give the function of "
                f"{prepared.spec.var} that solves the equation."
            )
        return value

    def substituted(self, prepared: Prepared, y: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
        """Both sides of the ODE with y, y', y'' replaced by the candidate's derivatives."""
        var = prepared.extra["var"]
        mapping = {s: derivative(y, var, n) for s, n in prepared.extra["primes"].items()}
        lhs, rhs = prepared.extra["ode"]
        return lhs.xreplace(mapping), rhs.xreplace(mapping)

    def solves(self, prepared: Prepared, y: sympy.Expr) -> bool:
        """Both sides agree at the test points where the candidate is defined."""
        lhs, rhs = self.substituted(prepared, y)
        return compare(lhs, rhs, prepared.space, skip_undefined=True).equal

    def failed_condition(self, prepared: Prepared, y: sympy.Expr) -> tuple[Condition, str] | None:
        """The first initial condition the candidate misses, with the value it gives."""
        var = prepared.extra["var"]
        for condition in prepared.extra["conditions"]:
            got = derivative(y, var, condition.order).subs(var, condition.point)
            if not same_function(prepared, got, condition.value).equal:
                return condition, got
        return None

    def free_constants(self, prepared: Prepared, y: sympy.Expr) -> int:
        """How many independent arbitrary constants y keeps (rank of its C-derivatives)."""
        constants = [c for c in prepared.names.constant_symbols() if c in y.free_symbols]
        if not constants:
            return 0
        space = prepared.space
        points = space.draw(7, 32)
        columns = [evaluate(derivative(y, c), space.symbols, points) for c in constants]
        matrix = np.array(columns).T
        matrix = matrix[np.isfinite(matrix).all(axis=1)]
        if matrix.size == 0:
            return 0
        scale = np.max(np.abs(matrix)) or 1.0
        return int(np.linalg.matrix_rank(matrix / scale, tol=1e-8))

    def judge(self, prepared: Prepared, answer: Answer) -> Outcome:
        """The ODE, then the initial conditions, then the constants of a general solution."""
        y = self.candidate(prepared, answer)
        if isinstance(y, str):
            return Outcome(False, y, "not_a_solution")
        if not self.solves(prepared, y):
            return Outcome(False)
        general = prepared.spec.general  # a general solution keeps C, so ics cannot hold
        if not general and (failed := self.failed_condition(prepared, y)):
            return Outcome(False, _missed_condition(*failed), "initial_condition")
        if general and (problem := self._general_problem(prepared, y)):
            return Outcome(False, problem, "forgot_constant")
        return Outcome(True, self._praise(prepared))

    def _general_problem(self, prepared: Prepared, y: sympy.Expr) -> str | None:
        order = prepared.extra["order"]
        if order == 1 and not has_constant(prepared, y):
            return (
                "It solves the equation, but the general solution keeps an arbitrary "
                "constant: write it with C."
            )
        if self.free_constants(prepared, y) < order:
            return (
                f"It solves the equation, but an order-{order} equation's general solution "
                f"needs {order} independent constants, like {_constant_names(order)}."
            )
        return None

    def _praise(self, prepared: Prepared) -> str:
        general = prepared.spec.general
        conditions = [] if general else [c.text for c in prepared.extra["conditions"]]
        parts = [prepared.extra["ode_text"], *conditions]
        tail = " for every value of its constants" if general else ""
        return f"It satisfies {' and '.join(parts)}{tail}."

    def matches(self, prepared: Prepared, answer: Answer, mistake: Answer) -> bool:
        """Equal to an author's mistake as a function (constants sampled)."""
        y = self.candidate(prepared, answer)
        other = self.candidate(prepared, mistake)
        if isinstance(y, str) or isinstance(other, str):
            return False
        return same_function(prepared, y, other).equal

    def explain(self, prepared: Prepared, answer: Answer) -> Outcome:
        """Rules against the author's solution if given, else where the ODE fails."""
        y = self.candidate(prepared, answer)
        expected = prepared.expected
        if expected is not None and (want := self.candidate(prepared, expected)) is not None:
            if not isinstance(want, str):
                outcome = explain_scalar(prepared, self.kind, y, want, answer.text)
                if outcome.mistake:
                    return outcome
        lhs, rhs = self.substituted(prepared, y)
        message = counterexample(
            lhs, rhs, prepared.space, yours="the left side is", right="the right side"
        )
        ode = prepared.extra["ode_text"]
        if message:
            return Outcome(False, f"In {ode}, {message[:1].lower()}{message[1:]}")
        return Outcome(False, f"It does not satisfy {ode}.")
