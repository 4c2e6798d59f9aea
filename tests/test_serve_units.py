"""The parts of `calcquest serve` that need no SSH client: names, keys, admission, ptys."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from calcquest.errors import CalcquestError
from calcquest.serve import messages
from calcquest.serve.config import ServeConfig
from calcquest.serve.hostkey import HOST_KEY_FILE, load_or_create_host_key
from calcquest.serve.hub import Hub, Visitor
from calcquest.serve.launcher import (
    ExecLauncher,
    GameRequest,
    argv_from_template,
    game_env,
)
from calcquest.serve.names import is_valid_player_name, suggest_free_name, tidy_name
from calcquest.serve.pty_process import open_pty, spawn_in_pty
from calcquest.serve.registry import REGISTRY_FILE, KeyRegistry
from calcquest.serve.relay import InputFeeder, OutputPump
from calcquest.serve.stats import SessionStats, parse_log_line

WHERE = messages.Where("127.0.0.1", 2222)


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("ana", True),
        ("ana_b-2", True),
        ("7", True),
        ("a" * 32, True),
        ("a" * 33, False),
        ("Ana", False),
        ("-rf", False),
        ("_x", False),
        ("ana.b", False),
        ("", False),
        ("ana b", False),
        ("änä", False),
    ],
)
def test_player_names(name, valid):
    assert is_valid_player_name(name) is valid


def test_suggestions_are_valid_and_free():
    taken = {"ana", "ana2", "ana3"}
    assert suggest_free_name("ana", taken.__contains__) == "ana4"
    assert tidy_name("Ana.B!") == "anab"
    long = suggest_free_name("x" * 32, lambda name: False)
    assert is_valid_player_name(long) and long.endswith("2")


def test_registry_binds_a_name_to_the_first_key_only(tmp_path):
    registry = KeyRegistry(tmp_path)
    first = registry.claim("ana", "SHA256:aaa", "ssh-ed25519 AAAA ana")
    assert first.allowed and first.first_visit
    again = registry.claim("ana", "SHA256:aaa", "ssh-ed25519 AAAA ana")
    assert again.allowed and not again.first_visit
    other = registry.claim("ana", "SHA256:bbb", "ssh-ed25519 BBBB ben")
    assert not other.allowed and other.owner_fingerprint == "SHA256:aaa"
    files = sorted(tmp_path.glob(f"{REGISTRY_FILE}*"))  # the database, its -wal and -shm
    assert [path.stat().st_mode & 0o777 for path in files] == [0o600] * 3


def test_registry_is_shared_through_the_file_and_names_can_be_released(tmp_path):
    KeyRegistry(tmp_path).claim("ana", "SHA256:aaa", "key")
    second = KeyRegistry(tmp_path)
    assert not second.claim("ana", "SHA256:bbb", "key").allowed
    assert [binding.name for binding in second.bindings()] == ["ana"]
    assert second.release("ana")
    assert not second.release("ana")
    assert second.claim("ana", "SHA256:bbb", "key").allowed


def test_a_damaged_registry_stops_the_server_instead_of_freeing_every_name(tmp_path):
    (tmp_path / REGISTRY_FILE).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CalcquestError) as caught:
        KeyRegistry(tmp_path)
    assert REGISTRY_FILE in caught.value.message
    assert "claimed again" in caught.value.hint


def test_host_key_is_created_private_and_then_reused(tmp_path):
    first = load_or_create_host_key(tmp_path)
    assert (tmp_path / HOST_KEY_FILE).stat().st_mode & 0o777 == 0o600
    again = load_or_create_host_key(tmp_path)
    assert again.get_fingerprint() == first.get_fingerprint()


def test_a_server_makes_its_data_directory_private_and_keeps_its_host_key(tmp_path):
    """Players' ssh remembers the host key: a restart must present the same one."""
    from calcquest.serve import start_server

    async def fingerprint_of_a_start() -> str:
        running = await start_server(ServeConfig(data_dir=tmp_path / "data", port=0, warm=False))
        await running.close()
        return running.host_key_fingerprint

    first, again = asyncio.run(fingerprint_of_a_start()), asyncio.run(fingerprint_of_a_start())
    assert again == first == load_or_create_host_key(tmp_path / "data").get_fingerprint("sha256")
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "data" / HOST_KEY_FILE).stat().st_mode & 0o777 == 0o600


