"""The build's own caches as text: one ``a<TAB>b`` pair per line.

A national site's build record and carried credential half hold hundreds of thousands of
entries, read and written on every build. JSON, or a Python loop per line, took most of a
second for each; one split and a zip take a tenth of that. Paths never hold a tab or a
newline (writer.check_paths refuses control characters), and neither do digests.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


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
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)
