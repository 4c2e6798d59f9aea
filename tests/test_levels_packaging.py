"""The built-in levels ship inside the installed package and are found there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[1]


def test_installed_package_carries_the_levels_and_finds_them(tmp_path):
    """Build the package as an installer would (setuptools' build_py, the step a wheel
    copies from), then import calcquest from the result, away from the checkout."""
    lib = tmp_path / "lib"
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    shipped = sorted(
        p.relative_to(lib / "calcquest" / "builtin_levels") for p in lib.rglob("*.yaml")
    )
    in_repo = sorted(p.relative_to(REPO / "levels") for p in (REPO / "levels").rglob("*.yaml"))
    assert shipped == in_repo and shipped
    code = (
        "import calcquest, calcquest.levels as levels\n"
        "print(calcquest.__file__)\n"
        "print(levels.builtin_levels_dir())\n"
        "print(len(levels.load_catalog().worlds))"
    )
    env = {**os.environ, "PYTHONPATH": str(lib)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert out[0].startswith(str(lib))
    assert out[1] == str(lib / "calcquest" / "builtin_levels")
    assert int(out[2]) == len(list((REPO / "levels").glob("*/world.yaml")))
