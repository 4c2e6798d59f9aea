"""Nothing heavy is imported before the game's first frame (structure, not timing).

The map draws from the map index; SymPy, NumPy, plotext, pydantic (the level models), the
scenes and the Markdown parser load in the background afterwards. A subprocess starts the game
the way `calcquest` does (store, map index, `make_app`) under Textual's Pilot and records
`sys.modules` at the first thing that runs after the first frame: the catalog loader's start.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

HEAVY = ("sympy", "numpy", "plotext", "pydantic", "markdown_it", "calcquest.scenes")

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys, tempfile
    from pathlib import Path

    from calcquest.commands.play import load_game_index, open_store
    from calcquest.ui import catalog_load
    from calcquest.ui.app import make_app

    HEAVY = {heavy!r}
    seen = {{}}

    def loaded():
        return sorted(m for m in HEAVY if m in sys.modules)

    start = catalog_load.CatalogLoader.start

    def start_after_first_frame(self):
        seen.setdefault("first_frame", loaded())
        start(self)

    catalog_load.CatalogLoader.start = start_after_first_frame

    class Args:
        data_dir = tempfile.mkdtemp()
        player = None
        levels = None
        no_builtin = False

    async def main():
        with open_store(Args) as store:
            seen["before_app"] = loaded()
            app = make_app(load_game_index(Args, store), store)
            async with app.run_test(size=(80, 24)) as pilot:
                for _ in range(600):
                    await pilot.pause(0.05)
                    if app.levels_loader.ready and app.grader.ready:
                        break
                seen["catalog_loaded"] = app.levels_loader.ready
                seen["later"] = loaded()

    asyncio.run(main())
    print(json.dumps(seen))
    """
)


def test_the_map_draws_before_anything_heavy_is_imported() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(heavy=HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["before_app"] == [], "opening the store and the map index stays light"
    assert seen["first_frame"] == [], "the map's first frame needs none of these"
    assert seen["catalog_loaded"], "the full catalog loads after the first frame"
    assert {"pydantic", "sympy"} <= set(seen["later"]), "and so does the grading engine"
