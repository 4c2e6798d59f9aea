"""Bounds: hostile input is refused without running anything, and no check outlives its limit.

`grade` runs checks in a killable worker. These tests feed it hostile text, a check that never
returns (a test-only check function handed to the pool), a check that crashes its process and
one that exhausts memory, and confirm each gives a not-counted verdict and that the pool keeps
working afterwards. Bounds are asserted with wide margins: they prove the caller gets control
back, not how fast (benchmarks measure speed).
"""

from __future__ import annotations

import os
import threading
import time

import pytest

from calcquest.grading import GradingPool, grade
from calcquest.grading.budget import BudgetExceeded, time_budget
from calcquest.grading.pool import default_pool

SPEC = {"kind": "expression", "expected": "2*x", "vars": ["x"]}

#: Far above any timeout used here, far below "forever": the caller got control back.
RETURNS_WITHIN = 15.0


def endless_check(spec, response):
    """A check that never returns (stands in for a runaway SymPy call)."""
    while True:
        pass


def crashing_check(spec, response):
    """A check whose process dies (stands in for a segfault or the OOM killer)."""
    os._exit(3)


def hungry_check(spec, response):
    """A check that asks for far more memory than a worker may have."""
    return bytearray(64 * 1024**3)


@pytest.fixture(scope="module")
def warm_default_pool():
    default_pool().warm()


HOSTILE = [
    "__import__('os').system('touch {marker}')",
    "x.__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "exec('import os')",
    "eval('1+1')",
    "9^9^9^9",
    "9**9**9",
    "factorial(10^10)",
    "x^(10^10)",
    "(x+1)^(10^6)",
    "x" * 10_000,
    "2x\x00",
    "2х",  # Cyrillic х
    "(" * 200 + "x" + ")" * 200,
    "sin(" * 60 + "x" + ")" * 60,
    "1e999999",
    "9" * 5000,
    "open('/etc/passwd')",
    "globals()",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_refused_within_the_bound(warm_default_pool, tmp_path, text):
    marker = tmp_path / "pwned"
    started = time.monotonic()
    verdict = grade(SPEC, text.replace("{marker}", str(marker)), timeout=1.0)
    assert time.monotonic() - started < RETURNS_WITHIN
    assert not verdict.correct and not verdict.counted
    assert verdict.error and len(verdict.error) < 300
    assert not marker.exists()


def test_a_runaway_check_is_killed_and_the_pool_recovers():
    with GradingPool(check=endless_check) as pool:
        pool.warm()
        before = pool.pids()
        started = time.monotonic()
        verdict = pool.grade(SPEC, "2x", timeout=0.3)
        assert time.monotonic() - started < RETURNS_WITHIN
        assert not verdict.counted and "too long" in verdict.error
        assert pool.pids() != before  # the runaway worker was replaced
    with GradingPool() as pool:  # and a normal pool next to it is unaffected
        assert pool.grade(SPEC, "2x", timeout=30.0).correct


def test_the_same_pool_grades_again_after_a_kill():
    with GradingPool(check=endless_check) as slow:
        slow.warm()
        assert not slow.grade(SPEC, "2x", timeout=0.2).counted
        assert not slow.grade(SPEC, "2x", timeout=0.2).counted  # the fresh worker works too
    with GradingPool() as pool:
        pool.warm()
        first = pool.pids()
        assert pool.grade(SPEC, "2x", timeout=5.0).correct
        assert pool.pids() == first  # a normal check reuses its worker


def test_a_crashed_worker_gives_a_not_counted_verdict():
    with GradingPool(check=crashing_check) as pool:
        pool.warm()
        verdict = pool.grade(SPEC, "2x", timeout=5.0)
        assert not verdict.counted and "stopped" in verdict.error
        assert not pool.grade(SPEC, "2x", timeout=5.0).counted  # replaced, and still answers


def test_a_memory_hog_is_refused():
    with GradingPool(check=hungry_check) as pool:
        verdict = pool.grade(SPEC, "2x", timeout=10.0)
        assert not verdict.counted
        assert "too big" in verdict.error


def test_a_busy_worker_does_not_block_another_caller_past_its_timeout():
    with GradingPool(processes=1, check=endless_check) as pool:
        pool.warm()
        finished: list[str] = []
        hog = threading.Thread(
            target=lambda: finished.append(("hog", pool.grade(SPEC, "2x", timeout=1.5)))
        )
        hog.start()
        time.sleep(0.2)  # let the hog take the only worker
        verdict = pool.grade(SPEC, "2x", timeout=0.2)
        finished.append(("second", verdict))
        hog.join(RETURNS_WITHIN)
        assert [name for name, _ in finished] == ["second", "hog"]
        assert not verdict.counted and "too long" in verdict.error


def test_concurrent_callers_each_get_their_own_verdict():
    answers = {"2x": True, "x^2": False, "2*x": True, "3x": False, "x + x": True, "2": False}
    results: dict[str, bool] = {}
    with GradingPool(processes=2) as pool:
        pool.warm()

        def run(text):
            results[text] = pool.grade(SPEC, text, timeout=30.0).correct

        threads = [threading.Thread(target=run, args=(t,)) for t in answers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(RETURNS_WITHIN * 2)
    assert results == answers


def test_empty_answers_and_bad_specs_never_reach_a_worker():
    with GradingPool() as pool:
        assert pool.grade(SPEC, "   ").error == "Type an answer first."
        verdict = pool.grade({"kind": "riddle"}, "2x")
        assert not verdict.counted and "answer key" in verdict.error
        assert pool.pids() == []  # nothing was started for these


def test_the_soft_budget_interrupts_a_long_computation():
    with pytest.raises(BudgetExceeded):
        with time_budget(0.05):
            while True:
                pass


def test_the_soft_budget_restores_an_outer_timer():
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with time_budget(0.05):
            pass
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 0.3
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_worker_killed_while_idle_is_replaced_transparently():
    import signal

    with GradingPool() as pool:
        pool.warm()
        (pid,) = pool.pids()
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + RETURNS_WITHIN
        while os.path.exists(f"/proc/{pid}/status") and time.monotonic() < deadline:
            if "zombie" in open(f"/proc/{pid}/status").read():
                break
            time.sleep(0.01)
        verdict = pool.grade(SPEC, "x + x", timeout=30.0)
        assert verdict.correct and verdict.counted
        assert pool.pids() != [pid]
