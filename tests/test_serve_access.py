"""Who may do what over `calcquest serve`: names and keys, refusals, what reaches the game.

These tests run a stand-in program instead of the game (`--game-command`): it prints what a
game process receives (its terminal type and size, the environment, each window change), so
the server's part can be checked exactly and quickly.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from test_serve_support import (
    NEEDS_SSH_AND_TMUX,
    Server,
    Terminals,
    make_key,
    write_stand_in,
)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("serve-access"), NEEDS_SSH_AND_TMUX]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("serve-access")


@pytest.fixture(scope="module")
def keys(workdir) -> dict[str, Path]:
    return {name: make_key(workdir, name) for name in ("ana", "ben")}


@pytest.fixture(scope="module")
def stand_in(workdir) -> Path:
    return write_stand_in(workdir)


@pytest.fixture(scope="module")
def terminals():
    made = Terminals()
    yield made
    made.close()


@pytest.fixture(scope="module")
def server(workdir, stand_in):
    served = Server(workdir / "data", workdir / "server.log", stand_in=stand_in)
    yield served
    served.stop()


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
    # -v: ssh prints a refused channel at its INFO level, below the shared LogLevel=ERROR.
    argv = server.ssh(keys["ana"], "ana", "-v", "-N", "-L", forward)
    client = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True)
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
        _, complaint = client.communicate()
    assert "administratively prohibited: calcquest forwards nothing" in complaint


def test_sftp_port_and_x11_forwarding_are_refused(server, keys):
    sftp = server.run_ssh(keys["ana"], "ana", "-s", command=["sftp"])
    assert sftp.returncode != 0
    remote = server.run_ssh(
        keys["ana"], "ana", "-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:22"
    )
    assert remote.returncode != 0
    assert "forwarding failed" in remote.stderr
    display = dict(os.environ, DISPLAY=":0")  # ssh asks for X11 only with a display to offer
    x11 = server.run_ssh(keys["ana"], "ana", "-T", "-X", env=display)
    assert "X11 forwarding request failed" in x11.stderr


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
