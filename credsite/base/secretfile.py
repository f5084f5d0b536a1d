"""Reading a file that holds a secret (a signing key, the collection secret).

One rule for every secret the commands read from a path: a missing or unreadable file and a file
other users can read are refused with one line naming the file, before anything is signed or
derived with it. A secret others can read may already be copied: refusing it is the only moment
the staff member learns so.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from credsite.base.errors import KeyFileError


def read_private_file(path: Path, what: str, encoding: str = "utf-8") -> str:
    """The text of the ``what`` file at ``path`` ("key", "collection secret"); raises
    KeyFileError when it is missing, unreadable, not text, or readable by other users."""
    try:
        info = path.stat()
        text = path.read_text(encoding=encoding)
    except FileNotFoundError as error:
        raise KeyFileError(f"{path}: no such {what} file") from error
    except OSError as error:
        raise KeyFileError(f"{path}: cannot read the {what} file ({error.strerror})") from error
    except UnicodeDecodeError as error:
        where = f"byte 0x{error.object[error.start]:02x} at position {error.start}"
        raise KeyFileError(
            f"{path}: cannot read the {what} file (not {encoding} text: {where})"
        ) from error
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(f"{path}: other users can read this {what} file; run 'chmod 600 {path}'")
    return text


def create_private_file(path: Path, data: bytes) -> None:
    """Write a new secret file, mode 0600 from its first byte (never readable by others, even
    for a moment), in a folder only its owner can enter when made here, and flushed to disk.
    Never over an existing file: raises FileExistsError, which the caller words."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
