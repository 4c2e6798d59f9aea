"""The numbers behind every scene, checked against independent computation.

Each test recomputes what the scene should show with plain arithmetic (closed forms, hand
sums, finite differences), so a wrong formula in a scene fails here whatever it draws.
"""

from __future__ import annotations

import math
import re

import pytest
from pydantic import ValidationError

from calcquest.scenes import SceneError, build_scene, fmt, scene_param_model
from calcquest.scenes.fmt import num

GRAPH_FQZ = {
    "nodes": [
        {"id": "x", "value": 1},
        {"id": "y", "value": 2},
        {"id": "z", "value": -3},
        {"id": "q", "op": "add", "inputs": ["x", "y"]},
        {"id": "f", "op": "mul", "inputs": ["q", "z"]},
    ],
    "output": "f",
}


# -- descent -------------------------------------------------------------------------------


def test_descent_2d_on_a_bowl_shrinks_by_0_8_per_step():
    scene = build_scene(
        "descent_2d", {"loss": "w^2 + b^2", "start": [8, 9], "lr": 0.1, "steps": 20}
    )
    path = scene.data(scene.last_frame)["path"]
    assert len(path) == 21
    for k, (w, b) in enumerate(path):
        assert w == pytest.approx(8 * 0.8**k, rel=1e-12)
        assert b == pytest.approx(9 * 0.8**k, rel=1e-12)
    first = scene.data(1)
    assert first["point"] == pytest.approx((6.4, 7.2))
    assert first["gradient"] == pytest.approx((12.8, 14.4))


def test_descent_1d_converges_below_the_limit_and_diverges_above():
    params = {"loss": "(w - 3)^2", "start": 0, "lr": 0.1, "steps": 30}
    calm = build_scene("descent_1d", params)
    assert calm.data(0)["limit"] == pytest.approx(1.0)  # L″ = 2, so 2/L″ = 1
    for k, w in enumerate(calm.data(calm.last_frame)["path"]):
        assert w == pytest.approx(3 - 3 * 0.8**k, abs=1e-12)
    assert not calm.data(calm.last_frame)["diverging"]

    wild = calm.with_control("lr", 1.1)
    path = wild.data(wild.last_frame)["path"]
    for k in range(10):
        assert abs(path[k] - 3) == pytest.approx(3 * 1.2**k, rel=1e-9)
    assert wild.data(wild.last_frame)["diverging"]
    assert "diverging" in wild.describe(wild.last_frame)
    assert "above the stability limit" in wild.describe(0)


def test_descent_1d_on_w4_settles_though_the_start_is_too_curved_for_the_rate():
    scene = build_scene("descent_1d", {"loss": "w**4", "start": 2.5, "lr": 0.05, "steps": 20})
    w, expected = 2.5, [2.5]
    for _ in range(20):
        w -= 0.05 * 4 * w**3
        expected.append(w)
    final = scene.data(scene.last_frame)
    assert final["path"] == pytest.approx(expected, rel=1e-12)
    assert final["L"] == pytest.approx(12 * 2.5**2)  # loss'' = 12 w^2, largest at the start
    assert final["verdict"] == "settles"
    assert abs(expected[-1]) < abs(expected[-6]) < abs(expected[1])  # closing in on w* = 0
    assert not any(scene.data(k)["diverging"] for k in range(scene.frame_count))
    words = scene.describe(scene.last_frame)
    assert "the steps settle" in words
    assert "overshoots further" not in words and "diverging" not in words
    assert "DIVERGING" not in scene.render(scene.last_frame, 80, 24, False)


def test_descent_1d_on_25w2_with_rate_0_1_diverges_by_a_factor_4_per_step():
    scene = build_scene("descent_1d", {"loss": "25*w**2", "start": 1, "lr": 0.1, "steps": 8})
    final = scene.data(scene.last_frame)
    assert final["path"] == pytest.approx([(-4.0) ** k for k in range(9)])  # 1 - 0.1 * 50
    assert final["limit"] == pytest.approx(2 / 50)
    assert final["verdict"] == "diverges" and final["diverging"]
    words = scene.describe(0)
    assert "above the stability limit 2/L″ = 0.04" in words and "diverging" in words


