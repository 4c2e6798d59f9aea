"""The grading table: hundreds of (spec, response, verdict) cases across every answer kind.

The cases live in tests/data/grading_table.yaml as data; each group has a spec and the
responses that must grade right, wrong (with the mistake rule that must explain them) or
unreadable. They run in-process with `grade_here` for speed; a handful also run through
the shared worker pool with `grade` to prove both paths agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from calcquest.grading import ANSWER_KINDS, grade, grade_here
from calcquest.grading.pool import default_pool

TABLE = Path(__file__).parent / "data" / "grading_table.yaml"


def _cases() -> list[tuple[str, dict, str, str, str | None]]:
    """(group name, spec, response, outcome, mistake) for every row of the table."""
    rows = []
    for group in yaml.safe_load(TABLE.read_text(encoding="utf-8")):
        for response in group.get("right", []):
            rows.append((group["name"], group["spec"], response, "right", None))
        for response, mistake in (group.get("wrong") or {}).items():
            rows.append((group["name"], group["spec"], response, "wrong", mistake))
        for response in group.get("unreadable", []):
            rows.append((group["name"], group["spec"], response, "unreadable", None))
    return rows


CASES = _cases()


def _id(case) -> str:
    name, _, response, outcome, _ = case
    return f"{name} | {response!r} -> {outcome}"


def test_the_table_is_large_and_covers_every_kind():
    kinds = {spec["kind"] for _, spec, _, _, _ in CASES}
    assert len(CASES) >= 250
    assert kinds == set(ANSWER_KINDS)
    outcomes = {outcome for *_, outcome, _ in CASES}
    assert outcomes == {"right", "wrong", "unreadable"}


def _reads_as_a_sentence(text: str) -> bool:
    """Shown under the game's own "Correct" / "Not quite" line: no headline of its own, a
    capital (or a quote, a digit, a formula) first, one full stop at the end."""
    headline = text.startswith(("Correct", "Not quite"))
    lower_start = text[:2].isalpha() and text[0].islower()
    doubled = ".." in text.replace("...", "")
    return not headline and not lower_start and text.endswith(".") and not doubled


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_table_row(case):
    _, spec, response, outcome, mistake = case
    verdict = grade_here(spec, response)
    if outcome == "right":
        assert verdict.correct and verdict.counted, verdict
        assert verdict.error is None
        assert verdict.feedback is None or _reads_as_a_sentence(verdict.feedback), verdict
        assert verdict.interpreted
    elif outcome == "wrong":
        assert not verdict.correct and verdict.counted, verdict
        assert verdict.error is None
        assert verdict.mistake == mistake, verdict
        assert verdict.feedback, verdict
        if mistake != "author":
            assert _reads_as_a_sentence(verdict.feedback), verdict
    else:
        assert not verdict.correct and not verdict.counted, verdict
        assert verdict.error and not verdict.error[:2].islower(), verdict
        assert verdict.error.endswith((".", "?")), verdict
        assert verdict.feedback is None


def test_author_feedback_is_shown_word_for_word():
    spec = {
        "kind": "expression",
        "expected": "2*x*cos(x**2)",
        "vars": ["x"],
        "mistakes": [{"answer": "cos(x**2)", "feedback": "Multiply by the inside's rate."}],
    }
    verdict = grade_here(spec, "cos(x²)")
    assert verdict.mistake == "author"
    assert verdict.feedback == "Multiply by the inside's rate."


def test_counterexample_names_a_nice_point_with_three_digits():
    spec = {"kind": "expression", "expected": "2*x*cos(x**2)", "vars": ["x"]}
    verdict = grade_here(spec, "2x sin(x^2)")
    assert verdict.feedback == "At x = 1.5 your answer is 2.33, the right one -1.88."


def test_counterexample_shows_enough_digits_to_see_the_difference():
    spec = {"kind": "expression", "expected": "2*x", "vars": ["x"]}
    verdict = grade_here(spec, "2x + 1e-6")
    assert verdict.feedback == "At x = 1.5 your answer is 3.000001, the right one 3."


def test_counterexample_prefers_a_point_where_the_answer_is_a_number():
    spec = {"kind": "expression", "expected": "2*x", "vars": ["x"]}
    verdict = grade_here(spec, "(x+1)^1000")  # beyond floats at x = 1.5, a number at -1.5
    assert "undefined" not in verdict.feedback and "x = -1.5" in verdict.feedback


def test_a_factor_near_one_is_not_called_one():
    spec = {"kind": "expression", "expected": "2*x", "vars": ["x"]}
    verdict = grade_here(spec, "2.0001x")
    assert verdict.mistake == "constant_factor"
    assert "1.0001 times" in verdict.feedback


def test_counterexample_says_where_the_answer_is_undefined():
    spec = {"kind": "expression", "expected": "log(x*y)", "vars": ["x", "y"]}
    verdict = grade_here(spec, "ln x + ln y")
    assert "your answer is undefined" in verdict.feedback
    assert "x = -" in verdict.feedback


def test_a_wrong_number_is_never_revealed():
    verdict = grade_here({"kind": "numeric", "expected": "pi/4"}, "0.9")
    assert verdict.feedback == "Your answer is too large."
    assert "0.785" not in verdict.feedback


def test_a_number_is_not_given_away_by_a_counterexample_either():
    spec = {"kind": "expression", "expected": "4", "vars": ["x"]}
    verdict = grade_here(spec, "4x")
    assert verdict.feedback == "The right answer is a number; yours depends on x."


def test_rounded_feedback_says_how_many_digits_to_keep():
    verdict = grade_here({"kind": "numeric", "expected": "1/3"}, "0.33")
    assert verdict.mistake == "rounded"
    assert "2 significant digits" in verdict.feedback
    assert "at least 4" in verdict.feedback


def test_rounded_vector_entry_counts_the_digits_of_that_entry():
    verdict = grade_here({"kind": "vector", "expected": "[1/2, 1/3]"}, "[0.5, 0.33]")
    assert verdict.mistake == "rounded"
    assert verdict.feedback.startswith("Entry 2: close, but rounded too early: 2 significant")


def test_one_significant_digit_is_singular():
    verdict = grade_here({"kind": "numeric", "expected": "2/3"}, "0.7")
    assert "1 significant digit is not enough" in verdict.feedback


def test_chain_rule_feedback_names_the_inside():
    spec = {"kind": "expression", "expected": "10*x*(x**2 + 1)**4", "vars": ["x"]}
    verdict = grade_here(spec, "5(x^2+1)^4")
    assert "x^2 + 1" in verdict.feedback and "2*x" in verdict.feedback


def test_initial_condition_feedback_gives_the_value_the_answer_has():
    spec = {"kind": "ode_solution", "ode": "y' = -2*y", "var": "t", "ics": {"y(0)": 3}}
    verdict = grade_here(spec, "5e^(-2t)")
    assert verdict.feedback == "It solves the equation, but not y(0) = 3: yours gives 5."


def test_initial_condition_left_to_a_constant_asks_to_choose_it():
    spec = {"kind": "ode_solution", "ode": "y' = -2*y", "var": "t", "ics": {"y(0)": 3}}
    verdict = grade_here(spec, "C e^(-2t)")
    assert verdict.mistake == "initial_condition"
    assert "still depends on C; choose the constant" in verdict.feedback


def test_a_second_order_general_solution_asks_for_two_constants_even_with_none():
    spec = {"kind": "ode_solution", "ode": "y'' + y = 0", "var": "t", "general": True}
    for response in ("cos t + sin t", "C cos t"):
        verdict = grade_here(spec, response)
        assert verdict.mistake == "forgot_constant"
        assert "needs 2 independent constants, like C1 and C2" in verdict.feedback


def test_an_answer_still_in_terms_of_the_unknown_names_it():
    spec = {"kind": "ode_solution", "ode": "f' = f", "func": "f", "var": "s"}
    verdict = grade_here(spec, "f + 1")
    assert verdict.feedback == (
        "That still contains f itself; give the function of s that solves the equation."
    )


def test_unreadable_response_reports_the_column():
    spec = {"kind": "expression", "expected": "2*x", "vars": ["x"]}
    verdict = grade_here(spec, "2x + (x")
    assert "column" in verdict.error
    assert verdict.interpreted is None


def test_unreadable_response_is_a_sentence_with_the_next_step():
    spec = {"kind": "expression", "expected": "2*x", "vars": ["x"]}
    verdict = grade_here(spec, "sin x)")
    assert verdict.error == (
        "Unexpected ')' at column 6. It has no opening partner; remove it or add one."
    )


def test_a_bad_domain_names_the_variable_and_shows_the_right_form():
    verdict = grade_here({"kind": "expression", "expected": "2*x", "vars": {"x": [5, 1]}}, "2x")
    assert not verdict.counted
    assert "the domain of x must be [low, high] with low < high" in verdict.error


def test_a_broken_spec_is_reported_as_the_authors_problem():
    verdict = grade_here({"kind": "expression", "expected": "2*x", "bogus": 1}, "2x")
    assert not verdict.counted
    assert "answer key" in verdict.error and "bogus" in verdict.error


POOL_SAMPLE = [c for c in CASES if c[3] != "unreadable"][::37] + [
    c for c in CASES if c[3] == "unreadable"
][:3]


@pytest.fixture(scope="module")
def warm_default_pool():
    default_pool().warm()


@pytest.mark.parametrize("case", POOL_SAMPLE, ids=[_id(c) for c in POOL_SAMPLE])
def test_grade_in_the_pool_agrees_with_grading_here(warm_default_pool, case):
    _, spec, response, _, _ = case
    here = grade_here(spec, response)
    there = grade(spec, response, timeout=5.0)
    assert (there.correct, there.counted, there.mistake) == (
        here.correct,
        here.counted,
        here.mistake,
    )
    assert there.feedback == here.feedback and there.error == here.error
    assert there.interpreted == here.interpreted
