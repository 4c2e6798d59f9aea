"""Run a program in a pseudo-terminal the way a player's terminal would, and watch it.

The benchmarks need what a person experiences: when the first frame appears, how many bytes
reach the terminal, how much CPU and memory the process uses. A pty of a fixed size gives the
program a real terminal; reading the master side counts every byte it writes.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass, field


@dataclass
class PtyProcess:
    """A child process attached to a pty, with counters for what it wrote."""

    pid: int
    fd: int
    started: float
    output: bytearray = field(default_factory=bytearray)

    def read_for(self, seconds: float) -> int:
        """Read whatever arrives for `seconds`; return the number of bytes read."""
        deadline = time.perf_counter() + seconds
        total = 0
        while (left := deadline - time.perf_counter()) > 0:
            total += self._read_once(min(left, 0.05))
        return total

    def wait_for(self, marker: bytes, timeout: float = 20.0) -> float:
        """Seconds from start until `marker` appears in the output (TimeoutError otherwise)."""
        deadline = time.perf_counter() + timeout
        while marker not in self.output:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{marker!r} did not appear within {timeout} s")
            self._read_once(0.01)
        return time.perf_counter() - self.started

    def send(self, data: bytes) -> None:
        """Type `data` as if on the keyboard."""
        os.write(self.fd, data)

    def cpu_seconds(self) -> float:
        """User + system CPU time the child has used so far (from /proc)."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def peak_rss_mb(self) -> float:
        """The child's peak resident memory so far (VmHWM), in MB."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        """Stop the child (SIGTERM, then SIGKILL) and release the pty."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            for _ in range(50):
                if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                    break
                time.sleep(0.02)
            else:
                continue
            break
        os.close(self.fd)

    def _read_once(self, timeout: float) -> int:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return 0
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return 0
        self.output.extend(chunk)
        return len(chunk)


def spawn(argv: list[str], cols: int = 80, rows: int = 24, env: dict | None = None) -> PtyProcess:
    """Start argv in a new pty of cols x rows with TERM=xterm-256color."""
    child_env = dict(os.environ if env is None else env)
    child_env.setdefault("TERM", "xterm-256color")
    child_env["COLUMNS"], child_env["LINES"] = str(cols), str(rows)
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, child_env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return PtyProcess(pid=pid, fd=fd, started=started)