@pytest.mark.parametrize(
    ("loss", "start", "lr", "steps", "verdict"),
    [
        ("(w - 3)^2", 0, 0.9, 12, "overshoots, then settles"),  # factor 1 - 0.9 * 2 = -0.8
        ("(w - 3)^2", 0, 1.0, 12, "bounces"),  # factor -1: 0, 6, 0, 6, ...
        ("(w - 3)^2", 0, 1.02, 4, "diverges"),  # factor -1.04: slowly, still within view
        ("-w^2", 1, 0.1, 30, "runs off"),  # no minimum: 1.2^30 downhill, out of view
        ("-w^2", 1, 0.1, 10, "keeps moving"),  # ... and before it leaves the view
        ("w^4 - 3*w^2", 0.1, 0.01, 10, "keeps moving"),  # speeding up away from the hump
        ("abs(w)", 1.05, 0.1, 30, "bounces"),  # steps of 0.1 across the kink for ever
    ],
)
def test_descent_1d_verdict_follows_the_path(loss, start, lr, steps, verdict):
    scene = build_scene("descent_1d", {"loss": loss, "start": start, "lr": lr, "steps": steps})
    assert scene.data(0)["verdict"] == verdict


def test_descent_1d_with_an_own_variable_name():
    scene = build_scene("descent_1d", {"loss": "theta^2", "var": "theta", "start": 1, "lr": 0.25})
    assert scene.data(1)["w"] == pytest.approx(0.5)
    assert "theta = 0.5," in scene.describe(1)


# -- derivatives -------------------------------------------------------------------------------


def test_secant_slopes_are_difference_quotients_approaching_the_derivative():
    scene = build_scene("secant_to_tangent", {"f": "x^2", "x0": 2, "h": [1, 0.5, 0.1]})
    for frame, h in enumerate([1, 0.5, 0.1]):
        data = scene.data(frame)
        assert data["slope"] == pytest.approx(4 + h)
        assert data["tangent_slope"] == pytest.approx(4)
    assert "4.1 at h = 0.1" in scene.describe(2)


def test_difference_quotient_error_is_smallest_between_1e_9_and_1e_5():
    scene = build_scene("difference_quotient", {"f": "x^2", "x0": 2})
    data = scene.data(scene.last_frame)
    assert 1e-9 <= data["best_h"] <= 1e-5
    for h, error in zip(data["h"], data["errors"], strict=True):
        if h >= 1e-4:  # truncation regime: the error of ((2+h)^2 - 4)/h is h itself
            assert error == pytest.approx(h, rel=1e-6)
    assert data["errors"][-1] > 1e3 * data["best_error"]  # rounding takes over again


def test_central_difference_error_shrinks_with_h_squared():
    scene = build_scene("difference_quotient", {"f": "x^3", "x0": 1, "method": "central"})
    errors = scene.data(scene.last_frame)["errors"]
    assert errors[1] == pytest.approx(0.01, rel=1e-6)  # h = 0.1: error h^2 exactly
    assert errors[2] == pytest.approx(1e-4, rel=1e-4)


def test_taylor_coefficients_match_the_series():
    sine = build_scene("taylor", {"f": "sin(x)", "order": 5})
    expected = [0, 1, 0, -1 / 6, 0, 1 / 120]
    assert sine.data(5)["coefficients"] == pytest.approx(expected, abs=1e-12)
    exp = build_scene("taylor", {"f": "e^x", "x0": 1, "order": 4})
    assert exp.data(4)["coefficients"] == pytest.approx(
        [math.e / math.factorial(k) for k in range(5)]
    )
    gaps = [sine.data(k)["largest_gap"] for k in (1, 3, 5)]
    assert gaps[0] > gaps[1] > gaps[2]


