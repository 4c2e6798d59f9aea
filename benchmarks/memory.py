"""Peak memory while playing: a scripted play-through of the first level in a real pty.

The script opens the first level from the map, types right and wrong answers (so the grading
worker does real work), asks for a hint, goes back to the map and opens the next level, then
reads the peak resident set (VmHWM) of the game process and of its grading worker.
Budget: under 150 MB for the game.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.ptyrun import spawn

ANSWERS = ["5", "2x", "oo", "DNE", "x^2 + 1", "2", "b", "(x+1)(x-1)/(x-1)", "sqrt(2)/2"]


def _children(pid: int) -> list[int]:
    """Every descendant of `pid`, whichever of its threads started it (the game starts its
    resource tracker from the UI thread and the grading workers from a warm-up thread)."""
    direct: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            direct += [int(p) for p in children.read_text().split()]
        except OSError:
            continue
    return direct + [g for c in direct for g in _children(c)]


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _play(process) -> None:
    process.wait_for(b"Limits", timeout=30)
    process.send(b"\r")  # open the first level
    process.read_for(2.0)
    for answer in ANSWERS:
        process.send(answer.encode() + b"\r")
        process.read_for(0.6)
    process.send(b"?")  # a hint
    process.read_for(0.5)
    process.send(b"\x1b")  # back to the map
    process.read_for(1.0)
    process.send(b"\x1b[B\r")  # the next level (open or peeked)
    process.read_for(3.0)


def run() -> dict:
    """Peak RSS in MB of the game process and of its largest child (the grading worker)."""
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, CALCQUEST_DATA_DIR=data)
        process = spawn([sys.executable, "-m", "calcquest"], env=env)
        try:
            _play(process)
            time.sleep(0.2)
            game = _peak_mb(process.pid)
            workers = [_peak_mb(child) for child in _children(process.pid)]
        finally:
            process.close()
    return {
        "game_peak_rss_mb": round(game, 1),
        "worker_peak_rss_mb": round(max(workers, default=0.0), 1),
        "children": len(workers),
    }
