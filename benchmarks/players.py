"""Many players on one `calcquest serve` host: the memory they take, measured at that number.

Runs `calcquest serve` as a host would (a subprocess, shared grading service, forked games) on
127.0.0.1 and connects N SSH clients (asyncssh, one key and player name each) in waves. Once
every player shows the map, it sums the proportional set size (PSS: shared pages split fairly
between the processes sharing them) of the server's whole process tree: the server, the
zygote, every game and the grading service. Then every player opens the first level (its
scene drawn) and answers a question (graded by the shared service), and the tree is measured
again. The CPU the whole tree uses while the players sit still is measured in both places.
Budget (DESIGN.md): at least 500 players at once on 2 cores and 24 GiB.

It stops adding players if the machine's available memory falls under `RESERVE_MB`, and says
how many it reached: a benchmark must not take the machine down with it.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.proc import descendants_of

#: Players connecting at the same moment.
WAVE = 25
#: Available memory (MB) below which no more players are connected.
RESERVE_MB = 1500
#: Seconds to let the games settle before measuring.
SETTLE_S = 3.0
MAP_MARKER = b"Limits"
LEVEL_MARKER = b"Q 1/"
VERDICT_MARKERS = (b"Not quite", b"Correct", b"Can't read")


class Player:
    """One SSH client playing: its connection, and what its terminal has received."""

    def __init__(self, number: int) -> None:
        self.name = f"player{number}"
        self.seen = bytearray()
        self.connection = None
        self.process = None
        self.reader: asyncio.Task | None = None
        self.first_frame_s: float | None = None

    async def connect(self, port: int, key) -> None:
        import asyncssh

        self.connection = await asyncssh.connect(
            "127.0.0.1", port, username=self.name, client_keys=[key], known_hosts=None
        )
        started = time.perf_counter()
        self.process = await self.connection.create_process(
            term_type="xterm-256color", term_size=(80, 24), encoding=None
        )
        self.reader = asyncio.create_task(self._read())
        await self.wait_for((MAP_MARKER,), 60)
        self.first_frame_s = time.perf_counter() - started

    async def _read(self) -> None:
        """Keep reading, as a terminal does, keeping only the recent output."""
        while True:
            data = await self.process.stdout.read(65536)
            if not data:
                return
            self.seen += data
            del self.seen[:-16384]

    async def wait_for(self, markers: tuple[bytes, ...], limit: float) -> None:
        deadline = time.perf_counter() + limit
        while not any(m in self.seen for m in markers):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{self.name} never showed {markers[0]!r}")
            await asyncio.sleep(0.05)

    async def send(self, keys: bytes, markers: tuple[bytes, ...], limit: float = 60) -> None:
        self.seen.clear()
        self.process.stdin.write(keys)
        await self.wait_for(markers, limit)

    async def close(self) -> None:
        if self.process is not None:
            self.process.stdin.write(b"\x11")  # ctrl+q
            self.process.close()
        if self.reader is not None:
            self.reader.cancel()
        if self.connection is not None:
            self.connection.close()


def available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("inf")


def _tree(root: int) -> set[int]:
    """`root` and every process under it."""
    return {root, *descendants_of(root)}


def tree_pss_mb(root: int) -> tuple[float, int]:
    """PSS summed over `root` and every process under it (MB), and how many processes."""
    tree = _tree(root)
    total_kb = 0
    for pid in tree:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total_kb += next(int(row.split()[1]) for row in text.splitlines() if row.startswith("Pss:"))
    return total_kb / 1024, len(tree)


def tree_cpu_s(root: int) -> float:
    """CPU seconds (user + system) used so far by `root` and every process under it."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in _tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _log(text: str) -> None:
    print(f"  players: {text}", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(data: Path, port: int, players: int) -> subprocess.Popen:
    """`calcquest serve` as a host runs it; its log (a line per session) goes to a file, since
    an unread pipe fills up and stops the server at a few hundred players."""
    argv = [
        *(sys.executable, "-m", "calcquest", "serve"),
        *("--port", str(port), "--data-dir", str(data)),
        *("--max-sessions", str(players + 5), "--idle-timeout", "0"),
    ]
    data.mkdir(parents=True, exist_ok=True)
    log = (data / "serve.log").open("wb")
    server = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if server.poll() is not None:
                text = (data / "serve.log").read_text(errors="replace")[-500:]
                raise RuntimeError(f"calcquest serve exited: {text}") from None
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("calcquest serve did not start listening in 60 s")


async def _cpu_share(root: int, seconds: float = 5.0) -> float:
    """Cores the whole tree keeps busy while the players sit still (1.0 = one core)."""
    before = tree_cpu_s(root)
    await asyncio.sleep(seconds)
    return (tree_cpu_s(root) - before) / seconds


async def _in_waves(players: list[Player], action) -> list[Player]:
    """Run `action(player)` WAVE players at a time; the players for whom it worked."""
    done = []
    for start in range(0, len(players), WAVE):
        wave = players[start : start + WAVE]
        results = await asyncio.gather(*(action(p) for p in wave), return_exceptions=True)
        done += [p for p, r in zip(wave, results, strict=True) if not isinstance(r, Exception)]
    return done


async def _measure(count: int) -> dict:
    import asyncssh

    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        server = _start_server(Path(tmp) / "data", port, count)
        players = [Player(n) for n in range(count)]
        keys = [asyncssh.generate_private_key("ssh-ed25519") for _ in players]
        try:
            base_mb, _ = tree_pss_mb(server.pid)
            started = time.perf_counter()
            connected: list[Player] = []
            for start in range(0, count, WAVE):
                if available_mb() < RESERVE_MB:
                    break
                wave = list(range(start, min(start + WAVE, count)))
                results = await asyncio.gather(
                    *(players[i].connect(port, keys[i]) for i in wave), return_exceptions=True
                )
                connected += [players[i] for i, r in zip(wave, results, strict=True) if r is None]
            connect_s = time.perf_counter() - started
            _log(f"{len(connected)} of {count} on the map after {connect_s:.0f} s")
            await asyncio.sleep(SETTLE_S)
            idle_mb, processes = tree_pss_mb(server.pid)
            idle_cpu = await _cpu_share(server.pid)
            _log(f"idle on the map: {idle_mb:.0f} MB, {idle_cpu:.2f} cores")
            in_level = await _in_waves(connected, lambda p: p.send(b"\r", (LEVEL_MARKER,)))
            _log(f"{len(in_level)} in a level")
            answered = await _in_waves(in_level, lambda p: p.send(b"1\r", VERDICT_MARKERS))
            _log(f"{len(answered)} answered")
            await asyncio.sleep(SETTLE_S)
            level_mb, _ = tree_pss_mb(server.pid)
            level_cpu = await _cpu_share(server.pid)
            _log(f"in a level: {level_mb:.0f} MB, {level_cpu:.2f} cores")
            firsts = [p.first_frame_s for p in connected if p.first_frame_s is not None]
        finally:
            await asyncio.gather(*(p.close() for p in players), return_exceptions=True)
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
    n = max(1, len(connected))
    return {
        "players_asked": count,
        "players_on_map": len(connected),
        "players_answered": len(answered),
        "processes": processes,
        "connect_all_s": round(connect_s, 1),
        "first_frame_median_s": round(statistics.median(firsts), 3) if firsts else None,
        "host_mb": round(base_mb),
        "idle_total_mb": round(idle_mb),
        "idle_per_player_mb": round((idle_mb - base_mb) / n, 1),
        "level_total_mb": round(level_mb),
        "level_per_player_mb": round((level_mb - base_mb) / n, 1),
        "idle_cores_on_map": round(idle_cpu, 2),
        "idle_cores_in_level": round(level_cpu, 2),
        "stopped_for_memory": len(connected) < count and available_mb() < RESERVE_MB,
    }


def run(players: int = 100) -> dict:
    """Connect `players` SSH players and measure the host's memory with them on the map and
    in a level."""
    if not Path("/proc/self/smaps_rollup").exists():
        raise RuntimeError("needs Linux's /proc/PID/smaps_rollup")
    return asyncio.run(_measure(players))
