"""Playing a level loads only what it needs into the game process (memory, by structure).

Two things once pushed the game past its 150 MB budget by importing whole libraries it never
used: Pygments guessing the language of the lessons' indented examples (IPython, jedi,
prompt_toolkit and every lexer: ~39 MB) and SymPy's `lambdify` with NumPy's namespace string
(`from numpy import *`: numpy.testing, f2py, ...: ~17 MB). A subprocess plays the first
built-in level (lesson, scene, a typed answer with its preview) and lists what was imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

UNWANTED = ("IPython", "jedi", "prompt_toolkit", "numpy.testing", "numpy.f2py", "unittest")

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys, tempfile
    from pathlib import Path

    from calcquest.levels import load_catalog
    from calcquest.progress import ProgressStore
    from calcquest.ui.app import make_app
    from calcquest.ui.screens.level import LevelScreen
    from calcquest.ui.widgets.scene_view import SceneView

    async def main():
        store = ProgressStore.open(Path(tempfile.mkdtemp()))
        app = make_app(load_catalog(), store, seed=1)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            for _ in range(600):
                await pilot.pause(0.05)
                if isinstance(app.screen, LevelScreen) and app.grader.ready:
                    views = app.screen.query(SceneView)
                    if views and getattr(views.first(), "scene", None) is not None:
                        break
            await pilot.press(*"x^2+1")
            await pilot.pause(1.0)
            return {{
                "level": type(app.screen).__name__,
                "scene": getattr(app.screen.query_one(SceneView), "scene", None) is not None,
                "unwanted": sorted(m for m in {unwanted!r} if m in sys.modules),
            }}

    print(json.dumps(asyncio.run(main())))
    """
)


def test_a_level_with_lesson_scene_and_preview_imports_nothing_it_does_not_use() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(unwanted=UNWANTED)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["level"] == "LevelScreen" and seen["scene"], "the level and its scene showed"
    assert seen["unwanted"] == []
