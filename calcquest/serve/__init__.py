"""Hosting calcquest over SSH: `calcquest serve` (asyncssh, one game per session in a pty).

Public API (loaded on first use, so importing this package stays cheap):

- `ServeConfig`: where to listen, the data directory, limits, the game command.
- `start_server(config) -> RunningServer` (async): listen; `.port`, `.session_stats()`,
  `.close()`. Tests and benchmarks drive the server in-process through it.
- `run_server(config) -> int`: the blocking entry point behind `calcquest serve`.
- `SessionStats`, `parse_log_line`: per-session bytes and durations (from the server or
  from its `session-end` log lines).

Parts: `server` (listener, start and stop), `connection` (what a client may open),
`session` (one channel), `hub` (admission, limits,
statistics), `registry` (name-to-key bindings), `launcher`/`zygote` (starting games),
`pty_process` (a game in its pty and how it ends), `relay` (bytes both ways), `messages`.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "ServeConfig": "calcquest.serve.config",
    "start_server": "calcquest.serve.server",
    "run_server": "calcquest.serve.server",
    "RunningServer": "calcquest.serve.server",
    "SessionStats": "calcquest.serve.stats",
    "parse_log_line": "calcquest.serve.stats",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Import the public names lazily (asyncssh loads only when serving)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'calcquest.serve' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
