"""The level format: typed models for worlds, levels, questions, parameters and scenes.

Field docstrings are the authoring reference (docs/authoring.md is tested against them).
All models forbid unknown keys, so a typo is an error with a "did you mean" suggestion.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from calcquest.grading.spec import AnswerSpec, Mistake

#: The level format version this build reads.
FORMAT_VERSION = 1

SceneType = Literal[
    "function",
    "secant_to_tangent",
    "difference_quotient",
    "descent_1d",
    "descent_2d",
    "gradient_field",
    "taylor",
    "riemann",
    "graph",
    "layers",
    "ode",
]

#: Every scene type, in the order the docs present them.
SCENE_TYPES: tuple[str, ...] = SceneType.__args__  # type: ignore[attr-defined]

_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


def _number_as_text(value: Any) -> Any:
    """YAML reads `0.5` as a number; answers are text, so keep what the author wrote."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    return value


class World(BaseModel):
    """A world: a chapter of the curriculum (`levels/<NN-world>/world.yaml`)."""

    model_config = ConfigDict(extra="forbid")

    format: int = FORMAT_VERSION
    """The level format version; 1 today."""
    id: str = Field(pattern=_ID_PATTERN)
    """Stable identifier, lower-case with dashes, e.g. `limits`. Levels name it in `world`."""
    title: str
    """Shown on the map, e.g. `Limits`."""
    order: int
    """Position on the map; worlds are played in increasing order."""
    blurb: str = ""
    """One or two sentences under the title on the map."""


class ParamSpec(BaseModel):
    """A random parameter, drawn afresh for each attempt. Give exactly one of the forms."""

    model_config = ConfigDict(extra="forbid")

    randint: list[int] | None = None
    """`[lo, hi]`: an integer from lo to hi inclusive."""
    choice: list[int | float | str] | None = None
    """A list of values to pick one from."""
    uniform: list[float] | None = None
    """`[lo, hi]`: a real number in the interval, rounded to `decimals`."""
    decimals: int = 1
    """For `uniform`: decimal places kept."""
    exclude: list[int | float] = Field(default_factory=list)
    """Values never drawn (e.g. `[0]`)."""

    @model_validator(mode="after")
    def _exactly_one_form(self) -> ParamSpec:
        forms = [f for f in ("randint", "choice", "uniform") if getattr(self, f) is not None]
        if len(forms) != 1:
            raise ValueError("give exactly one of randint, choice or uniform")
        for form in ("randint", "uniform"):
            bounds = getattr(self, form)
            if bounds is not None and (len(bounds) != 2 or bounds[0] > bounds[1]):
                raise ValueError(f"{form} needs [lo, hi] with lo <= hi")
        return self


class Control(BaseModel):
    """A knob the player turns with keys while the scene runs: a number such as the learning
    rate, or a choice such as the activation function."""

    model_config = ConfigDict(extra="forbid")

    param: str
    """The scene parameter it changes, e.g. `lr`, `x0`, `order`, `step`, or a choice such as
    `activation`, `init`, `method`, `rule`."""
    label: str | None = None
    """Shown beside the value; defaults to the parameter name."""
    values: list[float | str] | None = None
    """The values to step through with the keys (`[`/`]`, `{`/`}` for a second control):
    numbers, or for a choice the names it switches between, e.g. `[sigmoid, tanh, relu]`
    (choices wrap round)."""
    min: float | None = None
    """With `step`: the smallest value."""
    max: float | None = None
    """With `step`: the largest value."""
    step: float | None = None
    """With `min`/`max`: the change per key press."""

    @model_validator(mode="after")
    def _values_or_range(self) -> Control:
        ranged = None not in (self.min, self.max, self.step)
        if not self.values and not ranged:
            raise ValueError("give `values: [...]`, or `min`, `max` and `step`")
        if ranged and (self.step <= 0 or self.min > self.max):  # type: ignore[operator]
            raise ValueError("needs min <= max and a positive step")
        return self


class SceneSpec(BaseModel):
    """The animated plot beside the lesson. `type` picks the scene; the other keys are that
    scene type's parameters, checked by the scene itself (see docs/authoring.md)."""

    model_config = ConfigDict(extra="allow")

    type: SceneType
    """One of the scene types: function, secant_to_tangent, difference_quotient, descent_1d,
    descent_2d, gradient_field, taylor, riemann, graph, layers, ode."""
    title: str | None = None
    """A caption above the plot."""
    controls: list[Control] = Field(default_factory=list)
    """Knobs the player can turn while the scene runs."""

    def params(self) -> dict[str, Any]:
        """The scene-type-specific parameters (everything but type, title and controls)."""
        return dict(self.model_extra or {})


class Question(BaseModel):
    """One question of a level."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    """Stable identifier within the level (default: q1, q2, ... by position). Progress is
    stored by it, so keep it when you reorder questions."""
    prompt: str
    """What the player is asked. `{a}` is replaced by the parameter `a`."""
    answer: AnswerSpec
    """How the response is judged (kind, expected, vars, tolerances...)."""
    params: dict[str, ParamSpec] = Field(default_factory=dict)
    """Random parameters, e.g. `{a: {randint: [2, 9]}}`, substituted as `{a}` in the prompt,
    the expected answer, accept, mistakes and the scene."""
    accept: list[str] = Field(
        default_factory=list,
        json_schema_extra={"items": {"type": ["string", "number"]}},
    )
    """Other right forms of the answer; `calcquest check` proves each grades right."""
    mistakes: list[Mistake] = Field(default_factory=list)
    """Wrong answers people give, with feedback; each must grade wrong."""
    hints: list[str] = Field(default_factory=list)
    """Shown one at a time on request; each hint used costs a star."""
    why: str | None = None
    """A short explanation shown with "Correct"."""

    @field_validator("accept", "hints", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        """`accept: 0.5` or `hints: "..."` means a list of one; numbers become text, so
        `accept: [0.5, 1/2]` reads as written."""
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = [value]
        if isinstance(value, list):
            return [_number_as_text(item) for item in value]
        return value


class Level(BaseModel):
    """A level: a lesson, a scene and questions (`levels/<NN-world>/<NN-level>.yaml`)."""

    model_config = ConfigDict(extra="forbid")

    format: int = FORMAT_VERSION
    """The level format version; 1 today."""
    id: str = Field(pattern=_ID_PATTERN)
    """Stable identifier, lower-case with dashes, unique across all levels."""
    title: str
    """Shown on the map and above the lesson."""
    world: str
    """The id of the world this level belongs to."""
    requires: list[str] = Field(default_factory=list)
    """Ids of levels that must be finished first."""
    lesson: str
    """The lesson, in Markdown: what the idea is, why ML needs it, one worked example."""
    scene: SceneSpec | None = None
    """The animated plot shown beside the lesson."""
    questions: list[Question] = Field(min_length=1)
    """At least one question."""

    @model_validator(mode="after")
    def _default_question_ids(self) -> Level:
        for index, question in enumerate(self.questions, start=1):
            if question.id is None:
                question.id = f"q{index}"
        return self

    def question_ids(self) -> list[str]:
        """The questions' ids in order (defaults filled in: q1, q2, ...)."""
        return [question.id or f"q{index}" for index, question in enumerate(self.questions, 1)]
