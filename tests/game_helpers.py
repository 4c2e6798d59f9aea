"""Helpers shared by the game's Pilot, snapshot and end-to-end tests.

Every app is built through `make_app`, the same factory the CLI uses, from the small fixture
world in `tests/fixtures/game_levels` (a "Limits" world with two short levels), with a fixed
seed and a data directory of the test's own.
"""

from __future__ import annotations

import asyncio
import functools
import html
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

from calcquest.levels import Catalog, instantiate, load_catalog
from calcquest.progress import ProgressStore
from calcquest.ui.app import CalcquestApp, make_app
from calcquest.ui.grading import start_process_helpers
from calcquest.ui.widgets.question_panel import QuestionPanel

REPO = Path(__file__).resolve().parent.parent
FIXTURE_LEVELS = Path(__file__).resolve().parent / "fixtures" / "game_levels"
SEED = 7
SIZE = (80, 24)


def pilot_test(test):
    """Run an async test function in its own event loop (no pytest-asyncio needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def fixture_catalog() -> Catalog:
    """The two fixture levels and nothing else."""
    return load_catalog([FIXTURE_LEVELS], builtin=False)


def game(data_dir: Path, **kwargs) -> CalcquestApp:
    """A fresh app over the fixture levels and the progress in `data_dir`."""
    store = ProgressStore.open(data_dir, **kwargs)
    return make_app(ready_for_grading(fixture_catalog()), store, seed=SEED)


def ready_for_grading(catalog):
    """Warm the shared grading pool before the first app runs, and pass `catalog` on.

    A game warms it in the background, which is right for one game per process. Tests run
    many short apps in one process over the same pool, and a warm-up outliving its app
    raced the next one: it could start multiprocessing's resource tracker while the next app
    held stderr ("bad value(s) in fds_to_keep"), or take the worker's one "ready" message
    while the next app's warm-up waited a minute for it (its first answer then stuck on
    "checking…" or "took too long"). Warmed once here, each app's warm-up finds it ready."""
    global _pool_warm
    if not _pool_warm:
        from calcquest.grading.pool import default_pool

        start_process_helpers()  # before Textual holds stderr: see its docstring
        default_pool().warm()
        _pool_warm = True
    return catalog


_pool_warm = False


def right_answer(level_id: str, index: int, seed: int = SEED) -> str:
    """The expected answer of a fixture question as drawn with `seed`."""
    level = fixture_catalog().level(level_id)
    return str(instantiate(level, index, seed).spec.expected)


def param(level_id: str, index: int, name: str, seed: int = SEED) -> object:
    """A random parameter of a fixture question as drawn with `seed`."""
    level = fixture_catalog().level(level_id)
    return instantiate(level, index, seed).params[name]


async def settle(pilot, limit: float = 30.0) -> None:
    """Wait until no answer is being checked (the first check starts the grading pool)."""
    deadline = time.monotonic() + limit
    await pilot.pause()
    while time.monotonic() < deadline:
        panels = pilot.app.screen.query(QuestionPanel)
        if not any(panel.busy for panel in panels):
            break
        await pilot.pause(0.05)
    await pilot.pause()


async def answer(pilot, text: str) -> None:
    """Clear the answer box, type `text`, press Enter and wait for the verdict.

    ctrl+u runs as a binding once the key has bubbled up, so the typing waits for it."""
    await pilot.press("ctrl+u")
    await pilot.pause()
    await pilot.press(*text, "enter")
    await settle(pilot)


def visible_text(app) -> str:
    """The screen exactly as a player sees it now, one line per terminal row.

    Read back from Textual's own screenshot (an SVG of the terminal), so text scrolled out
    of view or clipped by a too-small box is absent, unlike `screen_text`."""
    rows: dict[int, dict[int, str]] = {}
    for match in _SVG_TEXT.finditer(app.export_screenshot()):
        column = round(float(match["x"]) / _CELL_WIDTH)
        rows.setdefault(int(match["row"]), {})[column] = html.unescape(match["text"])
    lines = []
    for row in range(max(rows, default=-1) + 1):
        line = ""
        for column, text in sorted(rows.get(row, {}).items()):
            line = line.ljust(column) + text
        lines.append(line.replace("\xa0", " ").rstrip())
    return "\n".join(lines)


#: One run of text in Textual's SVG screenshot: its x position and terminal row.
_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="(?P<x>[\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#terminal-(?:\d+-)?line-(?P<row>\d+)\)">(?P<text>[^<]*)</text>'
)
#: The width of one terminal cell in that SVG.
_CELL_WIDTH = 12.2


def screen_text(app) -> str:
    """Everything the screen's Static widgets show, as plain text, for assertions."""
    from textual.widgets import Static

    parts = []
    for widget in app.screen.query(Static):
        if widget.display:
            parts.append(str(widget.render()))
    return "\n".join(parts)


class Tmux:
    """A real terminal: the game in a detached tmux session of its own (own server socket)."""

    def __init__(self, name: str, width: int = 80, height: int = 24) -> None:
        self.socket = f"calcquest-test-{name}-{os.getpid()}"
        self.name = name
        self.size = (width, height)

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def start(self, command: str, env: dict[str, str]) -> None:
        """Run `command` (a shell line) in an 80x24 session; the pane stays after it exits."""
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        # -u: a COLUMNS/LINES inherited from the test runner would hide the pane's real size
        line = (
            f"cd {shlex.quote(str(REPO))} && env -u COLUMNS -u LINES {exports} {command};"
            " echo EXITED $?; sleep 600"
        )
        width, height = self.size
        subprocess.run(
            [
                "tmux",
                "-L",
                self.socket,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                line,
            ],
            check=True,
        )

    def screen(self) -> str:
        """The visible pane, as text."""
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def scrollback(self) -> str:
        """Everything the pane has shown, including lines scrolled off the top."""
        return self._tmux("capture-pane", "-p", "-J", "-S", "-", "-t", self.name)

    def wait_for(self, text: str, limit: float = 90.0) -> str:
        """Wait until `text` is on screen; fail with the screen when it never comes."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """Send tmux key names (Enter, C-q, BSpace...)."""
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Type literal text."""
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def answer(self, text: str) -> None:
        """Clear the answer box, type `text`, wait until its reading shows, press Enter."""
        self.keys("C-u")
        self.type(text)
        self.wait_for("reads as")
        self.keys("Enter")

    def close(self) -> None:
        """Kill the session and its server."""
        self._tmux("kill-server")


def game_command(data_dir: Path, *extra: str) -> tuple[str, dict[str, str]]:
    """The real `calcquest` command line over the fixture levels, and its environment."""
    exe = shutil.which("calcquest")
    program = shlex.quote(exe) if exe else f"{shlex.quote(sys.executable)} -m calcquest"
    args = ["--levels", str(FIXTURE_LEVELS), "--no-builtin", "--seed", str(SEED), *extra]
    env = {"CALCQUEST_DATA_DIR": str(data_dir), "TERM": "xterm-256color"}
    return f"{program} {' '.join(shlex.quote(a) for a in args)}", env
