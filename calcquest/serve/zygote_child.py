"""The zygote process: import the game once, then fork a ready interpreter per player.

`calcquest serve` starts this module once (`python -m calcquest.serve.zygote_child FD`). It
imports every module of the game and the libraries it imports lazily (`preload`), freezes
them out of the garbage collector's sight (so children do not copy the pages just to scan
them), and waits on the control socket FD. Each
request carries the game's arguments, its environment and, as SCM_RIGHTS, the slave side of a
pty the server opened. The zygote forks; the child makes the pty its controlling terminal
(setsid + TIOCSCTTY), adopts the environment and runs `calcquest.cli.main(args)`; the zygote
replies with the child's pid and reaps it when it exits.

A forked child skips the interpreter start and every import, so its first frame comes much
sooner, and hundreds of children share the imported code's memory pages.

This process must stay single-threaded: forking a process with threads is unsafe.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import pkgutil
import signal
import socket
import sys

#: Imported lazily by the game (inside functions), so walking calcquest does not reach them.
#: A module missing here is imported by every game itself: found by comparing `sys.modules`
#: in the zygote and in a game that opened a level and graded an answer (about 400 modules
#: before calcquest was walked; now a handful).
LAZY_IMPORTS = (
    "textual.drivers.linux_driver",
    "textual._xterm_parser",
    "textual.pilot",
    "textual.scrollbar",
    "textual.layouts.factory",
    "textual.layouts.horizontal",
    "textual.layouts.vertical",
    "textual.layouts.stream",
    "textual.widgets._markdown",
    "rich.ansi",
    "multiprocessing.forkserver",
    "plotext",
    "sympy",
    "numpy",
)
#: Never imported here: the server's own modules and entry points that run on import.
NOT_PRELOADED = ("calcquest.serve", "calcquest.__main__", "calcquest.commands.serve")
_MAX_REQUEST = 256 * 1024


def preload(extra: tuple[str, ...] = LAZY_IMPORTS) -> list[str]:
    """Import all of calcquest and `extra`; return the modules that could be imported.

    Whatever a game imports itself costs it time before its first frame and private memory
    for as long as it runs, so the zygote imports everything the game might.
    """
    loaded = []
    for name in [*calcquest_modules(), *extra]:
        try:
            importlib.import_module(name)
        except Exception:  # a module the game does not have (yet) must not stop hosting
            continue
        loaded.append(name)
    _rehearse_lambdify()
    gc.collect()
    gc.freeze()
    return loaded


def calcquest_modules() -> list[str]:
    """Every module of the calcquest package except the server's own."""
    import calcquest

    found = pkgutil.walk_packages(calcquest.__path__, "calcquest.", onerror=lambda name: None)
    return [info.name for info in found if not info.name.startswith(NOT_PRELOADED)]


def _rehearse_lambdify() -> None:
    """SymPy's first `lambdify` into NumPy runs `from numpy import *`, importing about a
    hundred modules (numpy.testing, unittest, every text codec); a scene's first curve would
    pay for that in every game."""
    try:
        import sympy

        x = sympy.Symbol("x")
        sympy.lambdify(x, sympy.sin(x), "numpy")(0.5)
    except Exception:
        pass


def serve_requests(control: socket.socket) -> int | None:
    """Fork one game per request until the server goes away.

    Returns None in the zygote (the server closed the socket) and the game's exit code in a
    child, which then leaves through the normal interpreter shutdown.
    """
    signal.signal(signal.SIGCHLD, _reap_children)
    while True:
        message, fds, _flags, _addr = socket.recv_fds(control, _MAX_REQUEST, 1)
        if not message:
            return None
        if len(fds) != 1:
            _close_all(fds)
            control.send(json.dumps({"error": "expected one pty"}).encode())
            continue
        request = json.loads(message)
        pid = os.fork()
        if pid == 0:
            control.close()
            return run_game(fds[0], request["args"], request["env"])
        os.close(fds[0])
        control.send(json.dumps({"pid": pid}).encode())


def run_game(slave_fd: int, args: list[str], env: dict[str, str]) -> int:
    """In the forked child: take the pty, the environment and run the game."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.login_tty(slave_fd)
    _reopen_stdio()
    os.environ.clear()
    os.environ.update(env)
    _reseed()  # the preloaded objects stay frozen: a full collection never touches them
    sys.argv = ["calcquest", *args]
    from calcquest.cli import main

    try:
        return int(main(args) or 0)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1


def _reopen_stdio() -> None:
    """Fresh text streams on the pty (the zygote's were made for a pipe, block-buffered)."""
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", closefd=False)
    sys.stdout = sys.__stdout__ = open(1, "w", encoding="utf-8", buffering=1, closefd=False)
    sys.stderr = sys.__stderr__ = open(
        2, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False
    )


def _reseed() -> None:
    """`random` reseeds itself after fork; NumPy's global generator does not."""
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


def _reap_children(signum: int, frame: object) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass


def _close_all(fds: list[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


def main(argv: list[str]) -> int:
    """Entry point: `python -m calcquest.serve.zygote_child CONTROL_FD`."""
    control = socket.socket(fileno=int(argv[0]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C on the server's terminal is its own
    preload()
    control.send(b'{"ready": true}')
    code = serve_requests(control)
    return 0 if code is None else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
