"""One grading service for many game processes: right verdicts, bounded waits, no wedging.

A real `GradingService` (its own process, a pool of two workers) serves a socket in a temp
folder. Its check is the real one, except that the answer "spin" never finishes (a stand-in
for a runaway SymPy call). Clients are threads, subprocesses that only set
`CALCQUEST_GRADING_SOCKET`, and raw sockets that send garbage or die mid-request. Bounds are
checked with wide margins: they prove the caller gets control back, not how fast.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from calcquest.errors import CalcquestError
from calcquest.grading import service_protocol as wire
from calcquest.grading.service import GradingService, bind_socket
from calcquest.grading.service_client import ServicePool
from calcquest.grading.service_loop import FairQueue, Job

pytestmark = pytest.mark.xdist_group("grading_service")

SPEC = {"kind": "expression", "expected": "2*x", "vars": ["x"]}
RETURNS_WITHIN = 15.0


def picky_check(spec, response):
    """The real check, except that "spin" never returns (a runaway check)."""
    if response == "spin":
        while True:
            pass
    from calcquest.grading.api import grade_here

    return grade_here(spec, response)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    path = tmp_path_factory.mktemp("gs") / "grading.sock"
    with GradingService(path, processes=2, check=picky_check) as running:
        yield running


def linear(k: int) -> dict:
    return {"kind": "expression", "expected": f"{k}*x", "vars": ["x"]}


def exchange(path, payload: bytes, *, half_close: bool = False) -> bytes:
    """Send raw bytes to the service and read everything it answers until it closes."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(RETURNS_WITHIN)
        sock.connect(str(path))
        sock.sendall(payload)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def reply_of(data: bytes) -> dict:
    length = wire.frame_length(data[: wire.HEADER.size])
    return wire.decode(data[wire.HEADER.size : wire.HEADER.size + length])


def test_the_socket_is_private_to_the_servers_user(service):
    mode = os.stat(service.socket_path).st_mode
    assert stat.S_ISSOCK(mode)
    assert stat.S_IMODE(mode) == 0o600


def test_many_threads_each_get_their_own_verdict(service):
    client = ServicePool(str(service.socket_path))

    def ask(k: int):
        return k, client.grade(linear(k), f"{k}x", timeout=5.0), client.grade(linear(k), "x")

    with ThreadPoolExecutor(24) as threads:
        answers = list(threads.map(ask, range(2, 26)))
    for k, right, wrong in answers:
        assert right.correct and right.counted and right.interpreted == f"{k}*x"
        assert wrong.counted and not wrong.correct
    assert client.fallback_reason is None and client.pids() == []


ENV_CLIENT = r"""
import json, os
import multiprocessing.forkserver as forkserver
from calcquest.grading import grade
from calcquest.grading.pool import default_pool

pool = default_pool().warm()
spec = lambda k: {"kind": "expression", "expected": f"{k}*x", "vars": ["x"]}
results = [grade(spec(k), f"{k}x", timeout=5.0).correct for k in range(2, 6)]
results.append(grade({"kind": "numeric", "expected": "1/3"}, "0.3", timeout=5.0).correct)
results.append(grade(spec(2), "2x(", timeout=5.0).counted)
children = []
for task in os.listdir("/proc/self/task"):
    with open(f"/proc/self/task/{task}/children") as listing:
        children += listing.read().split()
print(json.dumps({"pool": type(pool).__name__, "results": results, "children": children,
                  "forkserver": forkserver._forkserver._forkserver_pid,
                  "fallback": pool.fallback_reason}))
"""


def test_game_processes_with_the_variable_grade_through_the_service(service):
    env = {**os.environ, **service.environ()}
    games = [
        subprocess.Popen([sys.executable, "-c", ENV_CLIENT], env=env, stdout=subprocess.PIPE)
        for _ in range(3)
    ]
    for game in games:
        out, _ = game.communicate(timeout=60)
        report = json.loads(out)
        assert report["results"] == [True, True, True, True, False, False]
        assert report["pool"] == "ServicePool" and report["fallback"] is None
        assert report["forkserver"] is None and report["children"] == []  # no local pool


def test_a_runaway_check_times_out_for_its_client_only(service):
    client = ServicePool(str(service.socket_path))
    runaway: list = []
    spinner = threading.Thread(target=lambda: runaway.append(client.grade(SPEC, "spin", 3.0)))
    spinner.start()
    others = [client.grade(linear(k), f"{k}x", timeout=5.0) for k in range(2, 7)]
    assert spinner.is_alive()  # everyone else was answered while the runaway still ran
    assert all(verdict.correct for verdict in others)
    spinner.join(RETURNS_WITHIN)
    (verdict,) = runaway
    assert not verdict.counted and "too long" in verdict.error
    assert client.grade(SPEC, "2x", timeout=5.0).correct  # and the service goes on


KILLED_CLIENT = r"""
import socket, sys
from calcquest.grading import service_protocol as wire
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.connect(sys.argv[1])
spec = {"kind": "expression", "expected": "2*x", "vars": ["x"]}
wire.send_frame(sock, {"op": "grade", "spec": spec, "response": sys.argv[2], "timeout": 2.0})
print("sent", flush=True)
sock.recv(1)
"""


