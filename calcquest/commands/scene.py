"""`calcquest scene LEVEL.yaml`: show a level's scene alone, animated, with its controls.

For authors tuning a scene: the level file is loaded and checked like any other, question 0's
random parameters are drawn (from --seed, default 0) and substituted, and the scene runs in a
small full-screen app. q quits. With --describe, or without a terminal, it prints each frame's
description instead, which is also handy to check the numbers behind a scene.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register `scene`."""
    parser = subparsers.add_parser(
        "scene",
        help="show one level's scene alone, for authors",
        description="Show the scene of LEVEL.yaml alone, animated, with its controls. q quits.",
    )
    parser.add_argument("level_file", metavar="LEVEL.yaml", help="the level file")
    parser.add_argument(
        "--describe", action="store_true", help="print each frame's description instead of drawing"
    )
    parser.add_argument(
        "--reduced-motion", action="store_true", help="show the final frame only, no animation"
    )
    parser.add_argument("--seed", type=int, default=argparse.SUPPRESS, help="parameter seed")


def _scene_of(path: Path, seed: int):
    """(the level's title and scene caption, its Scene)."""
    from calcquest.errors import CalcquestError
    from calcquest.levels import instantiate_scene, load_level
    from calcquest.scenes import scene_from_spec

    level = load_level(path)
    spec = instantiate_scene(level, seed)
    if spec is None:
        raise CalcquestError(
            "No scene",
            f"{path} has no `scene:` section.",
            'Add one, e.g. scene: {type: function, curves: ["x^2"], x: [-2, 2]}.',
        )
    caption = f"{level.title} · {spec.title}" if spec.title else level.title
    return caption, scene_from_spec(spec)


def _describe(caption: str, scene) -> int:
    print(caption)
    for frame in range(scene.frame_count):
        print(f"{frame + 1}/{scene.frame_count}: {scene.describe(frame)}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Load the level, build its scene and show it (or print its descriptions)."""
    path = Path(args.level_file)
    caption, scene = _scene_of(path, getattr(args, "seed", None) or 0)
    interactive = sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    if args.describe or not interactive:
        return _describe(caption, scene)
    from calcquest.ui.scene_app import make_scene_app

    make_scene_app(scene, caption, reduced_motion=args.reduced_motion).run()
    return 0
