"""`calcquest scene LEVEL.yaml` for authors: descriptions without a terminal, kind errors."""

from __future__ import annotations

import textwrap

from calcquest.cli import main
from calcquest.levels import builtin_levels_dir


def test_describe_prints_every_frame_of_a_levels_scene(capsys):
    path = builtin_levels_dir() / "01-limits" / "06-difference-quotient.yaml"
    assert main(["scene", str(path), "--describe"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("The difference quotient")
    assert lines[1].startswith("1/5: The secant slope is 3 at h = 1")
    assert len(lines) == 6


def test_a_level_without_a_scene_is_explained(tmp_path, capsys):
    level = tmp_path / "no-scene.yaml"
    level.write_text(
        textwrap.dedent(
            """\
            id: no-scene
            title: No scene here
            world: limits
            lesson: Just words.
            questions:
              - prompt: "1 + 1?"
                answer: {kind: numeric, expected: 2}
            """
        ),
        encoding="utf-8",
    )
    assert main(["scene", str(level)]) == 1
    err = capsys.readouterr().err
    assert "has no `scene:` section" in err
    assert "Traceback" not in err
