"""Helpers for the `calcquest serve` end-to-end tests (this module holds no tests).

`Server` runs `python -m calcquest serve --port 0` in its own data directory; `Terminals`
gives players real 80x24 terminals (one tmux server, one session per player) running the
OpenSSH client with keys made by `ssh-keygen`. `STAND_IN` is a tiny program some tests run
instead of the game (`--game-command`) to see exactly what a game process receives: its
terminal, size, environment and signals. `GAME_LEVELS` is a two-question level the real game
serves (`--levels DIR --no-builtin`), so the tests do not depend on the curriculum.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from benchmarks.proc import descendants_of

NEEDS_SSH_AND_TMUX = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("ssh", "ssh-keygen", "tmux")),
    reason="needs the OpenSSH client (ssh, ssh-keygen) and tmux",
)

GAME_LEVELS = {
    "world.yaml": """\
id: practice
title: Practice
order: 1
blurb: A world for testing calcquest serve.
""",
    "01-sums.yaml": """\
id: serve-sums
title: Two sums
world: practice
lesson: |
  Add the two numbers.
questions:
  - id: first
    prompt: "What is 2 + 3?"
    answer: {kind: numeric, expected: "5"}
    hints: ["Count on from 2."]
  - id: second
    prompt: "What is 4 + 4?"
    answer: {kind: numeric, expected: "8"}
    hints: ["Double 4."]
""",
}


def write_levels(directory: Path) -> Path:
    """The test world and level as YAML files in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in GAME_LEVELS.items():
        (directory / name).write_text(text)
    return directory


def write_stand_in(directory: Path) -> Path:
    """The stand-in game as a script in `directory`."""
    path = directory / "stand_in.py"
    path.write_text(STAND_IN)
    return path


STAND_IN = r"""
import os, signal, sys, termios, tty
name, data_dir = sys.argv[1], sys.argv[2]
store = os.path.join(data_dir, f"standin-{name}.txt")
def show(text):
    os.write(1, (text + "\r\n").encode())
def size(*_):
    cols, rows = os.get_terminal_size(1)
    show(f"size {cols}x{rows}")
signal.signal(signal.SIGWINCH, size)
if name.startswith("stubborn"):  # a game that ignores hangups must be killed
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
tty.setraw(0)
os.write(1, b"\x1b[?7l")  # line wrapping off, as Textual does; a server that ends us undoes it
count = len(open(store).read().split()) if os.path.exists(store) else 0
show(f"hello {name}; answered {count}; TERM={os.environ.get('TERM')}")
show(f"NO_COLOR={os.environ.get('NO_COLOR')} LD_PRELOAD={os.environ.get('LD_PRELOAD')}")
size()
line = b""
while True:
    data = os.read(0, 1024)
    if not data:
        break
    for byte in data:
        char = bytes([byte])
        if char == b"\r":
            answer = line.decode()
            line = b""
            if answer == "quit":
                show("bye")
                sys.exit(0)
            correct = answer == "2x"
            with open(store, "a") as handle:
                handle.write(("right" if correct else "wrong") + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            show("graded: correct" if correct else "graded: wrong")
        else:
            line += char
            os.write(1, char)
"""

SSH_OPTIONS = [
    "-F", "/dev/null",
    "-o", "StrictHostKeyChecking=no",
    "-o", "UserKnownHostsFile=/dev/null",
    "-o", "IdentitiesOnly=yes",
    "-o", "BatchMode=yes",
    "-o", "LogLevel=ERROR",
]  # fmt: skip


