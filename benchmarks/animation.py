"""An animation running in a real terminal: CPU share and bytes written per second.

Runs `calcquest scene LEVEL.yaml` (the scene alone, animating) in an 80x24 pty, lets it
settle, then measures CPU seconds used and bytes written over a window inside the motion.
Each scene is the first built-in level of its type, rewritten into a temporary level file that
runs at 20 frames per second with as many frames as the type allows (200, or 50 layers), so the figures are for the budget's case: 20 fps, under 25 % of
one core and under 20 KB/s. The short ones are measured over their short window.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import yaml

from benchmarks.ptyrun import spawn

SETTLE_S = 1.0
FPS = 20
MAX_FRAMES = 200  # the scenes' own cap on steps / frames


def _builtin_level(scene_type: str) -> dict:
    from calcquest.levels import load_catalog

    catalog = load_catalog()
    for level in catalog.levels:
        if level.scene and level.scene.type == scene_type:
            return yaml.safe_load(catalog.path_of(level.id).read_text(encoding="utf-8"))
    raise LookupError(f"no built-in level has a {scene_type} scene")


#: Every scene type that animates for at least 2 s at 20 fps, and how many frames it can be
#: given at most (`_stretch`). Taylor (13 frames at most), graph and difference_quotient end
#: before a window after the start-up settles could begin.
ANIMATED = {
    "descent_1d": MAX_FRAMES,
    "descent_2d": MAX_FRAMES,
    "secant_to_tangent": MAX_FRAMES,
    "ode": MAX_FRAMES,
    "riemann": MAX_FRAMES,
    "layers": 50,
}


def _stretch(scene: dict, frames: int) -> None:
    """Give `scene` `frames` frames, in the way its type counts them."""
    kind = scene["type"]
    if kind in ("descent_1d", "descent_2d"):
        scene["steps"] = frames
    elif kind == "secant_to_tangent":
        scene["h"] = [round(1.0 * 0.98**k, 8) for k in range(frames)]
    elif kind == "ode":  # `frames - 1` steps over the same span of t
        t0, t1 = scene["t"]
        scene["step"] = (t1 - t0) / (frames - 1)
    elif kind == "riemann":
        scene["n"] = list(range(1, frames + 1))
    elif kind == "layers":
        scene["depth"] = frames


def _at_20_fps(level: dict, frames: int) -> dict:
    """The same level, its scene at 20 fps with `frames` frames (no random parameters)."""
    scene = dict(level["scene"], fps=FPS)
    _stretch(scene, frames)
    scene["controls"] = []
    question = level["questions"][0]
    level = dict(level, scene=scene, questions=[question])
    if question.get("params"):  # scenes may use {a}: pin each to its lowest value
        values = {k: _lowest(v) for k, v in question["params"].items()}
        level = yaml.safe_load(_fill(yaml.safe_dump(level, allow_unicode=True), values))
    return level


def _lowest(param: dict):
    for form in ("randint", "uniform", "choice"):
        if form in param:
            return param[form][0]
    return 1


def _fill(text: str, values: dict) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def measure(scene_type: str, seconds: float) -> dict:
    """CPU % of one core and bytes/s while the scene animates at 20 fps for `seconds`."""
    frames = ANIMATED[scene_type]
    seconds = min(seconds, frames / FPS - SETTLE_S - 0.1)  # keep the window inside the motion
    level = _at_20_fps(_builtin_level(scene_type), frames)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "level.yaml"
        path.write_text(yaml.safe_dump(level, allow_unicode=True), encoding="utf-8")
        env = dict(os.environ, CALCQUEST_DATA_DIR=str(Path(tmp) / "data"))
        process = spawn([sys.executable, "-m", "calcquest", "scene", str(path)], env=env)
        try:
            process.read_for(SETTLE_S)
            cpu_before = process.cpu_seconds()
            written = process.read_for(seconds)
            cpu = process.cpu_seconds() - cpu_before
        finally:
            process.close()
    if written == 0:
        raise RuntimeError(f"the {scene_type} scene drew nothing: {bytes(process.output)[-300:]!r}")
    return {
        "level": level["id"],
        "fps": FPS,
        "window_s": seconds,
        "cpu_percent": round(100 * cpu / seconds, 1),
        "bytes_per_s": round(written / seconds),
    }


def run(seconds: float = 10.0, kinds: tuple[str, ...] = tuple(ANIMATED)) -> dict:
    """Every animating scene type; the long ones are measured for `seconds`."""
    return {kind: measure(kind, seconds) for kind in kinds}
