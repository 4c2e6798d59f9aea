"""Scene checks in level files that depend on other scene parameters: a descent_1d loss is
read in the variable its `var` names, and that name must be one the answer parser can read."""

from __future__ import annotations

from pathlib import Path

import pytest

from calcquest.levels.loader import read_level
from calcquest.scenes import SceneError, build_scene


def problems(tmp_path: Path, scene: str, params: str = "") -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\n"
        f"scene:\n  type: descent_1d\n{scene}"
        f"questions:\n  - prompt: p\n{params}    answer: {{kind: numeric, expected: 1}}\n"
    )
    return [str(p).removeprefix(f"{path}:") for p in read_level(path).problems]


def test_a_loss_in_the_declared_variable_is_read_in_it(tmp_path):
    assert problems(tmp_path, '  loss: "(theta - 1)^2"\n  var: theta\n  start: 0\n') == []


def test_a_loss_in_w_when_var_names_another_variable_is_reported(tmp_path):
    found = problems(tmp_path, '  loss: "w^2 + theta"\n  var: theta\n  start: 0\n')
    assert found == [
        "7:10: scene.loss: cannot read 'w^2 + theta': unknown name 'w' at column 1 "
        "— this answer uses theta"
    ]


def test_without_var_the_loss_is_in_w(tmp_path):
    assert problems(tmp_path, '  loss: "w^2"\n  start: 0\n') == []
    (problem,) = problems(tmp_path, '  loss: "x^2"\n  start: 0\n')
    assert "unknown name 'x'" in problem and "this answer uses w" in problem


def test_var_may_come_from_a_question_parameter(tmp_path):
    scene = '  loss: "{v}^2"\n  var: "{v}"\n  start: 1\n'
    assert problems(tmp_path, scene, "    params: {v: {choice: [theta]}}\n") == []


@pytest.mark.parametrize("var", ['"x y"', '"2w"', '"θ"'])
def test_a_var_that_is_no_variable_name_is_reported_once_at_var(tmp_path, var):
    found = problems(tmp_path, f'  loss: "w^2"\n  var: {var}\n  start: 0\n')
    assert len(found) == 1
    assert found[0].startswith("8:8: scene.var: ") and "is not a variable name" in found[0]


def test_the_scene_itself_refuses_a_var_that_is_no_name():
    with pytest.raises(SceneError) as caught:
        build_scene("descent_1d", {"loss": "w^2", "var": "x y", "start": 1})
    assert "var: 'x y' is not a variable name" in str(caught.value)


def parser_says(text: str) -> str:
    from calcquest.grading import AnswerSyntaxError, parse_answer

    with pytest.raises(AnswerSyntaxError) as caught:
        parse_answer(text)
    return caught.value.message


def test_numbers_written_as_text_are_read_by_validate_at_their_own_field(tmp_path):
    scene = '  loss: "w^2"\n  start: "{a}/"\n  lr: "0.1"\n  x: [-2, two]\n  steps: "{a}"\n'
    found = problems(tmp_path, scene, "    params: {a: {randint: [5, 5]}}\n")
    # start: the quote is at column 10 and the "/" is the 4th character after it
    assert found == [
        f"8:14: scene.start: cannot read '5/': {parser_says('5/')}",
        f"10:11: scene.x[1]: cannot read 'two': {parser_says('two')}",
    ]


def test_numbers_as_expressions_such_as_pi_pass(tmp_path):
    scene = '  loss: "w^2"\n  start: "pi/4"\n  x: ["-sqrt(2)", 2e0]\n'
    assert problems(tmp_path, scene) == []


def test_scene_problems_are_reported_even_when_the_first_question_is_broken(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\n"
        'scene:\n  type: descent_1d\n  loss: "w^2 +"\n  start: "{a}"\n  x: [-2, two]\n'
        "questions:\n  - prompt: p\n    params: {a: {randint: [1, 3]}}\n"
        "    answer: {kind: numerc, expected: 1}\n"
    )
    found = [str(p).removeprefix(f"{path}:") for p in read_level(path).problems]
    assert found == [
        f"7:14: scene.loss: cannot read 'w^2 +': {parser_says_in('w^2 +', ['w'])}",
        f"9:11: scene.x[1]: cannot read 'two': {parser_says('two')}",
        "13:20: questions[0].answer.kind: unknown kind 'numerc' (did you mean 'numeric'?)",
    ]


def parser_says_in(text: str, variables: list[str]) -> str:
    from calcquest.grading import AnswerSyntaxError, parse_answer

    with pytest.raises(AnswerSyntaxError) as caught:
        parse_answer(text, variables)
    return caught.value.message