def test_an_unreadable_host_key_is_reported(tmp_path):
    (tmp_path / HOST_KEY_FILE).write_text("garbage")
    with pytest.raises(CalcquestError, match="Host key unreadable"):
        load_or_create_host_key(tmp_path)


def test_suggested_commands_can_be_pasted():
    assert messages.Where("example.org", 22).ssh("ana") == "ssh -t ana@example.org"
    assert messages.Where("::1", 2222).ssh("ana") == "ssh -t ana@[::1] -p 2222"
    assert "15 minutes" in messages.idle_ended(900)
    assert "2 seconds" in messages.idle_ended(2)


def test_session_log_lines_parse_back():
    stats = SessionStats("ana", bytes_out=1200, bytes_in=7)
    stats.end("quit", wire_bytes_out=300)
    fields = parse_log_line("12:00 " + stats.log_line() + " active=0")
    assert fields["player"] == "ana"
    assert fields["bytes_out"] == "1200"
    assert fields["wire_bytes_out"] == "300"
    assert fields["reason"] == "quit"
    assert parse_log_line("session-start player=ana") is None


def test_the_game_environment_takes_only_what_is_safe_from_the_client():
    request = GameRequest(
        player="ana",
        data_dir=Path("/d"),
        term="xterm-256color",
        client_env={"NO_COLOR": "1", "LD_PRELOAD": "/tmp/evil.so", "COLORTERM": "$(id)"},
    )
    env = game_env(request, base={"PATH": "/bin", "SSH_AUTH_SOCK": "/s", "NO_COLOR": "1"})
    assert env == {"PATH": "/bin", "TERM": "xterm-256color", "NO_COLOR": "1"}
    hostile = GameRequest(player="ana", data_dir=Path("/d"), term="xterm;rm -rf /")
    assert game_env(hostile, base={})["TERM"] == "xterm-256color"
    assert game_env(GameRequest(player="a", data_dir=Path("/d"), term=""), base={})["TERM"]


def test_a_game_command_template_fills_in_player_and_data_dir():
    build = argv_from_template("firejail --quiet calcquest --player {player} --data-dir {data_dir}")
    assert build("ana", Path("/srv/cq")) == [
        "firejail", "--quiet", "calcquest", "--player", "ana", "--data-dir", "/srv/cq",
    ]  # fmt: skip


# -- admission --------------------------------------------------------------------------


class _NoLauncher:
    async def start(self, request):
        raise AssertionError("admission tests start no games")

    def close(self):
        pass


def _hub(tmp_path, max_sessions=5) -> Hub:
    config = ServeConfig(data_dir=tmp_path, max_sessions=max_sessions)
    return Hub(config, KeyRegistry(tmp_path), _NoLauncher())


def _visitor(name="ana", key="SHA256:aaa") -> Visitor:
    return Visitor(name=name, fingerprint=key, public_key="k", where=WHERE, peer="p")


def test_admission_refuses_commands_first_and_binds_nothing_for_refused_sessions(tmp_path):
    hub = _hub(tmp_path)
    assert "runs no commands" in hub.admit(_visitor(), has_pty=True, command="id")
    assert "needs a terminal" in hub.admit(_visitor(), has_pty=False, command=None)
    assert not hub.registry.is_taken("ana")
    assert hub.admit(_visitor(), has_pty=True, command=None) is None
    assert hub.registry.is_taken("ana")
    refusal = hub.admit(_visitor(key="SHA256:bbb"), has_pty=True, command=None)
    assert "the name 'ana' belongs to another key" in refusal
    assert "ssh -t ana2@127.0.0.1 -p 2222" in refusal


def test_admission_refuses_beyond_the_session_limit(tmp_path):
    hub = _hub(tmp_path, max_sessions=1)
    hub.active.add(object())
    assert "calcquest is full: 1 players" in hub.admit(_visitor(), has_pty=True, command=None)
    assert not hub.registry.is_taken("ana")


# -- ptys and relays ------------------------------------------------------------------------

