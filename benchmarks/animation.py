"""An animation running in a real terminal: CPU share and bytes written per second.

Runs `calcquest scene LEVEL.yaml` (the scene alone, animating at its frame rate) in an 80x24
pty, lets it settle, then measures CPU seconds used and bytes written over a fixed window.
Budgets: under 25 % of one core and under 20 KB/s to the terminal at 20 fps.
"""

from __future__ import annotations

import os
import sys
import tempfile

from benchmarks.ptyrun import spawn

SETTLE_S = 2.0


def _animated_level(scene_type: str):
    from calcquest.levels import load_catalog

    catalog = load_catalog()
    for level in catalog.levels:
        if level.scene and level.scene.type == scene_type:
            return catalog.path_of(level.id)
    raise LookupError(f"no built-in level has a {scene_type} scene")


def measure(scene_type: str, seconds: float) -> dict:
    """CPU % of one core and bytes/s while the scene animates for `seconds`."""
    path = _animated_level(scene_type)
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, CALCQUEST_DATA_DIR=data)
        process = spawn([sys.executable, "-m", "calcquest", "scene", str(path)], env=env)
        try:
            process.read_for(SETTLE_S)
            cpu_before = process.cpu_seconds()
            written = process.read_for(seconds)
            cpu = process.cpu_seconds() - cpu_before
        finally:
            process.close()
    return {
        "level": path.name,
        "cpu_percent": round(100 * cpu / seconds, 1),
        "bytes_per_s": round(written / seconds),
    }


def run(seconds: float = 10.0) -> dict:
    """The two busiest animations: a ball rolling downhill and secants closing in."""
    return {kind: measure(kind, seconds) for kind in ("descent_1d", "secant_to_tangent")}
