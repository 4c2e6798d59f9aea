"""`calcquest serve` end to end: the real OpenSSH client, in tmux, against the real server.

The server runs as `python -m calcquest serve --port 0` in its own data directory; players
are `ssh -tt` clients with keys made by `ssh-keygen`, each in a tmux pane of 80x24 so the game
sees a real terminal. Until the game itself lands, sessions run a small stand-in program
(`--game-command`) that greets the player, echoes keys, reports window sizes and keeps
answers in the data directory the way the game keeps progress.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.xdist_group("serve"),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("ssh", "ssh-keygen", "tmux")),
        reason="needs the OpenSSH client (ssh, ssh-keygen) and tmux",
    ),
]

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

    def run_ssh(self, key: Path, user: str, *args: str, command: list[str] = ()):
        """Run a non-interactive ssh to completion."""
        argv = self.ssh(key, user, *args) + list(command)
        return subprocess.run(
            argv, capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL
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
        """Every live process below the server (its games, a zygote if any)."""
        return descendants_of(self.process.pid)

    def stop(self) -> None:
        """SIGTERM, as a host's Ctrl-C or service manager would."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def descendants_of(root: int) -> list[int]:
    """Pids whose parent chain leads to `root`, read from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], {root}
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier}
        found += children
        frontier = children
    return sorted(found)


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

    def screen(self, name: str) -> str:
        """The text of `name`'s terminal, scrolled-off lines included."""
        return self._tmux("capture-pane", "-p", "-J", "-S", "-", "-t", name).stdout

    def wait_for(self, name: str, text: str, timeout: float = 20) -> str:
        """Wait until `text` is on `name`'s screen; return the screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen(name)
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on {name}'s screen:\n{self.screen(name)}")

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


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("serve")


@pytest.fixture(scope="module")
def keys(workdir) -> dict[str, Path]:
    return {name: make_key(workdir, name) for name in ("ana", "ben")}


@pytest.fixture(scope="module")
def stand_in(workdir) -> Path:
    path = workdir / "stand_in.py"
    path.write_text(STAND_IN)
    return path


@pytest.fixture(scope="module")
def server(workdir, stand_in):
    served = Server(workdir / "data", workdir / "server.log", stand_in=stand_in)
    yield served
    served.stop()


@pytest.fixture(scope="module")
def terminals():
    made = Terminals()
    yield made
    made.close()


def test_a_player_plays_and_progress_survives_a_reconnect(server, keys, terminals):
    first = terminals.open("ana1", server.ssh(keys["ana"], "ana", "-tt"))
    terminals.wait_for(first, "hello ana; answered 0; TERM=tmux")
    terminals.wait_for(first, "size 80x24")
    terminals.type(first, "2x")
    terminals.wait_for(first, "graded: correct")
    terminals.type(first, "quit")
    terminals.wait_for(first, "bye")
    line = server.wait_for_log(r"session-end player=ana reason=quit")
    fields = dict(part.split("=", 1) for part in line.split("session-end ", 1)[1].split())
    assert int(fields["bytes_out"]) > len("hello ana")
    assert int(fields["bytes_in"]) == len("2x\rquit\r")

    again = terminals.open("ana2", server.ssh(keys["ana"], "ana", "-tt"))
    terminals.wait_for(again, "hello ana; answered 1")


def test_window_changes_and_colour_choice_reach_the_game(server, keys, terminals):
    wishes = ["-o", "SetEnv=NO_COLOR=1 LD_PRELOAD=/tmp/x.so"]
    name = terminals.open("resize", server.ssh(keys["ana"], "ana", "-tt", *wishes))
    terminals.wait_for(name, "NO_COLOR=1 LD_PRELOAD=None")
    terminals.wait_for(name, "size 80x24")
    terminals.resize(name, 100, 30)
    terminals.wait_for(name, "size 100x30")


def test_a_bound_name_refuses_another_key_which_can_play_under_another_name(
    server, keys, terminals
):
    terminals.wait_for(terminals.open("own", server.ssh(keys["ana"], "ana", "-tt")), "hello ana")
    thief = terminals.open("thief", server.ssh(keys["ben"], "ana", "-tt"))
    screen = terminals.wait_for(thief, "belongs to another key")
    assert "ana2@127.0.0.1" in screen
    assert "hello" not in screen

    other = terminals.open("ana2-name", server.ssh(keys["ben"], "ana2", "-tt"))
    terminals.wait_for(other, "hello ana2")


def test_commands_are_refused_and_never_run(server, keys, workdir):
    marker = workdir / "marker"
    result = server.run_ssh(keys["ana"], "ana", command=["touch", str(marker)])
    assert result.returncode != 0
    assert "calcquest runs no commands" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not marker.exists()

    result = server.run_ssh(keys["ana"], "ana", "-tt", command=["id"])
    assert "calcquest runs no commands" in result.stdout + result.stderr
    assert "uid=" not in result.stdout


def test_local_forwarding_is_refused(server, keys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        local_port = probe.getsockname()[1]
    forward = f"{local_port}:127.0.0.1:{server.port}"
    client = subprocess.Popen(server.ssh(keys["ana"], "ana", "-N", "-L", forward))
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                tunnel = socket.create_connection(("127.0.0.1", local_port), timeout=5)
                break
            except ConnectionRefusedError:
                assert time.monotonic() < deadline, "ssh never opened its local port"
                time.sleep(0.1)
        with tunnel:
            assert tunnel.recv(100) == b""  # an SSH server would greet: "SSH-2.0-..."
    finally:
        client.kill()
        client.wait()


def test_sftp_and_port_forwarding_are_refused(server, keys):
    sftp = server.run_ssh(keys["ana"], "ana", "-s", command=["sftp"])
    assert sftp.returncode != 0
    remote = server.run_ssh(
        keys["ana"], "ana", "-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:22"
    )
    assert remote.returncode != 0
    assert "forwarding failed" in remote.stderr


def test_a_session_without_a_terminal_is_told_how_to_connect(server, keys):
    result = server.run_ssh(keys["ana"], "ana", "-T")
    assert result.returncode != 0
    assert (
        result.stderr.strip()
        == f"calcquest needs a terminal: ssh -t ana@127.0.0.1 -p {server.port}"
    )


def test_an_impossible_name_gets_a_valid_suggestion(server, keys):
    result = server.run_ssh(keys["ana"], "Ana.B", "-T")
    assert "'Ana.B' cannot be a player name" in result.stderr
    assert "ssh -t anab@127.0.0.1" in result.stderr


def test_ten_players_play_at_once(server, workdir, terminals):
    players = [f"p{number}" for number in range(10)]
    for player in players:
        key = make_key(workdir, f"key-{player}")
        terminals.open(player, server.ssh(key, player, "-tt"))
    for player in players:
        terminals.wait_for(player, f"hello {player}")
        terminals.type(player, "2x")
    for player in players:
        terminals.wait_for(player, "graded: correct")
        assert (server.data_dir / f"standin-{player}.txt").read_text() == "right\n"


def test_a_killed_client_leaves_no_game_process_behind(server, keys, terminals):
    before = set(server.descendants())
    name = terminals.open("killed", server.ssh(keys["ana"], "ana", "-tt"))
    terminals.wait_for(name, "hello ana")
    terminals.type(name, "2x")
    terminals.wait_for(name, "graded: correct")
    games = set(server.descendants()) - before
    assert games, "the game should run below the server"

    os.kill(terminals.client_pid(name), signal.SIGKILL)
    server.wait_for_log(r"session-end player=ana reason=disconnected")
    deadline = time.monotonic() + 10
    while set(server.descendants()) & games and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not set(server.descendants()) & games
    assert "right" in (server.data_dir / "standin-ana.txt").read_text()


def test_limits_full_server_and_idle_players(workdir, keys, stand_in, terminals):
    limited = Server(
        workdir / "limited",
        workdir / "limited.log",
        "--max-sessions", "1",
        "--idle-timeout", "2",
        stand_in=stand_in,
    )  # fmt: skip
    try:
        first = terminals.open("first", limited.ssh(keys["ana"], "ana", "-tt"))
        terminals.wait_for(first, "hello ana")
        extra = limited.run_ssh(keys["ben"], "ben", "-tt")
        assert "calcquest is full: 1 players" in extra.stdout + extra.stderr
        screen = terminals.wait_for(first, "no input for 2 seconds", timeout=15)
        assert "progress is saved" in screen
        limited.wait_for_log(r"session-end player=ana reason=idle")
        assert not limited.descendants()
    finally:
        limited.stop()


def test_the_host_key_is_kept_private_and_reused(server, workdir):
    key = server.data_dir / "ssh_host_ed25519_key"
    assert key.stat().st_mode & 0o777 == 0o600
    again = Server(server.data_dir, workdir / "again.log")
    again.stop()
    assert again.host_key == server.host_key.strip()


def test_the_warm_zygote_forks_calcquest_itself(workdir, keys):
    """In-process server with the default (warm) launcher: a forked child runs calcquest."""
    import asyncio

    from calcquest.serve import ServeConfig, start_server

    async def play() -> tuple[str, list]:
        config = ServeConfig(data_dir=workdir / "warm", port=0, game_options=("--version",))
        running = await start_server(config)
        try:
            argv = ["ssh", *SSH_OPTIONS, "-tt", "-C", "-i", str(keys["ana"])]
            argv += ["-p", str(running.port)]
            client = await asyncio.create_subprocess_exec(
                *argv, "ana@127.0.0.1", stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
            output, _ = await asyncio.wait_for(client.communicate(), 30)
            await asyncio.sleep(0.2)  # let the session's bookkeeping finish
            return output.decode(errors="replace"), running.session_stats()
        finally:
            await running.close()

    output, stats = asyncio.run(play())
    assert "calcquest 0.1.0" in output
    assert [(s.player, s.reason) for s in stats] == [("ana", "quit")]
    assert stats[0].bytes_out >= len("calcquest 0.1.0")
    assert stats[0].compression == "zlib@openssh.com"  # asked for with ssh -C


def test_stopping_the_server_ends_every_game_and_tells_the_players(
    workdir, keys, stand_in, terminals
):
    stopping = Server(workdir / "stopping", workdir / "stopping.log", stand_in=stand_in)
    name = terminals.open("stopping", stopping.ssh(keys["ana"], "ana", "-tt"))
    terminals.wait_for(name, "hello ana")
    games = stopping.descendants()
    assert games
    stopping.stop()
    assert stopping.process.returncode == 0
    terminals.wait_for(name, "the server is shutting down; your progress is saved")
    assert "reason=shutdown" in stopping.log.read_text()
    assert not [pid for pid in games if Path(f"/proc/{pid}").exists()]


def test_a_game_that_ignores_hangups_is_killed_even_as_the_server_stops(
    workdir, keys, stand_in, terminals
):
    stopping = Server(workdir / "stubborn", workdir / "stubborn.log", stand_in=stand_in)
    name = terminals.open("stubborn", stopping.ssh(keys["ana"], "stubborn", "-tt"))
    terminals.wait_for(name, "hello stubborn")
    games = stopping.descendants()
    os.kill(terminals.client_pid(name), signal.SIGKILL)
    time.sleep(0.3)  # usually the server notices first; either way the game must end
    stopping.stop()  # while the game is still being stopped (it ignores SIGHUP)
    log = stopping.log.read_text()
    assert re.search(r"session-end player=stubborn reason=(disconnected|shutdown)", log)
    assert not [pid for pid in games if Path(f"/proc/{pid}").exists()]
