"""Random parameters: a seed always gives the same question, other seeds give fresh ones, and
every `{a}` the author wrote is filled in where the player or the grader reads it."""

from __future__ import annotations

import os
from pathlib import Path

from calcquest.levels import LevelFileError, instantiate, instantiate_scene, load_level
from calcquest.levels.params import draw_params, format_value, substitute
from calcquest.levels.schema import ParamSpec
from calcquest.levels.watch import LevelWatcher

GOOD = Path(__file__).parent / "fixtures" / "levels" / "files" / "good.yaml"


def test_same_seed_same_question_and_other_seeds_vary():
    level = load_level(GOOD)
    first, again = instantiate(level, 0, seed=1234), instantiate(level, 0, seed=1234)
    assert first == again
    drawn = {instantiate(level, 0, seed=seed).params["n"] for seed in range(40)}
    assert len(drawn) > 3 and drawn <= set(range(2, 10))


def test_parameters_are_substituted_everywhere_the_player_or_grader_reads():
    level = load_level(GOOD)
    question = instantiate(level, 0, seed=7)
    n = question.params["n"]
    assert question.prompt == f"Differentiate x^{n}."
    assert question.spec.expected == f"{n}*x^({n}-1)"
    assert question.accept == [f"{n} x^({n}-1)"]
    (mistake,) = question.spec.mistakes  # the question's mistakes are merged into the spec
    assert mistake.answer == f"x^({n}-1)"
    assert mistake.feedback == f"Bring the power {n} down in front."
    assert (question.level_id, question.question_id, question.index, question.seed) == (
        "power-rule",
        "q1",
        0,
        7,
    )


def test_scene_gets_the_first_questions_parameters():
    level = load_level(GOOD)
    scene = instantiate_scene(level, seed=7)
    n = instantiate(level, 0, seed=7).params["n"]
    assert scene.type == "function"
    assert scene.params()["curves"] == [f"x^{n}", f"{n}*x^({n}-1)"]


def test_question_without_parameters_is_unchanged():
    question = instantiate(load_level(GOOD), 1, seed=99)
    assert question.params == {} and question.spec.expected == 6
    assert question.prompt == "What is the slope of x^2 at x = 3?"


def test_exclude_and_value_formats():
    spec = ParamSpec(randint=[-1, 1], exclude=[0])
    assert {draw_params({"a": spec}, seed)["a"] for seed in range(30)} == {-1, 1}
    assert format_value(-2, in_expression=True) == "(-2)"
    assert format_value(2.5e-05) == "0.000025"
    assert format_value(3.0) == "3"
    assert substitute("x^{a} + {b} + {x : x > 0}", {"a": -2}, in_expression=True) == (
        "x^(-2) + {b} + {x : x > 0}"
    )


def test_watcher_reports_fresh_level_then_errors_then_nothing(tmp_path):
    path = tmp_path / "level.yaml"
    path.write_text(GOOD.read_text())
    watcher = LevelWatcher(path, interval=0.5)
    assert watcher.poll().id == "power-rule"
    assert watcher.poll() is None  # unchanged
    _rewrite(path, GOOD.read_text().replace("title: The power rule", "title: [broken"))
    broken = watcher.poll()
    assert isinstance(broken, LevelFileError) and broken.problems[0].path == path
    _rewrite(path, GOOD.read_text().replace("The power rule", "Powers"))
    assert watcher.poll().title == "Powers"
    path.unlink()
    assert "the file is missing" in watcher.poll().message


def _rewrite(path: Path, text: str) -> None:
    """Write and move the modification time on, as an editor's save does."""
    before = path.stat().st_mtime_ns
    path.write_text(text)
    os.utime(path, ns=(before + 10**9, before + 10**9))
