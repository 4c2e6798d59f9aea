"""The server's SSH host key: made on first start, then reused so clients can trust it.

Players' SSH clients remember the host key; a new key on every start would train them to
click through "REMOTE HOST IDENTIFICATION HAS CHANGED". The key is written once, readable by
the owner only (0600), and created atomically so two starts cannot leave half a key behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import asyncssh

from calcquest.errors import CalcquestError

HOST_KEY_FILE = "ssh_host_ed25519_key"


def load_or_create_host_key(data_dir: Path) -> asyncssh.SSHKey:
    """The host key kept in `data_dir`, generating an Ed25519 key on the first start."""
    path = Path(data_dir) / HOST_KEY_FILE
    if not path.exists():
        _write_new_key(path)
    try:
        return asyncssh.read_private_key(path)
    except (OSError, asyncssh.KeyImportError) as exc:
        raise CalcquestError(
            "Host key unreadable",
            f"{path} is not a usable SSH private key ({exc}).",
            "Move it aside and start again to generate a new one "
            "(players will then see a host key change warning).",
        ) from exc


def _write_new_key(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="calcquest serve")
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".hostkey-")  # mkstemp: mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(key.export_private_key())
        os.link(temp, path)  # fails if another start won the race; theirs is kept
    except FileExistsError:
        pass
    finally:
        os.unlink(temp)


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The SHA256 fingerprint OpenSSH prints, so hosts can tell players what to expect."""
    return key.get_fingerprint("sha256")
