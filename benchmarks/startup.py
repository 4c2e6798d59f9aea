"""Start-up: from starting `calcquest` in an 80x24 pty to its first drawn map.

Measured against a bare Textual app that draws one line, run alternately in the same loop so
both see the same machine load; the ratio is the figure that matters (budget: 1.3x).

Each repeat uses a fresh data directory and starts the game twice: the first start ever (it
creates the progress database and the map index cache) and then a usual start (a returning
player: both already there). The ratio is the usual start's; the first start is reported too.

calcquest's modules are compiled to bytecode first, as `pip install` does and as Python does on
a first import: otherwise, where PYTHONDONTWRITEBYTECODE is set (as on our CI machines) and
the package is installed in editable mode, every start would compile ~30 modules from source
(about 7 ms here) while Textual's own modules, installed normally, would not.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.ptyrun import spawn

BARE_APP = Path(__file__).with_name("bare_app.py")
MAP_MARKER = b"Limits"
BARE_MARKER = b"bare textual app ready"


def _time_to_marker(argv: list[str], marker: bytes, env_extra: dict[str, str]) -> float:
    import os

    env = dict(os.environ, **env_extra)
    process = spawn(argv, env=env)
    try:
        return process.wait_for(marker, timeout=30)
    finally:
        process.close()


def compile_calcquest() -> None:
    """Write calcquest's bytecode (.pyc) files, as an install would."""
    import compileall

    import calcquest

    for folder in calcquest.__path__:
        compileall.compile_dir(folder, quiet=1)


def run(repeats: int = 7) -> dict:
    """Median seconds to first frame for calcquest and the bare app, and their ratio."""
    compile_calcquest()
    game = [sys.executable, "-m", "calcquest"]
    first, usual, bare = [], [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as data:
            env = {"CALCQUEST_DATA_DIR": data}
            bare.append(_time_to_marker([sys.executable, str(BARE_APP)], BARE_MARKER, env))
            first.append(_time_to_marker(game, MAP_MARKER, env))
            usual.append(_time_to_marker(game, MAP_MARKER, env))
    bare_median = statistics.median(bare)
    ours = statistics.median(usual)
    first_start = statistics.median(first)
    return {
        "bare_textual_s": round(bare_median, 3),
        "calcquest_s": round(ours, 3),
        "ratio": round(ours / bare_median, 2),
        "first_start_s": round(first_start, 3),
        "first_start_ratio": round(first_start / bare_median, 2),
        "runs": repeats,
    }
