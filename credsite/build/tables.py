"""The build's own caches: where each is kept, and their text form, one ``a<TAB>b`` pair a line.

A build keeps several caches per output folder (its input snapshot, its build record, the
carried credential half, its lock), all in the site's cache folder and named by the output
folder they describe: ``cache_file`` is the one place that names them.

A national site's build record and carried credential half hold hundreds of thousands of
entries, read and written on every build. JSON, or a Python loop per line, took most of a
second for each; one split and a zip take a tenth of that. Paths never hold a tab or a
newline (writer.check_paths refuses control characters), and neither do digests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from credsite.base.atomic import write_atomically


def cache_file(cache_dir: Path, out_dir: Path, name: str, suffix: str) -> Path:
    """The cache ``name`` of the builds into ``out_dir``: builds into different folders (a
    preview and the real site) keep their own, so neither mistakes the other's for its own."""
    key = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"{name}-{key}{suffix}"


def pairs(lines: list[str], reverse: bool = False) -> dict[str, str]:
    """``a<TAB>b`` lines as {a: b}, or as {b: a} with ``reverse``; ValueError when a line does
    not hold exactly two fields (a damaged cache, which the caller ignores)."""
    flat = "\t".join(lines).split("\t") if lines else []
    if len(flat) != 2 * len(lines):
        raise ValueError("a line without exactly two fields")
    keys, values = (flat[1::2], flat[0::2]) if reverse else (flat[0::2], flat[1::2])
    return dict(zip(keys, values, strict=True))


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Replace ``path`` in one rename, so a reader sees the old cache or the new one. Not
    synced to disk: after a crash, a lost cache costs one slower build."""
    write_atomically(path, "\n".join(lines) + "\n", durable=False)
