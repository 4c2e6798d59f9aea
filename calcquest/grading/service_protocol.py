"""The grading service's wire format: one length-prefixed JSON request and reply per connection.

Why JSON and never pickle: the requests come from game processes, which are less trusted than
the server (a game runs whatever a player's terminal sends it), and unpickling runs code. A
JSON object can only become data; the answer spec in it is then validated by pydantic exactly
as a level file's is.

A frame is a 4-byte big-endian length, then that many bytes of UTF-8 JSON holding one object:

    request  {"op": "grade", "spec": {...}, "response": "2x", "timeout": 1.0}
             {"op": "ping"}
    reply    {"ok": true, "verdict": {"correct": true, "counted": true, ...}}
             {"ok": true, "pong": true}
             {"ok": false, "error": "why the request was refused"}

A client connects, sends one request, reads one reply; the service then closes the connection.
"""

from __future__ import annotations

import json
import math
import socket
import struct
from dataclasses import fields
from typing import Any

from calcquest.grading.spec import AnswerSpec
from calcquest.grading.verdict import Verdict

#: The environment variable that points game processes at the service's socket.
SOCKET_ENV = "CALCQUEST_GRADING_SOCKET"
#: Largest frame either side accepts (a spec with many mistakes is a few KB).
MAX_FRAME = 256 * 1024
#: The time limit a request may ask for is clamped to this range (seconds).
MIN_TIMEOUT, MAX_TIMEOUT = 0.05, 10.0
HEADER = struct.Struct(">I")
_VERDICT_FIELDS = frozenset(field.name for field in fields(Verdict))


class ProtocolError(ValueError):
    """Bytes that are not a well-formed frame or message; the connection is closed after it."""


def encode(message: dict[str, Any]) -> bytes:
    """One frame holding `message`."""
    payload = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()
    if len(payload) > MAX_FRAME:
        raise ProtocolError(f"message of {len(payload)} bytes is over {MAX_FRAME}")
    return HEADER.pack(len(payload)) + payload


def frame_length(header: bytes) -> int:
    """The payload length a 4-byte header announces; ProtocolError when it is too long."""
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ProtocolError(f"a frame of {length} bytes is over the {MAX_FRAME}-byte limit")
    return length


def decode(payload: bytes) -> dict[str, Any]:
    """The JSON object in a frame's payload; ProtocolError for anything else."""
    try:
        message = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ProtocolError("the request is not UTF-8 JSON") from None
    if not isinstance(message, dict):
        raise ProtocolError("the request must be a JSON object")
    return message


def grade_request(spec: AnswerSpec, response: str, timeout: float) -> dict[str, Any]:
    """The request asking the service to grade `response` (spec sent as plain data)."""
    return {
        "op": "grade",
        "spec": spec.model_dump(exclude_unset=True),
        "response": response,
        "timeout": timeout,
    }


def clamp_timeout(value: object) -> float:
    """A request's time limit: a finite number clamped to the allowed range, else 1 s."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return 1.0
    return min(max(float(value), MIN_TIMEOUT), MAX_TIMEOUT)


def verdict_reply(verdict: Verdict) -> dict[str, Any]:
    """The reply carrying a verdict."""
    return {"ok": True, "verdict": verdict.as_dict()}


def error_reply(message: str) -> dict[str, Any]:
    """The reply refusing a request, saying why."""
    return {"ok": False, "error": message}


def verdict_from_reply(reply: dict[str, Any]) -> Verdict:
    """The verdict in a reply; ProtocolError when the reply is not one (or is malformed)."""
    data = reply.get("verdict")
    if not isinstance(data, dict) or set(data) != _VERDICT_FIELDS:
        raise ProtocolError("the reply holds no verdict")
    for name in ("correct", "counted"):
        if not isinstance(data[name], bool):
            raise ProtocolError(f"the verdict's {name} is not true or false")
    for name in ("error", "interpreted", "feedback", "mistake"):
        if data[name] is not None and not isinstance(data[name], str):
            raise ProtocolError(f"the verdict's {name} is not text")
    if isinstance(data["ms"], bool) or not isinstance(data["ms"], int | float):
        raise ProtocolError("the verdict's ms is not a number")
    return Verdict(**data)


def send_frame(sock: socket.socket, message: dict[str, Any]) -> None:
    """Write one frame to a blocking socket (its own timeout applies)."""
    sock.sendall(encode(message))


def recv_frame(sock: socket.socket) -> dict[str, Any]:
    """Read one frame from a blocking socket; ProtocolError on a short or bad frame."""
    length = frame_length(_recv_exactly(sock, HEADER.size))
    return decode(_recv_exactly(sock, length))


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, missing = [], size
    while missing:
        chunk = sock.recv(min(missing, 65536))
        if not chunk:
            raise ProtocolError("the connection closed before the reply was complete")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)