def test_gradient_field_is_the_gradient():
    scene = build_scene("gradient_field", {"f": "x^2 + 3y", "grid": 5})
    data = scene.data(0)
    for r in range(len(data["y"])):
        for c, x in enumerate(data["x"]):
            assert data["u"][r][c] == pytest.approx(2 * x)
            assert data["v"][r][c] == pytest.approx(3.0)


# -- integrals and ODEs ----------------------------------------------------------------------


def test_riemann_sums_match_closed_forms_and_converge():
    scene = build_scene("riemann", {"f": "x^2", "a": 0, "b": 1, "n": [1, 2, 4, 32], "rule": "left"})
    for frame, n in enumerate([1, 2, 4, 32]):
        data = scene.data(frame)
        assert data["sum"] == pytest.approx((n - 1) * n * (2 * n - 1) / (6 * n**3))
        assert data["integral"] == pytest.approx(1 / 3, rel=1e-10)
    errors = [abs(scene.data(f)["error"]) for f in range(4)]
    assert errors == sorted(errors, reverse=True)
    midpoint = build_scene("riemann", {"f": "x^2", "a": 0, "b": 1, "n": [10], "rule": "midpoint"})
    assert midpoint.data(0)["error"] == pytest.approx(-1 / (12 * 100), rel=1e-9)


def test_shaded_area_is_the_integral():
    scene = build_scene(
        "function", {"curves": ["x^2", "sin(x)"], "x": [-2, 2], "shade": {"from": 0, "to": 1}}
    )
    assert scene.data(0)["shade"]["area"] == pytest.approx(1 / 3, rel=1e-6)
    data = scene.data(0)
    assert data["curves"][1][0] == pytest.approx(math.sin(-2))


def test_euler_global_error_halves_when_the_step_halves():
    errors = []
    for step in (0.1, 0.05, 0.025):
        scene = build_scene(
            "ode", {"rhs": "-2*y", "y0": 1, "t": [0, 1], "step": step, "exact": "exp(-2*t)"}
        )
        data = scene.data(scene.last_frame)
        assert data["euler"][-1] == pytest.approx((1 - 2 * step) ** round(1 / step))
        errors.append(data["errors"]["euler"])
    assert 1.8 < errors[0] / errors[1] < 2.2
    assert 1.8 < errors[1] / errors[2] < 2.2


def test_on_a_decaying_solution_the_words_give_eulers_largest_error_which_grows_with_the_step():
    """y' = -3y decays to ~1e-5 by t = 4, so every stable run ends with a tiny error; the
    largest error on the way, (1 - 3h)^k against e^(-3kh), is what grows with the step."""
    largest = []
    for h in (0.05, 0.1, 0.3, 0.5):
        scene = build_scene(
            "ode", {"rhs": "-3*y", "y0": 1, "t": [0, 4], "step": h, "exact": "exp(-3*t)"}
        )
        gaps = [abs((1 - 3 * h) ** k - math.exp(-3 * k * h)) for k in range(round(4 / h) + 1)]
        k = max(range(len(gaps)), key=gaps.__getitem__)
        largest.append(gaps[k])
        words = scene.describe(scene.last_frame)
        assert f"the Euler error is largest at t = {num(k * h)}: {num(gaps[k])}." in words
    assert largest == sorted(largest) and largest[-1] > 20 * largest[0]


def test_rk4_beats_euler_and_the_fine_reference_stands_in_for_exact():
    scene = build_scene(
        "ode", {"rhs2": "-y", "y0": [1, 0], "t": [0, 6], "step": 0.25, "method": "both"}
    )
    data = scene.data(scene.last_frame)
    assert data["reference"][-1] == pytest.approx(math.cos(6), abs=1e-9)
    assert data["errors"]["rk4"] < 1e-3 < data["errors"]["euler"]
    coarse = scene.with_control("step", 0.5).data(scene.last_frame)["errors"]["euler"]
    assert coarse > data["errors"]["euler"]  # a bigger step, a bigger Euler error


