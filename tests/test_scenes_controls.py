"""Controls that switch a choice (activation, init, method, rule) as well as turn a number:
what the scene computes after a switch, how the ladder steps and wraps, and how a level file
that names a choice the scene does not have is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calcquest.levels import instantiate_scene, load_level
from calcquest.levels.json_schema import level_json_schema
from calcquest.levels.loader import read_level
from calcquest.scenes import (
    SceneError,
    build_scene,
    scene_control_choices,
    scene_control_params,
    scene_from_spec,
)

LEVELS = Path(__file__).parents[1] / "levels"
ACTIVATIONS = [{"param": "activation", "values": ["sigmoid", "tanh", "relu"]}]


def test_each_categorical_parameter_can_be_a_control_with_its_choices():
    expected = {
        ("layers", "activation"): ("sigmoid", "tanh", "relu"),
        ("layers", "init"): ("xavier", "he", "normal"),
        ("ode", "method"): ("euler", "rk4", "both"),
        ("riemann", "rule"): ("left", "right", "midpoint"),
        ("difference_quotient", "method"): ("forward", "central"),
    }
    for (scene_type, param), choices in expected.items():
        assert param in scene_control_params(scene_type)
        assert scene_control_choices(scene_type, param) == choices
    assert scene_control_choices("descent_1d", "lr") == ()


def test_switching_the_activation_turns_a_vanishing_gradient_into_a_steady_one():
    scene = build_scene("layers", {"depth": 10, "init": "xavier"}, ACTIVATIONS)
    assert scene.controls[0].shown() == "activation = sigmoid (1 of 3)"
    assert scene.ratio() < 1e-3
    tanh = scene.with_control("activation", scene.controls[0].stepped(1))
    assert tanh.params.activation == "tanh"
    assert tanh.controls[0].shown() == "activation = tanh (2 of 3)"
    assert 1e-2 < tanh.ratio() < 1e2
    assert "with tanh and Xavier initialisation the gradient shrinks" in tanh.describe(
        tanh.last_frame
    )
    relu_he = tanh.with_control("activation", "relu").with_control("init", "he")
    assert relu_he.data(0)["std"] == pytest.approx((2 / 32) ** 0.5)
    assert 0.1 < relu_he.ratio() < 10


def test_choices_wrap_round_and_numbers_stop_at_the_ends():
    scene = build_scene(
        "layers", {"depth": 5}, [*ACTIVATIONS, {"param": "depth", "values": [3, 5]}]
    )
    choice, depth = scene.controls
    assert (choice.stepped(-1), choice.stepped(3), choice.can_down) == ("relu", "sigmoid", True)
    assert (depth.stepped(1), depth.stepped(-7), depth.can_up) == (5.0, 3.0, False)


def test_a_missing_starting_choice_joins_the_ladder_first():
    scene = build_scene(
        "riemann",
        {"f": "x^2", "a": 0, "b": 1, "n": [10], "rule": "midpoint"},
        [{"param": "rule", "values": ["left", "right"]}],
    )
    assert scene.controls[0].values == ("midpoint", "left", "right")
    assert scene.data(0)["error"] == pytest.approx(-1 / 1200)  # midpoint: -(b-a)h^2 f''/24
    right = scene.with_control("rule", "right")
    assert right.data(0)["sum"] == pytest.approx(sum((k / 10) ** 2 for k in range(1, 11)) / 10)


def test_switching_the_ode_method_adds_rk4_beside_euler():
    scene = build_scene(
        "ode",
        {"rhs": "-2*y", "y0": 1, "t": [0, 1], "step": 0.1, "exact": "exp(-2*t)"},
        [{"param": "method", "values": ["euler", "both"]}],
    )
    assert "rk4" not in scene.data(scene.last_frame)
    both = scene.with_control("method", "both")
    errors = both.data(both.last_frame)["errors"]
    assert errors["euler"] == pytest.approx(abs(0.8**10 - 2.718281828459045**-2))
    assert errors["rk4"] < 1e-4 < errors["euler"]


def test_switching_to_central_differences_squares_the_error():
    scene = build_scene("difference_quotient", {"f": "x^3", "x0": 1}, {"method": "central"})
    assert scene.data(scene.last_frame)["errors"][1] == pytest.approx(0.01, rel=1e-6)
    forward = scene.with_control("method", "forward")
    assert forward.data(forward.last_frame)["errors"][1] == pytest.approx(0.31, rel=1e-6)


@pytest.mark.parametrize(
    ("param", "value", "words"),
    [
        ("activation", "tahn", "'tahn' is not a choice of a layers scene (did you mean 'tanh'?)"),
        ("activation", 0.5, "0.5 is not a choice"),
        ("depth", "deep", "'deep' is not a number"),
    ],
)
def test_a_value_the_parameter_does_not_take_is_a_scene_error(param, value, words):
    scene = build_scene("layers", {"depth": 4})
    with pytest.raises(SceneError) as caught:
        scene.with_control(param, value)
    assert words in str(caught.value)


def test_numbers_yaml_leaves_as_text_still_count_as_numbers():
    scene = build_scene(
        "descent_1d", {"loss": "w^2", "start": 1}, [{"param": "lr", "values": ["1e-3", 0.5]}]
    )
    assert scene.controls[0].values == (0.001, 0.1, 0.5)


def write_level(tmp_path: Path, controls: str) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\n"
        f"scene:\n  type: layers\n  depth: 10\n  controls:\n{controls}"
        "questions:\n  - prompt: p\n    answer: {kind: numeric, expected: 1}\n"
    )
    return [str(p).removeprefix(f"{path}:") for p in read_level(path).problems]


def test_level_validation_names_a_wrong_choice_with_a_suggestion(tmp_path):
    problems = write_level(tmp_path, "    - {param: activation, values: [sigmoid, rleu, 3]}\n")
    assert problems == [
        "9:45: scene.controls[0].values[1]: a layers scene's activation cannot be 'rleu' "
        "(did you mean 'relu'?); choose from sigmoid, tanh, relu",
        "9:51: scene.controls[0].values[2]: a layers scene's activation cannot be '3'; "
        "choose from sigmoid, tanh, relu",
    ]


def test_level_validation_wants_values_for_a_choice_and_numbers_for_a_number(tmp_path):
    problems = write_level(
        tmp_path,
        "    - {param: init, min: 1, max: 3, step: 1}\n"
        "    - {param: depth, values: [3, lots, 1e1]}\n",
    )
    assert problems == [
        "9:7: scene.controls[0]: 'init' is a choice, so it needs `values: [...]` naming some "
        "of: xavier, he, normal (min, max and step are for numbers)",
        "10:34: scene.controls[1].values[1]: 'lots' is not a number, and depth takes numbers",
    ]


def test_good_categorical_controls_pass_validation(tmp_path):
    assert write_level(tmp_path, "    - {param: init, values: [xavier, he, normal]}\n") == []


def test_the_vanishing_gradients_level_switches_between_three_activations():
    level = load_level(LEVELS / "06-deep-networks" / "01-vanishing-gradients.yaml")
    scene = scene_from_spec(instantiate_scene(level, seed=0))
    names = [state.name for state in scene.controls]
    assert names == ["depth", "activation"]
    assert scene.controls[1].values == ("sigmoid", "tanh", "relu")
    verdicts = {
        choice: scene.with_control("activation", choice).verdict()
        for choice in scene.controls[1].values
    }
    assert verdicts["sigmoid"] == "vanishes"
    assert verdicts["tanh"] != "vanishes"


def test_the_json_schema_lets_control_values_be_names():
    schema = json.loads(json.dumps(level_json_schema()))
    values = schema["$defs"]["Control"]["properties"]["values"]
    items = next(option["items"] for option in values["anyOf"] if option.get("type") == "array")
    assert {"type": "string"} in items["anyOf"] and {"type": "number"} in items["anyOf"]
    assert "sigmoid, tanh, relu" in values["description"]
