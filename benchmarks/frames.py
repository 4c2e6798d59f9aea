"""Frame build time per scene type, at 80x24 and 200x60 (budget: under 10 ms at 80x24).

Each scene type is taken from the first built-in level that uses it, so the figures are for
the scenes players actually see. Every frame is drawn once cold (nothing cached yet, the cost
the animation pays the first time round) and once warm (from the scene's frame cache).
"""

from __future__ import annotations

import statistics
import time

SIZES = ((80, 24), (200, 60))


def _example_scenes() -> dict:
    from calcquest.levels import instantiate_scene, load_catalog

    examples = {}
    for level in load_catalog().levels:
        if level.scene and level.scene.type not in examples:
            examples[level.scene.type] = instantiate_scene(level, seed=1)
    return examples


def _time_frames(spec, width: int, height: int) -> tuple[list[float], list[float]]:
    from calcquest.scenes import scene_from_spec

    scene = scene_from_spec(spec)
    cold, warm = [], []
    for samples in (cold, warm):
        for frame in range(scene.frame_count):
            start = time.perf_counter()
            scene.render(frame, width, height, True)
            samples.append((time.perf_counter() - start) * 1000)
    return cold, warm


def _warm_up(examples: dict) -> None:
    """Draw one frame of one scene first: the process's first drawing imports plotext and
    NumPy's printing once (the game does this in a background worker), not per frame."""
    from calcquest.scenes import scene_from_spec

    spec = next(iter(examples.values()))
    scene_from_spec(spec).render(0, 40, 12, True)


def run() -> dict:
    """Per scene type and size: the backdrop frame, then median and max cold build ms of
    the animation frames, and median ms from the cache."""
    results = {}
    examples = _example_scenes()
    _warm_up(examples)
    for scene_type, spec in sorted(examples.items()):
        for width, height in SIZES:
            cold, warm = _time_frames(spec, width, height)
            # The first frame at a size also draws the scene's still backdrop (axes, curve),
            # once; the game builds it in a worker before the animation starts. The budget
            # is for each animation frame after it.
            frames = cold[1:] or cold
            results[f"{scene_type} {width}x{height}"] = {
                "frames": len(cold),
                "backdrop_ms": round(cold[0], 2),
                "cold_median_ms": round(statistics.median(frames), 2),
                "cold_max_ms": round(max(frames), 2),
                "warm_median_ms": round(statistics.median(warm), 3),
            }
    return results