def test_euler_on_a_stiff_equation_with_a_big_step_is_called_unstable():
    scene = build_scene("ode", {"rhs": "-10*y", "y0": 1, "t": [0, 3], "step": 0.25})
    data = scene.data(scene.last_frame)
    assert data["euler"][-1] == pytest.approx((1 - 2.5) ** 12)
    assert "unstable" in scene.describe(scene.last_frame)
    assert "unstable" not in scene.with_control("step", 0.05).describe(scene.last_frame)


# -- graphs and layers -------------------------------------------------------------------------


def test_graph_forward_and_backward_by_hand():
    scene = build_scene("graph", GRAPH_FQZ)
    final = scene.data(scene.last_frame)
    assert final["values"]["f"] == -9
    assert final["grads"] == pytest.approx({"f": 1, "q": -3, "z": 3, "x": -3, "y": -3})
    assert scene.data(0)["values"]["q"] is None  # frame 0 knows only the inputs
    assert scene.data(0)["grads"] == {}


NEURON = {
    "nodes": [
        {"id": "x", "value": 1.5},
        {"id": "w", "value": -0.7},
        {"id": "b", "value": 0.2},
        {"id": "wx", "op": "mul", "inputs": ["w", "x"]},
        {"id": "z", "op": "add", "inputs": ["wx", "b"]},
        {"id": "a", "op": "sigmoid", "inputs": ["z"]},
        {"id": "t", "op": "tanh", "inputs": ["a"]},
        {"id": "e", "op": "exp", "inputs": ["t"]},
        {"id": "l", "op": "log", "inputs": ["e"]},
        {"id": "d", "op": "div", "inputs": ["l", "x"]},
        {"id": "pw", "op": "pow", "inputs": ["d"], "power": 1.7},
        {"id": "s", "op": "sub", "inputs": ["pw", "b"]},
        {"id": "y", "op": "const", "value": 0.3},
        {"id": "L", "op": "mse", "inputs": ["s", "y"]},
    ],
    "output": "L",
}


def _output_with(graph: dict, node_id: str, value: float) -> float:
    nodes = [dict(n, value=value) if n["id"] == node_id else n for n in graph["nodes"]]
    scene = build_scene("graph", {**graph, "nodes": nodes})
    return scene.data(scene.last_frame)["values"][graph["output"]]


def test_graph_backward_values_equal_finite_differences():
    scene = build_scene("graph", NEURON)
    grads = scene.data(scene.last_frame)["grads"]
    h = 1e-6
    for node in ("x", "w", "b", "y"):
        value = next(n["value"] for n in NEURON["nodes"] if n["id"] == node)
        numeric = (
            _output_with(NEURON, node, value + h) - _output_with(NEURON, node, value - h)
        ) / (2 * h)
        assert grads[node] == pytest.approx(numeric, rel=1e-5, abs=1e-8)


@pytest.mark.parametrize(
    ("nodes", "words"),
    [
        ([{"id": "a", "op": "add", "inputs": ["a", "a"]}], "cycle"),
        ([{"id": "a", "op": "neg", "inputs": ["nope"]}], "unknown input 'nope'"),
        ([{"id": "x", "value": 1}, {"id": "a", "op": "sub", "inputs": ["x"]}], "takes 2 inputs"),
        ([{"id": "x"}], "needs a value"),
        ([{"id": "x", "value": -1}, {"id": "a", "op": "log", "inputs": ["x"]}], "log of -1"),
    ],
)
def test_broken_graphs_are_explained(nodes, words):
    with pytest.raises(SceneError) as caught:
        build_scene("graph", {"nodes": nodes, "output": nodes[-1]["id"]})
    assert words in str(caught.value)


