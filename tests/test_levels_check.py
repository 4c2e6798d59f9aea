"""`calcquest check`: a level's own answers must grade the way its author meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from calcquest.cli import main
from calcquest.grading import grade_here
from calcquest.levels.loader import read_level
from calcquest.levels.problems import sort_problems
from calcquest.levels.selfcheck import check_level, response_text

GRADED = Path(__file__).parent / "fixtures" / "levels" / "graded" / "01-calculus"


def check(name: str):
    source = read_level(GRADED / name, shown="F")
    assert source.problems == []
    return check_level(source, grade_here)


def lines(report) -> list[str]:
    return [str(p).removeprefix(f"{GRADED}/") for p in report.problems]


def test_accept_answer_that_grades_wrong_is_reported_at_its_line():
    report = check("01-accept-wrong.yaml")
    reason = grade_here({"kind": "expression", "expected": "2*x", "vars": ["x"]}, "x^2/2").feedback
    assert lines(report) == [
        f"01-accept-wrong.yaml:8:27: questions[0].accept[2]: an accept answer 'x^2/2' grades "
        f"wrong: {reason}"
    ]


def test_mistake_that_grades_right_is_reported_at_its_line():
    assert lines(check("02-mistake-right.yaml")) == [
        "02-mistake-right.yaml:11:17: questions[0].mistakes[1].answer: 'sin(x + pi/2)' grades "
        "right, but a mistake must grade wrong"
    ]


def test_mistake_hidden_by_an_earlier_equal_mistake_names_the_draw():
    assert lines(check("03-shadowed-mistake.yaml")) == [
        "03-shadowed-mistake.yaml:13:17: questions[0].mistakes[1].answer: 'x^2*5' grades wrong "
        "(with a = 5) but shows other feedback: 'That is the function itself.' (is an earlier "
        "mistake the same answer?)"
    ]


def test_good_level_grades_every_answer_over_distinct_draws():
    report = check("04-all-good.yaml")
    assert report.ok
    assert report.draws == 5 + 1  # a in 2..6 drawn over 20 seeds, and one unparametrised question
    assert report.graded == 5 * 3 + 2


@pytest.mark.parametrize(
    ("expected", "typed"),
    [
        ("2*x", "2*x"),
        (6, "6"),
        (0.25, "0.25"),
        (["2*w", 2], "[2*w, 2]"),
        ([[1, 0], [0, 1]], "[[1, 0], [0, 1]]"),
        (None, None),
    ],
)
def test_expected_values_are_typed_as_a_player_would(expected, typed):
    assert response_text(expected) == typed


def test_check_command_prints_a_line_per_level_and_exits_one(capsys):
    code = main(["check", str(GRADED.parent), "--no-builtin"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [line.split()[:2] for line in out if not line.startswith(" ")][:4] == [
        ["FAIL", "accept-wrong"],
        ["FAIL", "mistake-right"],
        ["FAIL", "shadowed-mistake"],
        ["ok", "all-good"],
    ]
    assert out[-1].startswith("4 levels checked: 1 ok, 3 failing; 36 answers graded in ")


def test_a_draw_that_breaks_the_answer_key_or_the_scene_is_named(tmp_path):
    path = tmp_path / "draws.yaml"
    path.write_text(
        "id: draws\ntitle: t\nworld: w\nlesson: l\n"
        'scene:\n  type: function\n  curves: ["1/x"]\n  x: [-2, "oo"]\n'
        'questions:\n  - prompt: "1/({a}-3)?"\n    params: {a: {randint: [2, 4]}}\n'
        '    answer: {kind: numeric, expected: "1/({a}-3)"}\n'
    )
    source = read_level(path)
    assert source.problems == []  # it validates: only grading and drawing show the faults
    report = check_level(source, grade_here)
    assert [str(p).removeprefix(f"{path}:") for p in sort_problems(report.problems)] == [
        "8:11: scene.x[1]: the scene does not build (with a = 3): 'oo' is not finite",
        "12:13: questions[0].answer: the answer key cannot be used (with a = 3): expected "
        "'undefined' is not a finite real number (kind numeric)",
    ]
