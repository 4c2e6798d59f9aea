"""The built-in curriculum: every level loads, and every number it expects is right.

Each world's writer keeps independent oracles in `tests/curriculum/oracles_NN.py`: small NumPy,
finite-difference or tiny-autograd computations keyed by (level id, question id). Here every
numeric, limit, vector and matrix question is drawn with several seeds, its oracle computes the
answer without SymPy or the YAML, and the grader must accept that value. A wrong answer key
therefore cannot ship.
"""

from __future__ import annotations

import importlib
import math
import pkgutil

import numpy as np
import pytest

import tests.curriculum as oracle_package
from calcquest.grading import grade_here
from calcquest.levels import builtin_levels_dir, instantiate, load_catalog

ORACLE_KINDS = {"numeric", "limit", "vector", "matrix"}
SEEDS = (1, 2, 3, 7, 11)


def _all_oracles() -> dict:
    oracles: dict = {}
    for info in pkgutil.iter_modules(oracle_package.__path__):
        if info.name.startswith("oracles_"):
            module = importlib.import_module(f"tests.curriculum.{info.name}")
            oracles.update(module.ORACLES)
    return oracles


CATALOG = load_catalog()
ORACLES = _all_oracles()


def _questions(kinds=None):
    for level in CATALOG.levels:
        for index, question in enumerate(level.questions):
            if kinds is None or question.answer.kind in kinds:
                yield pytest.param(level, index, id=f"{level.id}/{question.id}")


def _as_response(value) -> str:
    """Write an oracle's value the way a careful learner would type it."""
    if isinstance(value, str):
        return value
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        number = float(array)
        if math.isinf(number):
            return "oo" if number > 0 else "-oo"
        return repr(number)
    if array.ndim == 1:
        return "[" + ", ".join(repr(float(v)) for v in array) + "]"
    return "[" + ", ".join(_as_response(row) for row in array) + "]"


def test_curriculum_has_no_cross_level_problems():
    assert CATALOG.problems == []
    assert len(CATALOG.worlds) == 8
    assert CATALOG.worlds[0].title.startswith("Limits")


@pytest.mark.parametrize(("level", "index"), list(_questions(ORACLE_KINDS)))
def test_every_numeric_answer_matches_its_independent_oracle(level, index):
    question = level.questions[index]
    key = (level.id, question.id)
    assert key in ORACLES, f"no oracle for {key} in tests/curriculum/oracles_*.py"
    seeds = SEEDS if question.params else SEEDS[:1]
    for seed in seeds:
        playable = instantiate(level, index, seed)
        response = _as_response(ORACLES[key](dict(playable.params)))
        verdict = grade_here(playable.spec, response)
        assert verdict.correct, (
            f"{key} seed {seed}: oracle says {response}, the level expects "
            f"{playable.spec.expected!r} ({verdict.feedback or verdict.error})"
        )


def test_every_oracle_belongs_to_a_question():
    known = {(level.id, q.id) for level in CATALOG.levels for q in level.questions}
    assert set(ORACLES) <= known, sorted(set(ORACLES) - known)


def test_curriculum_uses_every_answer_kind_and_scene_type():
    from calcquest.grading.spec import ANSWER_KINDS
    from calcquest.levels.schema import SCENE_TYPES

    kinds = {q.answer.kind for level in CATALOG.levels for q in level.questions}
    scenes = {level.scene.type for level in CATALOG.levels if level.scene}
    assert kinds == set(ANSWER_KINDS)
    assert scenes == set(SCENE_TYPES)


def test_curriculum_meets_the_size_and_richness_bar():
    questions = [q for level in CATALOG.levels for q in level.questions]
    assert len(CATALOG.levels) >= 48
    assert all(len(level.questions) >= 3 for level in CATALOG.levels)
    assert all(len(q.hints) >= 2 for q in questions)
    assert sum(1 for q in questions if q.params) * 3 >= len(questions)
    for world in CATALOG.worlds:
        assert len(CATALOG.levels_in(world.id)) >= 6, world.id


def test_builtin_levels_dir_is_the_repo_folder_in_a_checkout():
    assert (builtin_levels_dir() / "01-limits" / "world.yaml").is_file()