class Server:
    """A `calcquest serve` subprocess on a free port, with its log."""

    def __init__(self, data_dir: Path, log: Path, *options: str, stand_in: Path | None = None):
        self.data_dir = data_dir
        self.log = log
        command = [sys.executable, "-m", "calcquest", "serve", "--port", "0"]
        command += ["--data-dir", str(data_dir), *options]
        if stand_in is not None:
            command += ["--game-command", f"{sys.executable} {stand_in} {{player}} {{data_dir}}"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=log.open("w"), text=True
        )
        self.port = self._read_port()

    def _read_port(self) -> int:
        port = None
        for line in self.process.stdout:
            if found := re.search(r"listening on \S+:(\d+)", line):
                port = int(found.group(1))
            if found := re.search(r"host key (\S+)", line):
                self.host_key = found.group(1)
            if "players connect with" in line and port is not None:
                return port
        raise AssertionError(f"server did not start:\n{self.log.read_text()}")

    def ssh(self, key: Path, user: str, *args: str) -> list[str]:
        """The ssh command line for `user` with `key` (add "-tt" etc. in args)."""
        return [
            "ssh",
            *SSH_OPTIONS,
            "-i",
            str(key),
            "-p",
            str(self.port),
            *args,
            f"{user}@127.0.0.1",
        ]

    def run_ssh(self, key: Path, user: str, *args: str, command: list[str] = (), env=None):
        """Run a non-interactive ssh to completion (`env`: the client's environment)."""
        argv = self.ssh(key, user, *args) + list(command)
        return subprocess.run(
            argv, capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL, env=env
        )

    def wait_for_log(self, pattern: str, timeout: float = 15) -> str:
        """Wait until a log line matches `pattern`; return that line."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.log.read_text().splitlines():
                if re.search(pattern, line):
                    return line
            time.sleep(0.1)
        raise AssertionError(f"no log line matching {pattern!r}:\n{self.log.read_text()}")

    def descendants(self) -> list[int]:
        """Every live process below the server (its games, a zygote if any), leaving out the
        host's one grading service, which lives as long as the server."""
        return [pid for pid in descendants_of(self.process.pid) if not _is_grading_service(pid)]

    def stop(self) -> None:
        """SIGTERM, as a host's Ctrl-C or service manager would."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _is_grading_service(pid: int) -> bool:
    """The service and its workers are multiprocessing children (spawn or forkserver)."""
    try:
        return b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


class Terminals:
    """Real 80x24 terminals: one tmux server, one window per player."""

    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="cq-tmux-")
        config = Path(self._dir) / "tmux.conf"
        config.write_text("set -g remain-on-exit on\n")
        self._base = ["tmux", "-S", f"{self._dir}/sock", "-f", str(config)]

    def open(self, name: str, argv: list[str], width: int = 80, height: int = 24) -> str:
        """Run `argv` in a new tmux session called `name`."""
        command = " ".join(_quote(word) for word in argv)
        self._tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command)
        return name

    def screen(self, name: str, history: bool = True) -> str:
        """The text of `name`'s terminal (with `history`, scrolled-off lines too)."""
        since = ["-S", "-"] if history else []
        return self._tmux("capture-pane", "-p", "-J", *since, "-t", name).stdout

    def wait_for(self, name: str, text: str, timeout: float = 20, history: bool = True) -> str:
        """Wait until `text` is on `name`'s screen; return the screen.

        `history=False` looks at the visible screen only (a full-screen game redraws it).
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen(name, history)
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on {name}'s screen:\n{self.screen(name)}")

    def keys(self, name: str, *keys: str) -> None:
        """Press named keys (tmux names: Enter, Escape, C-c, ...) in `name`'s terminal."""
        self._tmux("send-keys", "-t", name, *keys)

    def type(self, name: str, text: str, enter: bool = True) -> None:
        """Type `text` (and Enter) into `name`'s terminal."""
        self._tmux("send-keys", "-t", name, "-l", text)
        if enter:
            self._tmux("send-keys", "-t", name, "Enter")

    def resize(self, name: str, width: int, height: int) -> None:
        """Resize `name`'s window (the client sends a window-change)."""
        self._tmux("resize-window", "-t", name, "-x", str(width), "-y", str(height))

    def client_pid(self, name: str) -> int:
        """The pid of the ssh client running in `name`."""
        return int(self._tmux("display-message", "-p", "-t", name, "#{pane_pid}").stdout)

    def close(self) -> None:
        """Stop the tmux server and every client in it."""
        self._tmux("kill-server")
        shutil.rmtree(self._dir, ignore_errors=True)

    def _tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self._base, *args], capture_output=True, text=True, timeout=10)


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


def make_key(directory: Path, name: str) -> Path:
    """An Ed25519 key pair made by ssh-keygen, as a player would."""
    path = directory / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True
    )
    return path
