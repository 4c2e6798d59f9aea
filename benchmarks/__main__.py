"""`python -m benchmarks`: measure every budget side by side in one run and print a table.

Usage: `python -m benchmarks [--quick] [--only NAME ...] [--json FILE]`.
`--quick` uses few repeats and short windows (the smoke test runs it); the README's table
comes from a full run, whose last part connects 500 SSH players (about 19 GB and a few
minutes; it stops early, and says so, if memory runs short). Results are also written as JSON (default benchmarks/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from benchmarks import animation, frames, grading, memory, players, serve, startup
from benchmarks.report import markdown_table

BENCHMARKS = {
    "startup": lambda quick: startup.run(repeats=2 if quick else 9),
    "grading": lambda quick: grading.run(),
    "frames": lambda quick: frames.run(),
    "animation": lambda quick: animation.run(seconds=1 if quick else 10),
    "memory": lambda quick: memory.run(),
    "serve": lambda quick: serve.run(seconds=2 if quick else 10),
    "players": lambda quick: players.run(players=10 if quick else 500),
}


def _machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "date": time.strftime("%Y-%m-%d"),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks, print a Markdown table, save JSON; exit 1 if one failed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few repeats, short windows")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), default=None)
    parser.add_argument("--json", type=Path, default=Path(__file__).with_name("results.json"))
    args = parser.parse_args(argv)
    results: dict = {"machine": _machine()}
    failed = False
    for name in args.only or BENCHMARKS:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            results[name] = BENCHMARKS[name](args.quick)
        except Exception as exc:  # a benchmark that breaks is reported, the others still run
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}
            failed = True
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(markdown_table(results))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
