"""The benchmark command runs end to end and prints its table (figures are not asserted:
speed is measured by `python -m benchmarks`, never by tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.e2e
@pytest.mark.timeout(600)
def test_quick_benchmarks_run_and_report_every_section(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=580,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    results = json.loads(out.read_text())
    for section in ("startup", "grading", "frames", "animation", "memory", "serve", "players"):
        assert section in results and "error" not in results[section], results.get(section)
    assert "| what | figure | budget |" in result.stdout
    assert "first drawn map" in result.stdout