@pytest.mark.parametrize("response", ["spin", "2x"])
def test_a_client_killed_mid_request_leaves_the_service_healthy(service, response):
    pid = service.pid
    game = subprocess.Popen(
        [sys.executable, "-c", KILLED_CLIENT, str(service.socket_path), response],
        stdout=subprocess.PIPE,
    )
    assert game.stdout.readline().strip() == b"sent"
    game.send_signal(signal.SIGKILL)
    game.wait()
    client = ServicePool(str(service.socket_path))
    assert client.grade(SPEC, "2x", timeout=5.0).correct
    if response == "spin":
        time.sleep(2.5)  # the abandoned runaway reaches its limit; its worker is replaced
    with ThreadPoolExecutor(4) as threads:
        verdicts = list(threads.map(lambda k: client.grade(linear(k), f"{k}x", 5.0), range(4)))
    assert all(verdict.correct for verdict in verdicts)
    assert service.pid == pid


GARBAGE = [
    b"\x00\x00\x00\x05hello",  # not JSON
    b"\x00\x00\x00\x03[1]",  # JSON, not an object
    b"\xff\xff\xff\xffxx",  # announces 4 GB
    b"\x00\x00\x00\x04\xc3\x28\xa0\xa1",  # not UTF-8
    b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x94.",  # a pickle
    wire.encode({"op": "format the disk"}),
    wire.encode({"op": "grade", "spec": SPEC, "response": 42}),
]


@pytest.mark.parametrize("payload", GARBAGE)
def test_garbage_on_the_socket_gets_an_error_reply(service, payload):
    reply = reply_of(exchange(service.socket_path, payload))
    assert reply["ok"] is False and reply["error"]
    assert ServicePool(str(service.socket_path)).grade(SPEC, "2x", timeout=5.0).correct


@pytest.mark.parametrize("payload", [b"", b"\x00\x00", b'\x00\x00\x01\x00{"op"'])
def test_a_request_cut_short_just_closes_the_connection(service, payload):
    assert exchange(service.socket_path, payload, half_close=True) == b""
    assert ServicePool(str(service.socket_path)).grade(SPEC, "2x", timeout=5.0).correct


def test_a_broken_spec_is_a_not_counted_verdict(service):
    request = wire.encode({"op": "grade", "spec": {"kind": "bogus"}, "response": "x"})
    verdict = wire.verdict_from_reply(reply_of(exchange(service.socket_path, request)))
    assert not verdict.counted and "answer key" in verdict.error


def test_a_second_service_on_the_same_socket_is_refused(service):
    with pytest.raises(CalcquestError, match="already listening"):
        GradingService(service.socket_path).start()
    assert ServicePool(str(service.socket_path)).grade(SPEC, "2x", timeout=5.0).correct


def test_a_stale_socket_is_replaced_and_a_file_is_not(tmp_path):
    stale = tmp_path / "stale.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as old:
        old.bind(str(stale))  # bound, never listening: a crashed server's leftover
    bind_socket(stale).close()
    assert stat.S_IMODE(os.stat(stale).st_mode) == 0o600
    precious = tmp_path / "notes.txt"
    precious.write_text("keep me")
    with pytest.raises(CalcquestError, match="not a socket"):
        bind_socket(precious)
    assert precious.read_text() == "keep me"


def test_without_a_service_the_client_falls_back_to_a_local_pool_once(tmp_path, caplog):
    client = ServicePool(str(tmp_path / "nobody.sock"))
    with client:
        first = client.grade(SPEC, "2x", timeout=5.0)
        second = client.grade(SPEC, "2x + 1", timeout=5.0)
        assert first.correct and second.counted and not second.correct
        assert client.fallback_reason and len(client.pids()) == 1
    notices = [record for record in caplog.records if "unreachable" in record.getMessage()]
    assert len(notices) == 1


def test_a_killed_service_is_restarted_on_the_same_socket(tmp_path):
    with GradingService(tmp_path / "g.sock", processes=1) as running:
        first = running.pid
        os.kill(first, signal.SIGKILL)
        client = ServicePool(str(running.socket_path))
        verdict = client.grade(SPEC, "2x", timeout=5.0)
        for _ in range(10):
            if verdict.correct:
                break
            verdict = client.grade(SPEC, "2x", timeout=5.0)
        assert verdict.correct and running.pid != first
        assert client.fallback_reason is None  # clients waited; none started its own pool
    assert not running.socket_path.exists()


def test_each_client_gets_its_turn_in_the_queue():
    async def served_order() -> list[str]:
        queue = FairQueue()
        for n in range(4):
            queue.put(Job("flooding game", SPEC, f"flood {n}", 1.0))
        queue.put(Job("calm game", SPEC, "calm", 1.0))
        return [(await queue.get()).response for _ in range(5)]

    assert asyncio.run(served_order()) == ["flood 0", "calm", "flood 1", "flood 2", "flood 3"]
