"""Grading latency: the whole grading test table and the hostile inputs, through the pool.

Every case goes through `GradingPool.grade` (a warm worker process, exactly what the game
uses), so the figures include the hop to the worker. Budgets: median 5 ms, p99 100 ms, and
any input at all within 1 s.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

TABLE = Path(__file__).parents[1] / "tests" / "data" / "grading_table.yaml"
HOSTILE = [
    "__import__('os').system('echo owned')",
    "x.__class__",
    "lambda: 1",
    "9^9^9^9",
    "factorial(10^10)",
    "x^(10^10)",
    "(" * 5000 + "x" + ")" * 5000,
    "x" + "+x" * 5000,
    "x\x00+1",
    "sin(х)",  # Cyrillic х
    "simplify(sin(x)^200 + cos(x)^200)",
]


def _table_cases() -> list[tuple[dict, str]]:
    cases = []
    for group in yaml.safe_load(TABLE.read_text(encoding="utf-8")):
        responses = list(group.get("right", [])) + list(group.get("wrong") or {})
        responses += list(group.get("unreadable", []))
        cases.extend((group["spec"], response) for response in responses)
    return cases


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _latencies(pool, cases) -> list[float]:
    samples = []
    for spec, response in cases:
        start = time.perf_counter()
        pool.grade(spec, response, timeout=1.0)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _summary(samples: list[float]) -> dict:
    return {
        "cases": len(samples),
        "median_ms": round(statistics.median(samples), 2),
        "p99_ms": round(_percentile(samples, 0.99), 1),
        "max_ms": round(max(samples), 1),
    }


def run() -> dict:
    """Latency summaries for the table (new specs, then prepared specs) and hostile inputs."""
    from calcquest.grading import GradingPool

    pool = GradingPool()
    pool.warm()
    try:
        cases = _table_cases()
        # First pass: each spec is new to the worker (a question's first answer). Second pass:
        # the spec is already prepared (every later answer to the same question).
        first = _latencies(pool, cases)
        table = _latencies(pool, cases)
        spec = {"kind": "expression", "expected": "2*x", "vars": ["x"]}
        hostile = _latencies(pool, [(spec, text) for text in HOSTILE])
    finally:
        pool.close()
    return {
        "table_first_answer": _summary(first),
        "table_later_answers": _summary(table),
        "hostile": _summary(hostile),
    }
