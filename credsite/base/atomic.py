"""Crash-safe file writes: a file is either its old self or completely its new self."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(
    path: Path, data: bytes, exclusive: bool = False, mode: int | None = None
) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk and rename it over
    ``path``; a kill at any moment leaves no partial file. With ``exclusive``, an existing
    ``path`` is never replaced (issued credentials are immutable); ``mode`` sets the
    permissions (0o600 for files with personal data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with temporary.open("wb") as handle:
        if mode is not None:
            temporary.chmod(mode)  # before any byte is written: private files never leak
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        if exclusive:
            os.link(temporary, path)  # fails if path exists: no overwrite, still atomic
            temporary.unlink()
        else:
            temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_directory(path.parent)


def sync_directory(directory: Path) -> None:
    """Make a rename durable: the directory entry itself must reach the disk."""
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_stale_temporaries(directory: Path) -> None:
    """Temporary files of writes that were killed before their rename."""
    if directory.is_dir():
        for leftover in directory.glob(".*.tmp-*"):
            leftover.unlink(missing_ok=True)
