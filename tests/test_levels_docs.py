"""docs/authoring.md documents every field, kind and scene type, and its examples work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calcquest.grading import grade_here
from calcquest.grading.spec import ANSWER_KINDS
from calcquest.levels.loader import read_level
from calcquest.levels.reference import nested_models
from calcquest.levels.schema import SCENE_TYPES, Level, World
from calcquest.levels.selfcheck import check_level
from calcquest.scenes import scene_param_model

DOC = (Path(__file__).parents[1] / "docs" / "authoring.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)
HEADER = "id: doc-example\ntitle: Example\nworld: docs\nlesson: An example.\n"
ONE_QUESTION = "questions:\n  - prompt: p\n    answer: {kind: numeric, expected: 1}\n"


def section(title: str) -> str:
    """The text under a `##`/`###` heading, up to the next heading of any level."""
    match = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#)", DOC + "\n#", flags=re.S | re.M)
    assert match, f"docs/authoring.md has no section '{title}'"
    return match.group(1)


@pytest.mark.parametrize("model", [World, *nested_models(Level)], ids=lambda m: m.__name__)
def test_every_field_has_a_reference_row(model):
    titles = {
        "World": "World (`world.yaml`)",
        "Level": "Level",
        "Question": "Question (`questions[i]`)",
        "AnswerSpec": "Answer (`questions[i].answer`)",
        "Mistake": "Mistake (`questions[i].mistakes[j]`)",
        "ParamSpec": "Parameter (`questions[i].params.NAME`)",
        "SceneSpec": "Scene (`scene`)",
        "Control": "Control (`scene.controls[i]`)",
    }
    table = section(titles[model.__name__])
    for name in model.model_fields:
        assert f"| `{name}` |" in table, f"{model.__name__}.{name} is not documented"


@pytest.mark.parametrize("scene_type", SCENE_TYPES)
def test_every_scene_type_documents_its_parameters_with_an_example(scene_type):
    text = section(scene_type)
    for model in nested_models(scene_param_model(scene_type)):
        for name, field in model.model_fields.items():
            assert f"`{field.alias or name}`" in text, f"{scene_type}: `{name}` not documented"
    assert f"type: {scene_type}" in text


@pytest.mark.parametrize("kind", ANSWER_KINDS)
def test_every_answer_kind_has_an_example(kind):
    assert f"kind: {kind}" in section(kind)


def as_level(block: str) -> str:
    if block.startswith("scene:"):
        return HEADER + block + ONE_QUESTION
    if block.startswith("- prompt:"):
        return HEADER + "questions:\n" + "".join(f"  {line}\n" for line in block.splitlines())
    return block


@pytest.mark.parametrize(
    "block",
    [b for b in BLOCKS if not b.startswith("# yaml-language")],
    ids=lambda block: block.splitlines()[0][:40],
)
def test_examples_validate_and_grade_as_they_claim(block, tmp_path):
    path = tmp_path / "example.yaml"
    path.write_text(as_level(block), encoding="utf-8")
    source = read_level(path)
    assert [str(p) for p in source.problems] == []
    if block.startswith("- prompt:"):
        report = check_level(source, grade_here, draws=5)
        assert [str(p) for p in report.problems] == []


def test_worked_example_reports_exactly_what_the_guide_shows(tmp_path):
    (example,) = [b for b in BLOCKS if b.startswith("# yaml-language")]
    path = tmp_path / "01-slopes.yaml"
    path.write_text(example, encoding="utf-8")
    shown = [
        str(p).replace(str(path), "mylevels/01-warmup/01-slopes.yaml")
        for p in read_level(path).problems
    ]
    assert len(shown) == 1 and shown[0] in DOC
    path.write_text(example.replace("expresion", "expression"), encoding="utf-8")
    report = check_level(read_level(path), grade_here)
    (problem,) = report.problems
    assert str(problem).replace(str(path), "mylevels/01-warmup/01-slopes.yaml") in DOC
    path.write_text(path.read_text().replace("[2, 9]", "[3, 9]"), encoding="utf-8")
    report = check_level(read_level(path), grade_here)
    assert report.ok and f"{report.graded} answers graded" in DOC


def worked_example_sessions() -> list[list[tuple[str, list[str]]]]:
    """Each shell block of the worked example: its `$ calcquest ...` commands, each with the
    output lines the guide shows under it."""
    start = DOC.index("## A worked example")
    worked = DOC[start : DOC.index("\n## ", start + 1)]
    sessions = []
    for block in re.findall(r"```\n(\$ .*?)```", worked, flags=re.S):
        commands: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            else:
                commands[-1][1].append(line)
        sessions.append(commands)
    return sessions


def test_worked_example_commands_print_what_the_guide_shows(tmp_path, monkeypatch, capsys):
    """Follow the guide literally from an empty folder: every command it shows, in order,
    with the file edits it describes between them."""
    import shlex

    from calcquest.cli import main

    monkeypatch.chdir(tmp_path)
    level = tmp_path / "mylevels" / "01-warmup" / "01-slopes.yaml"
    (example,) = [b for b in BLOCKS if b.startswith("# yaml-language")]
    edits = [
        lambda: level.write_text(example, encoding="utf-8"),  # step 2, before validating
        lambda: level.write_text(example.replace("expresion", "expression"), encoding="utf-8"),
        lambda: level.write_text(
            example.replace("expresion", "expression").replace("[2, 9]", "[3, 9]"), encoding="utf-8"
        ),
    ]
    sessions = worked_example_sessions()
    assert len(sessions) == 4
    for number, commands in enumerate(sessions):
        if number == 1:  # the skeleton's first line is the one the guide quotes
            assert f"`{level.read_text().splitlines()[0]}`" in DOC
        if number:
            edits[number - 1]()
        for command, shown in commands:
            argv = shlex.split(command)
            assert argv[0] == "calcquest"
            main(argv[1:])
            out = capsys.readouterr().out
            timed = re.compile(r"in \d+\.\d s\.$")
            assert [timed.sub("in T s.", line) for line in out.splitlines()] == [
                timed.sub("in T s.", line) for line in shown
            ], command
    assert "`1 file checked: no problems.`" in DOC  # what step 3 says after the fix
    main(["validate", str(level.relative_to(tmp_path))])
    assert capsys.readouterr().out == "1 file checked: no problems.\n"


def test_the_table_of_what_validate_catches_quotes_real_messages():
    from calcquest.levels.validate import validate_paths

    fixtures = Path(__file__).parent / "fixtures" / "levels"
    report = validate_paths(
        [*sorted((fixtures / "files").glob("*.yaml")), fixtures / "cycle"], builtin_context=False
    )
    real = [str(problem).removeprefix(f"{problem.path}:") for problem in report.problems]
    table = DOC[DOC.index("What validate catches") :]
    quoted = re.findall(r"^\| [^|]+ \| `([^`]+)`", table, flags=re.M)
    assert len(quoted) == 10
    for message in quoted:
        assert message in real
