"""Open files: the limit that decides how many players one `calcquest serve` process holds.

Each session keeps three descriptors open in the server (its TCP connection, the pty master
of its game and a pidfd watching the game), so the usual soft limit of 1024 open files
(a login shell's `ulimit -n`, systemd's default `LimitNOFILE=1024:524288`) would refuse
players beyond about 330 with "Too many open files", far below the 500 a host should hold.
The server lifts its soft limit to the hard one, which needs no privilege, and warns the
host when even that is too low for `--max-sessions`.
"""

from __future__ import annotations

import resource

#: Descriptors one session holds in the server process.
FILES_PER_SESSION = 3
#: Descriptors the server needs besides its sessions (listener, databases, zygote, logs).
BASE_FILES = 64


def raise_open_file_limit() -> int:
    """Lift the soft limit on open files to the hard limit; the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def sessions_within(open_files: int) -> int:
    """How many sessions fit in `open_files` descriptors."""
    return max(0, (open_files - BASE_FILES) // FILES_PER_SESSION)


def open_files_warning(open_files: int, max_sessions: int) -> str | None:
    """A start-up warning when `max_sessions` players would run out of descriptors."""
    fits = sessions_within(open_files)
    if fits >= max_sessions:
        return None
    return (
        f"calcquest serve: warning: this process may open only {open_files} files, enough "
        f"for about {fits} players, not --max-sessions {max_sessions}; raise the limit "
        "(ulimit -n, or LimitNOFILE= in a systemd unit)"
    )
