"""Playing over `calcquest serve`: first frame after the SSH handshake, and bytes per second.

An in-process server on 127.0.0.1 serves a one-level course whose scene animates; a real SSH
client (asyncssh) logs in with a fresh key, asks for an 80x24 pty, waits for the map (first
frame), opens the level and reads while the ball rolls. The server's own counters give the
bytes the game wrote and the bytes that crossed the wire, with and without zlib compression.
Budget: first frame within 0.6 s of the handshake.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

WORLD = "id: bench\ntitle: Benchmark world\norder: 1\nblurb: One animated level.\n"
LEVEL = """id: rolling-ball
title: A ball rolling downhill
world: bench
lesson: Watch the ball.
scene:
  type: descent_1d
  loss: "w**2"
  start: 4
  lr: 0.05
  steps: 60
  x: [-5, 5]
questions:
  - prompt: "d/dw of w^2?"
    answer: {kind: expression, expected: "2*w", vars: [w]}
    hints: ["Power rule.", "Bring the 2 down."]
"""


def _course(root: Path) -> Path:
    folder = root / "levels" / "01-bench"
    folder.mkdir(parents=True)
    (folder / "world.yaml").write_text(WORLD)
    (folder / "01-rolling.yaml").write_text(LEVEL)
    return root / "levels"


async def _session(port: int, key, compress: bool, seconds: float) -> dict:
    import asyncssh

    algs = ["zlib@openssh.com", "zlib"] if compress else ["none"]
    started = time.perf_counter()
    async with asyncssh.connect(
        "127.0.0.1",
        port,
        username="bench",
        client_keys=[key],
        known_hosts=None,
        compression_algs=algs,
    ) as conn:
        handshake = time.perf_counter() - started
        process = await conn.create_process(
            term_type="xterm-256color", term_size=(80, 24), encoding=None
        )
        opened = time.perf_counter()
        seen = bytearray()
        while b"Benchmark world" not in seen:
            seen += await asyncio.wait_for(process.stdout.read(65536), 20)
        first_frame = time.perf_counter() - opened
        process.stdin.write(b"\r")  # open the level: the ball starts rolling
        await _drain(process, 2.0)
        received = await _drain(process, seconds)
        process.stdin.write(b"\x11")  # ctrl+q
        process.close()
    return {"handshake_s": handshake, "first_frame_s": first_frame, "client_bytes": received}


async def _drain(process, seconds: float) -> int:
    total, deadline = 0, time.perf_counter() + seconds
    while (left := deadline - time.perf_counter()) > 0:
        try:
            total += len(await asyncio.wait_for(process.stdout.read(65536), left))
        except TimeoutError:
            break
    return total


async def _measure(seconds: float, repeats: int) -> dict:
    import asyncssh

    from calcquest.serve import ServeConfig, start_server

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = ServeConfig(
            data_dir=root / "data",
            port=0,
            game_options=("--levels", str(_course(root)), "--no-builtin"),
            shared_grading=True,  # as `calcquest serve` runs it
        )
        server = await start_server(config)
        key = asyncssh.generate_private_key("ssh-ed25519")
        try:
            runs = {}
            for compress in (False, True):
                runs[compress] = [
                    await _session(server.port, key, compress, seconds) for _ in range(repeats)
                ]
            await asyncio.sleep(0.5)
            stats = server.session_stats()
        finally:
            await server.close()
    return _summarise(runs, stats, seconds)


def _summarise(runs: dict, stats: list, seconds: float) -> dict:
    firsts = [r["first_frame_s"] for rs in runs.values() for r in rs]
    plain = [s for s in stats if s.compression == "none"]
    zipped = [s for s in stats if s.compression != "none"]

    def wire_rate(group):
        rates = [s.wire_bytes_out / s.seconds for s in group if s.wire_bytes_out]
        return round(statistics.median(rates)) if rates else None

    return {
        "first_frame_after_handshake_s": round(statistics.median(firsts), 3),
        "handshake_s": round(
            statistics.median(r["handshake_s"] for rs in runs.values() for r in rs), 3
        ),
        "bytes_per_s": round(statistics.median(r["client_bytes"] for r in runs[False]) / seconds),
        "wire_bytes_per_s_plain": wire_rate(plain),
        "wire_bytes_per_s_zlib": wire_rate(zipped),
    }


def run(seconds: float = 10.0, repeats: int = 3) -> dict:
    """First frame and bytes/s per player over SSH (median of `repeats` sessions each way)."""
    return asyncio.run(_measure(seconds, repeats))