def test_layers_gradients_vanish_with_sigmoid_and_explode_with_large_weights():
    sigmoid = build_scene("layers", {"depth": 10, "activation": "sigmoid", "init": "xavier"})
    norms = sigmoid.data(sigmoid.last_frame)["all_norms"]
    assert all(0 < n < math.inf for n in norms)
    assert all(a < b for a, b in zip(norms, norms[1:], strict=False))  # shrinks going back
    assert norms[0] / norms[-1] < 1e-3
    assert "vanishes" in sigmoid.describe(sigmoid.last_frame)
    relu_normal = build_scene("layers", {"depth": 10, "activation": "relu", "init": "normal"})
    assert relu_normal.ratio() > 1e2
    relu_he = build_scene("layers", {"depth": 10, "activation": "relu", "init": "he"})
    assert 0.1 < relu_he.ratio() < 10
    assert relu_he.data(0)["reached"] == [10]  # the backward pass reaches the last layer first


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"activation": "relu", "init": "xavier"}, "vanishes"),  # ~0.054x
        ({"activation": "tanh", "init": "xavier"}, "shrinks"),  # ~0.24x
        ({"activation": "relu", "init": "he"}, "stays about the same size"),
        ({"activation": "tanh", "init": "xavier", "weight_scale": 2}, "grows"),  # ~2.7x
        ({"activation": "relu", "init": "he", "weight_scale": 1.5}, "explodes"),  # ~47x
    ],
)
def test_layers_words_follow_the_first_to_last_gradient_ratio(params, words):
    scene = build_scene("layers", {"depth": 10, "width": 32, **params})
    norms = scene.data(scene.last_frame)["all_norms"]
    ratio = norms[0] / norms[-1]
    bounds = {"vanishes": (0, 0.1), "shrinks": (0.1, 0.5), "grows": (2, 10)}
    bounds |= {"stays about the same size": (0.5, 2), "explodes": (10, math.inf)}
    low, high = bounds[words]
    assert low <= ratio < high
    text = scene.describe(scene.last_frame)
    assert f"the gradient {words}." in text
    assert f"gets {num(ratio)} times layer 10's gradient" in text
    assert ("initialisation ×" in text) == ("weight_scale" in params)
    if "weight_scale" in params:
        assert f"initialisation × {num(params['weight_scale'])} the gradient" in text


def test_layers_words_say_how_much_smaller_a_shrinking_gradient_gets():
    scene = build_scene("layers", {"depth": 10, "activation": "relu", "init": "xavier"})
    assert "(about 18x smaller)" in scene.describe(scene.last_frame)


@pytest.mark.parametrize(
    ("lr", "words"), [(0.01, "head for the minimum, but slowly"), (0.99, "overshoots")]
)
def test_descent_1d_says_how_far_a_slow_run_still_is_instead_of_settled(lr, words):
    scene = build_scene("descent_1d", {"loss": "w^2", "start": 4, "lr": lr, "steps": 30})
    w = 4.0
    for _ in range(30):
        w -= lr * 2 * w
    assert scene.data(scene.last_frame)["w"] == pytest.approx(w)
    text = scene.describe(scene.last_frame)
    assert words in text and f"after 30 steps {abs(w) / 4:.0%} of the distance is left." in text
    assert "settle" not in text
    fast = build_scene("descent_1d", {"loss": "w^2", "start": 4, "lr": 0.1, "steps": 30})
    assert fast.describe(fast.last_frame).endswith("so the steps settle.")  # 0.8^30 < 1%


def test_descent_2d_words_tell_bouncing_from_diverging_from_going_down():
    bowl = {"loss": "w^2 + b^2", "start": [8, 9], "steps": 10}
    at_limit = build_scene("descent_2d", {**bowl, "lr": 1.0})  # p -> -p every step
    assert at_limit.data(10)["path"][9] == pytest.approx((-8, -9))
    assert at_limit.describe(10).endswith("bounce back and forth: the loss stays at about 145.")
    beyond = build_scene("descent_2d", {**bowl, "lr": 1.05})  # p -> -1.1 p
    assert beyond.data(10)["point"] == pytest.approx((8 * 1.1**10, 9 * 1.1**10))
    assert beyond.describe(10).endswith("grown past where it started: diverging.")
    calm = build_scene("descent_2d", {**bowl, "lr": 0.1})
    assert calm.describe(10).endswith("learning rate 0.1.")


