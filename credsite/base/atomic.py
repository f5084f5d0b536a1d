"""Crash-safe file writes: a file is either its old self or completely its new self.

Every file credsite replaces in place goes through ``write_atomically``: the issuer's records
(credentials, keys.yaml, the status log and lists), which must survive a power cut, and the
build's caches, which only need a reader never to see half a file (``durable=False``).
"""

from __future__ import annotations

import os
from pathlib import Path


def temporary_beside(path: Path) -> Path:
    """Where a write to ``path`` is made first: in the same folder (a rename never crosses file
    systems), hidden, and named per process, so writers running side by side do not share it
    and ``remove_stale_temporaries`` finds what a killed one left."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def write_atomically(
    path: Path,
    data: bytes | str,
    exclusive: bool = False,
    mode: int | None = None,
    durable: bool = True,
) -> None:
    """Write ``data`` (text is written as UTF-8) to a temporary file beside ``path`` and rename
    it over ``path``; a kill at any moment leaves no partial file. With ``exclusive``, an
    existing ``path`` is never replaced (issued credentials are immutable); ``mode`` sets the
    permissions (0o600 for files with personal data).

    ``durable`` flushes the file and the rename to disk before returning, so a power cut
    cannot lose what was written. The build's caches skip it (``durable=False``): on a
    national site they are tens of megabytes, written on every build, and a lost cache costs
    one slower build, never a wrong one."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_beside(path)
    try:
        with temporary.open("wb") as handle:
            if mode is not None:
                temporary.chmod(mode)  # before any byte is written: private files never leak
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if exclusive:
            os.link(temporary, path)  # fails if path exists: no overwrite, still atomic
            temporary.unlink()
        else:
            temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if durable:
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
