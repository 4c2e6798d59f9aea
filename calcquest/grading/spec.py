"""The answer spec: what a question expects and how to judge a response.

The same model is used in level YAML (`questions[i].answer`) and by `calcquest grade --spec`.
Every field's docstring doubles as reference documentation for authors.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: What a variable or function name may look like: a letter, then letters, digits or `_`.
NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

AnswerKind = Literal[
    "expression",
    "numeric",
    "limit",
    "vector",
    "matrix",
    "equation",
    "antiderivative",
    "ode_solution",
    "choice",
]

#: Every answer kind, in the order the docs present them.
ANSWER_KINDS: tuple[str, ...] = AnswerKind.__args__  # type: ignore[attr-defined]


class Mistake(BaseModel):
    """A wrong answer people really give, and what to tell them when they give it."""

    model_config = ConfigDict(extra="forbid")

    answer: str
    """The wrong answer, written as a learner would. It must grade wrong (`calcquest check`)."""
    feedback: str
    """What the player reads when their answer is equivalent to `answer`."""


class AnswerSpec(BaseModel):
    """How to judge a response: the kind of answer, the expected value and the tolerances."""

    model_config = ConfigDict(extra="forbid")

    kind: AnswerKind
    """One of: expression, numeric, limit, vector, matrix, equation, antiderivative,
    ode_solution, choice."""

    expected: str | int | float | list | None = None
    """The right answer. An expression string such as `2*x*cos(x**2)`, a number, `oo`/`-oo`/`DNE`
    for limits, `[2*w, 2*b]` (or a YAML list) for vectors, `[[1, 0], [0, 1]]` for matrices,
    `y = 4*x - 4` for equations, one antiderivative for `antiderivative`, the key of the right
    option for `choice`. Optional for `antiderivative` (give `integrand`) and `ode_solution`
    (the ODE itself decides)."""

    vars: list[str] | dict[str, list[float] | None] = Field(default_factory=list)
    """The variables an answer may use, e.g. `[x]`, or with a domain for the test points,
    e.g. `{x: [0.1, 5]}` for an answer with `ln x`. Default domain: [-3, 3] avoiding 0."""

    rtol: float = Field(default=1e-3, ge=0, allow_inf_nan=False)
    """Relative tolerance for numbers (numeric, limit, and numeric entries of vectors)."""

    atol: float = Field(default=1e-9, ge=0, allow_inf_nan=False)
    """Absolute tolerance for numbers, for answers near zero."""

    ode: str | None = None
    """For `ode_solution`: the equation, e.g. `y' = -2*y` or `y'' = -y`."""

    func: str = "y"
    """For `ode_solution`: the unknown function's name."""

    var: str = "x"
    """For `ode_solution`: the independent variable, e.g. `t`."""

    ics: dict[str, str | float | int] = Field(default_factory=dict)
    """For `ode_solution`: initial conditions, e.g. `{"y(0)": 3}` or `{"y'(0)": 0}`."""

    general: bool = False
    """For `ode_solution`: the answer must be the general solution, keeping a constant such as
    `C`. For `antiderivative`: the answer must include `+ C`."""

    integrand: str | None = None
    """For `antiderivative`: the function to integrate, instead of `expected`."""

    options: dict[str, str] = Field(default_factory=dict)
    """For `choice`: option key to option text, e.g. `{a: "too small", b: "too large"}`."""

    mistakes: list[Mistake] = Field(default_factory=list)
    """Wrong answers with their feedback (levels usually list these on the question)."""

    @field_validator("vars")
    @classmethod
    def _names_and_domains(cls, value: list[str] | dict) -> list[str] | dict:
        """Refuse what would break every answer later: a name the parser cannot read, a name
        given twice, a domain that is not an interval [low, high] with low < high."""
        names = list(value) if isinstance(value, list) else list(value.keys())
        for name in names:
            if not NAME.fullmatch(str(name)):
                raise ValueError(f"'{name}' is not a variable name; use letters such as x or w1")
        if len(set(names)) != len(names):
            raise ValueError(f"a variable is listed twice in {names}")
        domains = value.items() if isinstance(value, dict) else ()
        for name, bounds in domains:
            if bounds is not None and not _is_interval(bounds):
                raise ValueError(
                    f"the domain of {name} must be [low, high] with low < high, "
                    f"e.g. {name}: [0.1, 5]; got {bounds}"
                )
        return value

    @model_validator(mode="after")
    def _function_is_not_the_variable(self) -> AnswerSpec:
        """An ODE's unknown function and its variable must differ (y(x), not y(y))."""
        if self.kind == "ode_solution" and self.func == self.var:
            raise ValueError(f"func and var are both '{self.func}'; use e.g. func: y, var: t")
        if not NAME.fullmatch(self.func) or not NAME.fullmatch(self.var):
            raise ValueError("func and var must be names such as y and t")
        return self

    def var_names(self) -> list[str]:
        """The declared variable names, in order, whichever form `vars` took."""
        return list(self.vars) if isinstance(self.vars, list) else list(self.vars.keys())

    def domain(self, name: str) -> tuple[float, float] | None:
        """The declared test-point interval of a variable, or None for the default."""
        if isinstance(self.vars, dict):
            bounds = self.vars.get(name)
            if bounds:
                return (float(bounds[0]), float(bounds[1]))
        return None


def _is_interval(bounds: list[float]) -> bool:
    """Two finite numbers, the first smaller."""
    return len(bounds) == 2 and all(map(math.isfinite, bounds)) and bounds[0] < bounds[1]