PROBE = r"""
import os, signal, sys, time
signal.signal(signal.SIGHUP, signal.SIG_IGN)
signal.signal(signal.SIGWINCH, lambda *a: print("size", *os.get_terminal_size(0), flush=True))
child = os.fork()
if child == 0:
    time.sleep(60)
    os._exit(0)
print("probe", os.ttyname(0), os.getsid(0) == os.getpid(), child, flush=True)
time.sleep(60)
"""


async def _read_until(fd: int, text: bytes, timeout: float = 10) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while text not in seen:
        assert time.monotonic() < deadline, f"never saw {text!r}; got {seen!r}"
        try:
            seen += os.read(fd, 4096)
        except BlockingIOError:
            await asyncio.sleep(0.02)
    return seen


def test_a_game_owns_its_pty_gets_resizes_and_its_whole_group_is_ended(tmp_path):
    script = tmp_path / "probe.py"
    script.write_text(PROBE)

    async def scenario():
        game = spawn_in_pty([sys.executable, str(script)], dict(os.environ), 80, 24)
        seen = await _read_until(game.master_fd, b"\n")
        words = seen.decode().split()
        assert words[0] == "probe" and words[1].startswith("/dev/pts/") and words[2] == "True"
        grandchild = int(words[3])
        game.resize(100, 30)
        await _read_until(game.master_fd, b"size 100 30")
        await game.stop(grace=0.3)  # the probe ignores SIGHUP: SIGKILL must follow
        game.close()
        return grandchild

    grandchild = asyncio.run(scenario())
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_exec_launcher_passes_term_and_size(tmp_path):
    code = "import os; print(os.environ['TERM'], *os.get_terminal_size(0), flush=True)"

    async def scenario():
        launcher = ExecLauncher(lambda player, data_dir: [sys.executable, "-c", code])
        request = GameRequest(player="ana", data_dir=tmp_path, term="screen", cols=91, rows=33)
        game = await launcher.start(request)
        output = await _read_until(game.master_fd, b"33")
        status = await game.wait()
        game.close()
        return output, status

    output, status = asyncio.run(scenario())
    assert b"screen 91 33" in output
    assert status == 0


WARM_PROBE = """
import sys, threading
from calcquest.serve.zygote_child import calcquest_modules, preload
preload()
print([name for name in calcquest_modules() if name not in sys.modules])
print([name for name in ("plotext", "yaml", "markdown_it", "numpy.testing") if name not in sys.modules])
print(threading.active_count(), "asyncssh" in sys.modules)
"""


def test_the_warm_process_holds_the_whole_game_and_no_thread():
    """Whatever a forked game imports itself is private memory for every player (about 25 MB
    a player in a level when only the first frame's modules were preloaded)."""
    result = subprocess.run(
        [sys.executable, "-c", WARM_PROBE], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines() == ["[]", "[]", "1 False"], result.stderr


def test_output_is_relayed_in_order_and_bursts_are_coalesced():
    async def scenario():
        master, slave = open_pty(80, 24)
        os.set_blocking(master, False)
        sent: list[bytes] = []
        pump = OutputPump(master, sent.append, on_eof=lambda: None)
        pump.start()
        chunks = [f"<{number}>".encode() for number in range(200)]
        for chunk in chunks:
            os.write(slave, chunk)
        expected = b"".join(chunks)
        while b"".join(sent) != expected:
            await asyncio.sleep(0.02)
        pump.close()
        os.close(slave)
        os.close(master)
        return sent, pump.sends

    sent, sends = asyncio.run(scenario())
    assert sends == len(sent) < 200


def test_key_presses_reach_the_game_even_when_it_reads_slowly():
    async def scenario():
        master, slave = open_pty(80, 24)
        os.set_blocking(master, False)
        subprocess.run(["stty", "raw", "-echo"], stdin=slave, check=True)
        paused = []
        feeder = InputFeeder(master, lambda: paused.append(True), lambda: paused.append(False))
        data = bytes(range(32, 127)) * 2000  # more than a pty buffers
        feeder.feed(data)
        received = b""
        while len(received) < len(data):
            await asyncio.sleep(0.01)
            received += os.read(slave, 65536)
        feeder.close()
        os.close(slave)
        os.close(master)
        return data, received, paused

    data, received, paused = asyncio.run(scenario())
    assert received == data
    assert paused[0] is True and paused[-1] is False


# -- the command line ------------------------------------------------------------------------


def _calcquest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "calcquest", *args], capture_output=True, text=True, timeout=30
    )


