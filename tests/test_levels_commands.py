"""The authoring commands as an author runs them: validate, list, new, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calcquest.cli import main
from calcquest.levels import load_level

FIXTURES = Path(__file__).parent / "fixtures" / "levels"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean_folder_exits_zero(capsys):
    code, out, _ = run(capsys, "validate", str(FIXTURES / "course"), "--no-builtin")
    assert code == 0
    assert out == "7 files checked: no problems.\n"


def test_validate_reports_every_problem_and_exits_one(capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    code, out, _ = run(capsys, "validate", "files/unknown-kind.yaml", "files/unknown-key.yaml")
    assert code == 1
    assert out.splitlines() == [
        "files/unknown-key.yaml:6:5: questions[0].promt: unknown key 'promt' (did you mean 'prompt'?)",
        "files/unknown-key.yaml:11:7: questions[0].answer.rtoll: unknown key 'rtoll' (did you mean 'rtol'?)",
        "files/unknown-kind.yaml:7:20: questions[0].answer.kind: unknown kind 'expresion' (did you mean 'expression'?)",
        "3 problems in 2 files.",
    ]


def test_validate_missing_path_is_an_error_not_a_traceback(capsys):
    code, _, err = run(capsys, "validate", "no/such/file.yaml")
    assert code == 1
    assert err.startswith("calcquest: Not found: no/such/file.yaml does not exist")


def test_list_json_shape(capsys):
    code, out, _ = run(
        capsys, "list", "--json", "--levels", str(FIXTURES / "course"), "--no-builtin"
    )
    assert code == 0
    data = json.loads(out)
    assert data["worlds"] == [
        {"id": "basics", "title": "Basics"},
        {"id": "next", "title": "Next steps"},
    ]
    assert data["levels"][0] == {
        "id": "one",
        "title": "Level one",
        "world": "basics",
        "path": str((FIXTURES / "course" / "01-basics" / "01-one.yaml").resolve()),
        "questions": 1,
    }
    assert [level["id"] for level in data["levels"]] == ["one", "two", "three", "four", "five"]


def test_list_text_is_in_play_order(capsys):
    code, out, _ = run(capsys, "--levels", str(FIXTURES / "course"), "--no-builtin", "list")
    assert code == 0
    assert out.splitlines()[0] == "1. Basics (basics, 3 levels)"
    assert "one    Level one (1 question)" in out


def test_new_level_skeleton_validates_and_points_at_the_schema(capsys, tmp_path):
    world = tmp_path / "levels" / "03-integrals"
    assert run(capsys, "new", "world", str(world))[0] == 0
    target = world / "02-area.yaml"
    assert run(capsys, "new", "level", str(target))[0] == 0
    first_line = target.read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../level.schema.json"
    schema = json.loads((tmp_path / "levels" / "level.schema.json").read_text())
    assert schema["properties"]["questions"]["type"] == "array"
    level = load_level(target)
    assert (level.id, level.world) == ("area", "integrals")
    code, out, _ = run(capsys, "validate", str(tmp_path / "levels"), "--no-builtin")
    assert (code, out) == (0, "2 files checked: no problems.\n")


def test_new_refuses_to_overwrite(capsys, tmp_path):
    target = tmp_path / "a.yaml"
    target.write_text("mine")
    code, _, err = run(capsys, "new", "level", str(target))
    assert code == 1 and "already exists" in err and target.read_text() == "mine"


@pytest.mark.parametrize("flag", [[], ["--world"]])
def test_schema_prints_json_schema_with_field_docs(capsys, flag):
    code, out, _ = run(capsys, "schema", *flag)
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].startswith("https://json-schema.org/")
    if not flag:
        kind = schema["$defs"]["AnswerSpec"]["properties"]["kind"]
        assert "expression" in kind["enum"] and kind["description"].startswith("One of:")
        scene_types = set(schema["properties"]["scene"]["anyOf"][0]["discriminator"]["mapping"])
        assert "descent_1d" in scene_types and len(scene_types) == 11
    else:
        assert set(schema["required"]) == {"id", "title", "order"}


def test_every_level_we_ship_fits_the_json_schema_editors_use():
    """What editors check against must agree with what the loader accepts."""
    import jsonschema

    from calcquest.levels import builtin_levels_dir
    from calcquest.levels.json_schema import level_json_schema, world_json_schema
    from calcquest.levels.yaml_source import read_yaml

    level = jsonschema.Draft202012Validator(level_json_schema())
    world = jsonschema.Draft202012Validator(world_json_schema())
    files = [*builtin_levels_dir().rglob("*.yaml"), *FIXTURES.joinpath("course").rglob("*.yaml")]
    files += [FIXTURES / "files" / "good.yaml", *FIXTURES.joinpath("graded").rglob("*.yaml")]
    for path in files:
        data, _, problems = read_yaml(path)
        validator = world if path.name == "world.yaml" else level
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert (path, errors) == (path, [])


def test_yaml_reads_exponents_as_numbers_like_editors_do():
    from calcquest.levels.yaml_source import parse_yaml

    data, _, _ = parse_yaml("a: 1e-4\nb: 1.5e3\nc: '1e-4'\nd: x1e3\n", "x.yaml")
    assert data == {"a": 0.0001, "b": 1500.0, "c": "1e-4", "d": "x1e3"}


def test_validate_a_built_in_world_folder_does_not_see_itself_twice(capsys):
    from calcquest.levels import builtin_levels_dir

    world = next(p for p in sorted(builtin_levels_dir().iterdir()) if p.is_dir())
    code, out, _ = run(capsys, "validate", str(world))
    assert "duplicate" not in out
    assert code == 0, out


def test_schema_is_a_json_schema_that_accepts_the_skeleton_and_flags_typos(capsys, tmp_path):
    import jsonschema

    from calcquest.levels.yaml_source import read_yaml

    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    target = tmp_path / "01-first.yaml"
    assert run(capsys, "new", "level", str(target))[0] == 0
    reference = target.read_text().splitlines()[0].split("$schema=")[1]
    assert json.loads((target.parent / reference).read_text()) == schema
    data, _, _ = read_yaml(target)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(data)) == []
    data["questions"][0]["answer"]["kind"] = "expresion"
    data["titel"] = data.pop("title")
    errors = sorted(error.message for error in validator.iter_errors(data))
    assert any("'expresion' is not one of" in message for message in errors)
    assert any("'titel' was unexpected" in message for message in errors)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["new", "level", "{tmp}"], "is a folder; a level is a file inside one"),
        (["new", "world", "{tmp}/w.yaml"], "looks like a file; `new world` takes the world's"),
        (["new", "level", "{tmp}/file/01-a.yaml"], "cannot write {tmp}/file/"),
        (["schema", "-o", "{tmp}/file/s.json"], "cannot write {tmp}/file/s.json"),
    ],
    ids=["level-in-a-folder", "world-as-a-file", "level-under-a-file", "schema-under-a-file"],
)
def test_new_and_schema_explain_paths_they_cannot_use(capsys, tmp_path, argv, expected):
    (tmp_path / "file").write_text("not a folder")
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.startswith("calcquest: ") and expected.replace("{tmp}", str(tmp_path)) in err
    assert "Traceback" not in err


def test_new_level_outside_a_world_folder_says_how_to_add_the_world(capsys, tmp_path):
    code, out, _ = run(capsys, "new", "level", str(tmp_path / "02-calculus" / "01-first.yaml"))
    assert code == 0
    assert (
        "Its world 'calculus' has no world.yaml yet: add one with "
        f"`calcquest new world {tmp_path / '02-calculus'}`"
    ) in out
