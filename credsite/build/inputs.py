"""Whether anything a build reads changed since the last build into the same folder.

A national site's build reads a hundred thousand credential files; checking them, planning
their pages and comparing fingerprints takes seconds even when nothing changed. So a build
first takes a snapshot of its inputs' metadata — path, size, modification time and inode of
every file under site.yaml, keys.yaml, content/, templates/ and assets/, plus credsite's own
code, the browser sources and the build options — and, when it equals the last successful
build's and the output folder is the one that build wrote, stops there.

Like make and rsync, this trusts modification times: an edit that keeps a file's size and
time exactly (``touch -r``) is not seen. ``--force`` style rebuilds are a ``rm -rf site``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISLNK

from credsite.base.atomic import write_atomically
from credsite.base.errors import Diagnostic
from credsite.build.tables import cache_file
from credsite.issuer.store import CACHE_DIR, CREDENTIALS_DIR

INPUT_FILES = ("site.yaml", "keys.yaml")
INPUT_DIRS = ("content", "templates", "assets")
SKIPPED = frozenset({CACHE_DIR, ".git", "node_modules", "__pycache__"})


@dataclass(frozen=True)
class Snapshot:
    digest: str
    tree: tuple[int, int]  # the output folder the build wrote
    outputs: int
    warnings: tuple[Diagnostic, ...]


def input_digest(
    root: Path,
    theme: Path,
    code: str,
    options: Sequence[object],
    seen: dict[str, str] | None = None,
) -> str:
    """A digest of what the build reads: file metadata, code and options (not file contents:
    reading every credential is the cost this saves). ``seen`` receives "size time inode"
    of each file under the site's content/credentials, by name, so the store need not
    ask the file system a second time."""
    digest = hashlib.sha256(json.dumps([code, options], default=str).encode())
    for base in dict.fromkeys([root.resolve(), theme.resolve()]):
        for name in INPUT_FILES:
            add_stat(digest, base / name, name)
        for name in INPUT_DIRS:
            _walk(digest, base / name, name, seen if base == root.resolve() else None)
    return digest.hexdigest()


def add_stat(digest: hashlib._Hash, path: Path, shown: str) -> None:
    """One file's metadata into ``digest``, under the name ``shown`` ("-" when it is missing):
    what both this snapshot and the carried credential half (carry.py) compare."""
    try:
        info = path.stat()
    except FileNotFoundError:
        digest.update(f"{shown}\0-\n".encode())
        return
    digest.update(f"{shown}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\n".encode())


def _walk(
    digest: hashlib._Hash, folder: Path | str, shown: str, seen: dict[str, str] | None
) -> None:
    """One line per file into ``digest``, joined and hashed per folder. content/credentials
    holds a hundred thousand files: names from one listdir, then a stat each relative to the
    open folder, which is the cheapest way Python has to ask (scandir entries cost more)."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except (FileNotFoundError, NotADirectoryError):
        digest.update(f"{shown}/\0-\n".encode())
        return
    try:
        names = sorted(os.listdir(handle))  # noqa: PTH208 (a folder descriptor: no Path can)
        keep = seen if seen is not None and shown == CREDENTIALS_DIR else None
        lines: list[str] = []
        for name in names:
            if name in SKIPPED:
                continue
            try:
                info = os.stat(name, dir_fd=handle, follow_symlinks=False)
                if S_ISDIR(info.st_mode):
                    digest.update("".join(lines).encode())
                    lines = []
                    _walk(digest, f"{folder}/{name}", f"{shown}/{name}", seen)
                    continue
                if S_ISLNK(info.st_mode):  # what it points to is what the build reads
                    info = os.stat(name, dir_fd=handle)
            except FileNotFoundError:  # gone since the listing, or a link to nothing
                lines.append(f"{shown}/{name}\0-\n")
                continue
            stat = f"{info.st_size} {info.st_mtime_ns} {info.st_ino}"
            lines.append(f"{shown}/{name}\0{stat}\n")
            if keep is not None:
                keep[name] = stat
        digest.update("".join(lines).encode())
    finally:
        os.close(handle)


def snapshot_path(cache_dir: Path, out_dir: Path) -> Path:
    return cache_file(cache_dir, out_dir, "inputs", ".json")


def read_snapshot(cache_dir: Path, out_dir: Path) -> Snapshot | None:
    try:
        raw = json.loads(snapshot_path(cache_dir, out_dir).read_text(encoding="utf-8"))
        return Snapshot(
            raw["digest"],
            tuple(raw["tree"]),
            int(raw["outputs"]),
            tuple(Diagnostic.from_json(w) for w in raw["warnings"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def unchanged(snapshot: Snapshot | None, digest: str, out_dir: Path) -> bool:
    """The last build read exactly this and wrote the folder that is there now."""
    try:
        info = out_dir.stat()
    except OSError:
        return False
    return (
        snapshot is not None
        and snapshot.digest == digest
        and snapshot.tree == (info.st_dev, info.st_ino)
    )


def write_snapshot(
    cache_dir: Path, out_dir: Path, digest: str, outputs: int, warnings: tuple[Diagnostic, ...]
) -> None:
    info = out_dir.stat()
    data = {
        "digest": digest,
        "tree": [info.st_dev, info.st_ino],
        "outputs": outputs,
        "warnings": [w.to_json() for w in warnings],
    }
    write_atomically(
        snapshot_path(cache_dir, out_dir), json.dumps(data, sort_keys=True), durable=False
    )


def forget_snapshot(cache_dir: Path, out_dir: Path) -> None:
    snapshot_path(cache_dir, out_dir).unlink(missing_ok=True)