def test_serve_help_names_every_option():
    help_text = _calcquest("serve", "--help").stdout
    for option in ("--host", "--port", "--data-dir", "--max-sessions", "--idle-timeout"):
        assert option in help_text


def test_hosts_can_list_and_release_player_names(tmp_path):
    KeyRegistry(tmp_path).claim("ana", "SHA256:aaa", "key")
    listing = _calcquest("serve", "--data-dir", str(tmp_path), "--list-players")
    assert listing.stdout.startswith("ana\tSHA256:aaa")
    released = _calcquest("serve", "--data-dir", str(tmp_path), "--release", "ana")
    assert "'ana' is free again" in released.stdout
    missing = _calcquest("serve", "--data-dir", str(tmp_path), "--release", "ana")
    assert missing.returncode == 1
    assert "no key owns the name 'ana'" in missing.stderr


@pytest.mark.parametrize(
    ("host", "warned", "players_use"),
    [
        ("127.0.0.1", False, "127.0.0.1"),
        ("127.0.0.2", False, "127.0.0.2"),
        ("::1", False, "[::1]"),
        ("localhost", False, "localhost"),
        ("0.0.0.0", True, "THIS-HOST"),
        ("::", True, "THIS-HOST"),
        ("10.20.0.5", True, "10.20.0.5"),
        ("classroom.example.org", True, "classroom.example.org"),
    ],
)
def test_listening_beyond_this_machine_prints_a_warning(tmp_path, host, warned, players_use):
    """The start-up lines a host reads (checked without listening anywhere but loopback)."""
    from calcquest.serve.server import _startup_lines

    class Listening:
        port = 2222
        host_key_fingerprint = "SHA256:abc"

    lines = _startup_lines(ServeConfig(data_dir=tmp_path, host=host), Listening())
    assert f"players connect with: ssh -t NAME@{players_use} -p 2222" in lines[2]
    assert any("warning: listening on" in line for line in lines) is warned


OPEN_FILES_PROBE = """
import resource
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
from calcquest.serve.capacity import raise_open_file_limit
print(raise_open_file_limit() == hard == resource.getrlimit(resource.RLIMIT_NOFILE)[0])
"""


def test_the_server_lifts_its_open_file_limit_for_hundreds_of_players():
    """Three descriptors a player: a soft limit of 1024 would stop a host at ~330 players."""
    result = subprocess.run(
        [sys.executable, "-c", OPEN_FILES_PROBE], capture_output=True, text=True, timeout=30
    )
    assert result.stdout.strip() == "True", result.stderr


def test_a_host_is_warned_when_the_open_file_limit_cannot_hold_max_sessions():
    from calcquest.serve.capacity import open_files_warning

    assert open_files_warning(20_000, 500) is None
    warning = open_files_warning(1024, 500)
    assert "only 1024 files, enough for about 320 players, not --max-sessions 500" in warning


def test_a_connection_that_opens_no_session_is_dropped(tmp_path):
    """`ssh -N` wants only tunnels, which are refused; it must not hold a connection outside
    every limit for as long as it likes."""
    import asyncssh

    from calcquest.serve import start_server

    async def scenario() -> None:
        config = ServeConfig(
            data_dir=tmp_path, port=0, login_timeout=2, game_command=argv_from_template("true")
        )
        running = await start_server(config)
        key = asyncssh.generate_private_key("ssh-ed25519")
        try:
            async with asyncssh.connect(
                "127.0.0.1", running.port, username="ana", client_keys=[key], known_hosts=None
            ) as conn:
                await asyncio.wait_for(conn.wait_closed(), 15)
        finally:
            await running.close()

    asyncio.run(scenario())


def test_a_busy_port_is_explained_without_a_traceback(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _calcquest("serve", "--cold", "--port", str(port), "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert f"could not listen on 127.0.0.1 port {port} (Address already in use)" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unusable_data_directory_is_explained(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = _calcquest("serve", "--cold", "--port", "0", "--data-dir", str(blocker / "data"))
    assert result.returncode == 1
    assert "Data directory unusable" in result.stderr
    assert "Traceback" not in result.stderr
