"""`calcquest serve` with the real game: players connect with OpenSSH from real terminals.

The server serves a small two-question test level (`--levels DIR --no-builtin`) with the
default warm launcher, so every game here is forked from the zygote. Players are `ssh -tt`
clients in tmux panes of 80x24; what they see is read back with `capture-pane`, and what the
game stored is read with the game's own `ProgressStore`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from test_serve_support import (
    NEEDS_SSH_AND_TMUX,
    SSH_OPTIONS,
    Server,
    Terminals,
    descendants_of,
    make_key,
    write_levels,
)

from calcquest.progress import ProgressStore

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("serve-game"), NEEDS_SSH_AND_TMUX]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("serve-game")


@pytest.fixture(scope="module")
def game_server(workdir):
    levels = write_levels(workdir / "levels")
    served = Server(
        workdir / "data", workdir / "server.log", "--levels", str(levels), "--no-builtin"
    )
    yield served
    served.stop()


@pytest.fixture(scope="module")
def terminals():
    made = Terminals()
    yield made
    made.close()


def _answer_first_question(terminals: Terminals, name: str, answer: str = "5") -> str:
    terminals.wait_for(name, "Two sums", timeout=60)
    terminals.keys(name, "Enter")  # on the map: open the level
    terminals.wait_for(name, "What is 2 + 3?", timeout=60)
    terminals.type(name, answer)
    return terminals.wait_for(name, "Correct" if answer == "5" else "Not quite", timeout=60)


def _attempts(server: Server, player: str) -> list[tuple[str, str, int]]:
    with ProgressStore.open(server.data_dir, player) as store:
        return [(a["question_id"], a["response"], a["correct"]) for a in store.attempts()]


def test_a_player_answers_quits_and_finds_their_progress_on_return(game_server, workdir, terminals):
    key = make_key(workdir, "ana")
    first = terminals.open("ana1", game_server.ssh(key, "ana", "-tt"))
    _answer_first_question(terminals, first)
    assert _attempts(game_server, "ana") == [("first", "5", 1)]

    terminals.keys(first, "Escape")
    terminals.wait_for(first, "Enter: play", history=False)  # back on the map
    terminals.keys(first, "q")
    line = game_server.wait_for_log(r"session-end player=ana reason=quit")
    fields = dict(part.split("=", 1) for part in line.split("session-end ", 1)[1].split())
    assert int(fields["bytes_out"]) > 1000  # a drawn screen, not a one-line message
    assert int(fields["bytes_in"]) >= len("\r5\r")

    again = terminals.open("ana2", game_server.ssh(key, "ana", "-tt"))
    terminals.wait_for(again, "Enter: play", history=False)
    terminals.keys(again, "Enter")
    terminals.wait_for(again, "Q 2/2")  # the answered question is not asked again
    terminals.wait_for(again, "What is 4 + 4?")


def test_ten_players_play_at_once(game_server, workdir, terminals):
    players = [f"p{number}" for number in range(10)]
    for player in players:
        terminals.open(player, game_server.ssh(make_key(workdir, player), player, "-tt"))
    for player in players:
        terminals.wait_for(player, "Two sums", timeout=60)
        terminals.keys(player, "Enter")
    for player in players:
        terminals.wait_for(player, "What is 2 + 3?", timeout=60)
        terminals.type(player, "5")
    for player in players:
        terminals.wait_for(player, "Correct", timeout=60)
        assert _attempts(game_server, player) == [("first", "5", 1)]


def test_a_dropped_connection_ends_the_game_and_everything_it_started(
    game_server, workdir, terminals
):
    # Everything below the server before anyone plays: the warm process, the grading service.
    zygote = set(descendants_of(game_server.process.pid))
    name = terminals.open("ben", game_server.ssh(make_key(workdir, "ben"), "ben", "-tt"))
    _answer_first_question(terminals, name, answer="7")
    started = set(descendants_of(game_server.process.pid)) - zygote
    assert started, "the game runs below the server"
    assert not [pid for pid in started if "forkserver" in _cmdline(pid)], (
        "games grade through the server's one grading service, not pools of their own"
    )

    os.kill(terminals.client_pid(name), signal.SIGKILL)
    game_server.wait_for_log(r"session-end player=ben reason=disconnected")
    deadline = time.monotonic() + 10
    while _still_running(started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _still_running(started)
    assert _attempts(game_server, "ben") == [("first", "7", 0)]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _still_running(pids: set[int]) -> list[int]:
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]


def test_the_warm_zygote_forks_calcquest_itself(workdir):
    """An in-process server with the default warm launcher and the session statistics API."""
    from calcquest.serve import ServeConfig, start_server

    key = make_key(workdir, "zed")

    async def connect_once() -> tuple[str, list]:
        config = ServeConfig(data_dir=workdir / "warm", port=0, game_options=("--version",))
        running = await start_server(config)
        try:
            argv = ["ssh", *SSH_OPTIONS, "-tt", "-C", "-i", str(key), "-p", str(running.port)]
            client = await asyncio.create_subprocess_exec(
                *argv, "zed@127.0.0.1", stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
            output, _ = await asyncio.wait_for(client.communicate(), 30)
            await asyncio.sleep(0.2)  # let the session's bookkeeping finish
            return output.decode(errors="replace"), running.session_stats()
        finally:
            await running.close()

    output, stats = asyncio.run(connect_once())
    assert "calcquest 0.1.0" in output
    assert [(s.player, s.reason) for s in stats] == [("zed", "quit")]
    assert stats[0].bytes_out >= len("calcquest 0.1.0")
    assert stats[0].compression == "zlib@openssh.com"  # asked for with ssh -C
