"""The domain/UI boundary and start-up discipline, checked in fresh interpreters."""

from __future__ import annotations

import subprocess
import sys

import pytest

DOMAIN_MODULES = [
    "calcquest.errors",
    "calcquest.grading",
    "calcquest.grading.spec",
    "calcquest.levels",
    "calcquest.levels.schema",
    "calcquest.scenes",
    "calcquest.progress",
]


def _modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(out.split())


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_does_not_import_textual(module):
    loaded = _modules_after_import(module)
    assert "textual" not in loaded
    assert "calcquest.ui" not in loaded


def test_version_is_instant_and_imports_nothing_heavy():
    code = (
        "import sys; sys.argv=['calcquest','--version']\n"
        "from calcquest.cli import main\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "heavy = [m for m in ('sympy','numpy','textual','plotext') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert "calcquest 0.1.0" in out
    assert "HEAVY []" in out


def test_help_lists_commands():
    out = subprocess.run(
        [sys.executable, "-m", "calcquest", "--help"], check=True, capture_output=True, text=True
    ).stdout
    assert "usage: calcquest" in out