def test_a_taylor_polynomial_that_is_f_says_so_instead_of_a_rounding_gap():
    scene = build_scene("taylor", {"f": "x^3 - 3*x", "x0": 1, "order": 3, "x": [-2.5, 2.5]})
    assert "furthest from f, by 42.9, at x = -2.5" in scene.describe(2)  # by hand:
    assert abs((-2.5) ** 3 - 3 * -2.5 - (-2 + 3 * 3.5**2)) == pytest.approx(42.875)
    assert scene.describe(3).endswith(
        "It equals f on [-2.5, 2.5]: f is a polynomial of this order."
    )


# -- parameters and controls -------------------------------------------------------------------


def test_param_models_forbid_unknown_keys_and_document_fields():
    model = scene_param_model("descent_1d")
    with pytest.raises(ValidationError):
        model.model_validate({"loss": "w^2", "start": 1, "learning_rate": 0.1})
    assert "learning rate" in model.model_fields["lr"].description
    assert model.model_validate({"loss": "w^2", "start": "{a}"}).start == "{a}"


@pytest.mark.parametrize(
    ("scene_type", "params", "words"),
    [
        ("function", {"curves": ["x^^2"]}, "curves[0]"),
        ("function", {"curves": ["z + 1"]}, "curves[0]"),
        ("taylor", {"f": "sin(x)", "order": 40}, "order"),
        ("riemann", {"f": "x", "a": 1, "b": 0}, "empty"),
        ("secant_to_tangent", {"f": "x", "x0": 0, "h": [0]}, "h"),
        ("ode", {"rhs": "y", "y0": 1, "step": 1e-6}, "steps"),
        ("pie_chart", {}, "unknown scene type"),
        ("function", {"curves": ["x"], "colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_raise_scene_errors_naming_the_parameter(scene_type, params, words):
    with pytest.raises(SceneError) as caught:
        build_scene(scene_type, params)
    assert words in str(caught.value)


def test_controls_step_through_their_ladder():
    scene = build_scene(
        "descent_1d",
        {"loss": "w^2", "start": 2, "lr": 0.1},
        [{"param": "lr", "label": "rate", "values": [0.01, 0.1, 0.5, 1.1]}],
    )
    state = scene.controls[0]
    assert (state.label, state.value, state.can_down, state.can_up) == ("rate", 0.1, True, True)
    assert state.stepped(1) == 0.5 and state.stepped(-5) == 0.01
    faster = scene.with_control("lr", state.stepped(1))
    assert faster.controls[0].value == 0.5
    assert faster.data(1)["w"] == pytest.approx(2 - 0.5 * 4)
    with pytest.raises(SceneError):
        scene.with_control("loss", 1)


def test_control_values_override_params_and_counts_become_whole():
    scene = build_scene(
        "layers", {"depth": 4}, [{"param": "depth", "min": 2, "max": 20, "step": 2}]
    )
    assert scene.controls[0].values == tuple(float(v) for v in range(2, 21, 2))
    deeper = scene.with_control("depth", 7.6)
    assert deeper.frame_count == 8
    direct = build_scene("descent_2d", {"loss": "w^2 + b^2", "start": [1, 1]}, {"lr": 0.25})
    assert direct.data(1)["point"] == pytest.approx((0.5, 0.5))


def test_numbers_format_for_people():
    assert num(4.0) == "4"
    assert num(4.1) == "4.1"
    assert num(1 / 3) == "0.333"
    assert num(2.4349e-8) == "2.43e-08"
    assert num(3.2e-7) == "3.2e-07"
    assert num(129.7463) == "130"
    assert num(-0.5) == "-0.5"
    assert num(0.1 + 0.2) == "0.3"
    assert num(12345.6) == "12346"  # whole digits are not rounded away
    assert num(2.5e6) == "2.5e+06"
    assert num(float("inf")) == "infinity"
    assert fmt.step(1e-5) == "1e-05" and fmt.step(0.125) == "0.125"


def test_a_field_given_with_decimals_is_described_without_sympy_floats():
    scene = build_scene("gradient_field", {"field": [1, "-0.5*y"]})
    assert "the field (1, -0.5*y)" in scene.describe(0)
    assert "1.000" not in scene.describe(0)


def test_every_built_in_scene_describes_numbers_briefly():
    """No description shows a float's or SymPy's long tail of digits (the difference
    quotient's estimates keep ten digits on purpose: rounding error is what they show)."""
    from calcquest.levels import instantiate_scene, load_catalog
    from calcquest.scenes import scene_from_spec

    long_number = re.compile(r"\d\.\d{6,}|\d\.\d*0(?!\d)")
    for level in load_catalog().levels:
        if level.scene is None or level.scene.type == "difference_quotient":
            continue
        scene = scene_from_spec(instantiate_scene(level, 0))
        for frame in sorted({0, scene.last_frame // 2, scene.last_frame}):
            text = scene.describe(frame)
            assert not long_number.search(text), (level.id, frame, text)


def test_importing_scenes_loads_no_numpy_sympy_or_plotext():
    import subprocess
    import sys

    code = (
        "import sys, calcquest.scenes as s; s.scene_param_model('ode');"
        "print([m for m in ('numpy', 'sympy', 'plotext', 'textual') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


OSCILLATOR = {"rhs2": "-y", "y0": [1, 0], "t": [0, 12], "step": 0.1, "method": "both"}


def test_ode_axis_stretches_to_show_eulers_energy_growth():
    scene = build_scene("ode", {**OSCILLATOR, "exact": "cos(t)"})
    data = scene.data(scene.last_frame)
    lo, hi = data["y_range"]
    assert max(data["euler"]) > 1.4  # Euler gains energy: its swings grow past cos's 1
    assert lo <= min(data["euler"]) and max(data["euler"]) <= hi
    picture = scene.render(scene.last_frame, 80, 24, False)
    ticks = [float(line.split("┤")[0]) for line in picture.split("\n") if "┤" in line]
    assert max(ticks) >= max(data["euler"]) > 1.2  # the axis labels reach Euler's peak
    assert data["off_chart"] == [] and "off the chart" not in scene.describe(scene.last_frame)


def test_ode_axis_keeps_a_stable_run_on_the_reference_range():
    stable = build_scene("ode", {"rhs": "-3*y", "y0": 1, "t": [0, 4], "step": 0.1})
    unstable = stable.with_control("step", 0.7)  # Euler factor 1 - 2.1 = -1.1 per step
    assert stable.data(0)["y_range"][1] < 1.2
    final = unstable.data(unstable.last_frame)
    assert final["y_range"][1] >= max(final["euler"]) > 1.7
    assert final["y_range"][0] <= min(final["euler"]) < -1.4


def test_ode_run_that_blows_up_is_clipped_and_called_off_the_chart():
    scene = build_scene("ode", {"rhs": "-10*y", "y0": 1, "t": [0, 3], "step": 0.25})
    first, last = scene.data(0), scene.data(scene.last_frame)
    lo, hi = last["y_range"]
    assert max(last["euler"]) > 100 > hi > 2  # clipped to a few reference ranges, not 130
    assert lo > -10
    assert last["off_chart"] == ["euler"] and first["off_chart"] == []
    assert "Euler runs off the chart" in scene.describe(scene.last_frame)
    assert "off the chart" not in scene.describe(0)
