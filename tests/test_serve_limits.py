"""`calcquest serve` under its limits: full server, idle players, shutdown, stubborn games.

Like the access tests these run the stand-in program instead of the game, one server per
test with the limits it needs.
"""

from __future__ import annotations

import os
import re
import signal
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

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("serve-limits"), NEEDS_SSH_AND_TMUX]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("serve-limits")


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
        # The whole line, wrapped: the game had turned wrapping off and the server undid it.
        assert "your progress is saved, reconnect to continue" in screen
        limited.wait_for_log(r"session-end player=ana reason=idle")
        assert not limited.descendants()
    finally:
        limited.stop()


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
