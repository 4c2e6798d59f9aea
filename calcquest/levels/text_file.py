"""Read a level file's text, or say plainly why it cannot be read.

A level is a small UTF-8 text file. Anything else (an unreadable path, a folder, a huge or
binary file, another encoding) becomes one `Problem` with a next step, never a traceback;
a huge file is never read past its first megabyte.
"""

from __future__ import annotations

from pathlib import Path

from calcquest.levels.problems import Problem

_MAX_BYTES = 1_000_000


def read_text(path: Path, shown: Path | str) -> tuple[str, None] | tuple[None, Problem]:
    """The file's text (a UTF-8 byte-order mark dropped), or the problem that stops it."""
    try:
        with path.open("rb") as file:
            raw = file.read(_MAX_BYTES + 1)
    except OSError as exc:
        return None, Problem(shown, 1, 1, "", unreadable_message(exc))
    problem = _not_text(raw, shown)
    if problem is not None:
        return None, problem
    return raw.decode("utf-8-sig"), None


def unreadable_message(exc: OSError, *, folder: bool = False) -> str:
    """Why a file (or a folder) cannot be read, with what to do about it."""
    if isinstance(exc, PermissionError):
        access = "chmod u+rx" if folder else "chmod u+r"
        return f"cannot read it: permission denied; give yourself read access ({access})"
    if isinstance(exc, IsADirectoryError):
        return "this is a folder, not a level file; give a .yaml file"
    reason = (exc.strerror or str(exc)).lower()
    return f"cannot read it: {reason}; check the path (a broken or looping link?)"


def _not_text(raw: bytes, shown: Path | str) -> Problem | None:
    """A problem when `raw` is too big, binary, or not UTF-8; None for readable text."""
    if len(raw) > _MAX_BYTES:
        message = "the file is over 1 MB; a level is a few KB of text, so split it into levels"
        return Problem(shown, 1, 1, "", message)
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        message = "this is not a text file (it holds NUL bytes); a level is a YAML text file"
        return Problem(shown, line, 1, "", message)
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        message = (
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
            "save it as UTF-8 in your editor"
        )
        return Problem(shown, line, column, "", message)
    return None
