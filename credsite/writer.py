"""Putting a planned site on disk: atomically, incrementally and in parallel.

A build writes a complete new tree next to the output folder and swaps the two in one rename, so
a build that fails — or is killed — leaves the previous site as it was. Files whose fingerprint
did not change are hard-linked from the previous tree instead of rendered again, and a build
record (kept outside the site, since it lists every credential page) remembers the fingerprints.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path, PurePosixPath

from .errors import BuildError
from .output import Output

RenderFunction = Callable[[Output], bytes]
PARALLEL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves
CHUNK = 200


@dataclass(frozen=True)
class WriteStats:
    outputs: int
    rendered: int
    reused: int
    removed: int
    seconds: float
    swapped: bool


@dataclass(frozen=True)
class BuildRecord:
    tree: tuple[int, int]  # (st_dev, st_ino) of the output folder this record describes
    fingerprints: dict[str, str]


def record_path(cache_dir: Path, out_dir: Path) -> Path:
    key = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"build-record-{key}.json"


def read_record(cache_dir: Path, out_dir: Path) -> BuildRecord | None:
    """The previous build's record, if it still describes the folder on disk.

    The folder's inode changes with every swap, so a record written before a crash (or a folder
    replaced by hand) does not match and the build starts from scratch: slower, never wrong.
    """
    try:
        raw = json.loads(record_path(cache_dir, out_dir).read_text(encoding="utf-8"))
        stat = out_dir.stat()
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("tree") != [stat.st_dev, stat.st_ino]:
        return None
    fingerprints = raw.get("fingerprints")
    return (
        BuildRecord((stat.st_dev, stat.st_ino), fingerprints)
        if isinstance(fingerprints, dict)
        else None
    )


def write_record(cache_dir: Path, out_dir: Path, fingerprints: dict[str, str]) -> None:
    stat = out_dir.stat()
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = record_path(cache_dir, out_dir)
    temporary = target.with_suffix(f".tmp-{os.getpid()}")
    temporary.write_text(
        json.dumps(
            {"tree": [stat.st_dev, stat.st_ino], "fingerprints": fingerprints}, sort_keys=True
        ),
        encoding="utf-8",
    )
    temporary.replace(target)


@contextmanager
def build_lock(cache_dir: Path, out_dir: Path) -> Iterator[None]:
    """One build at a time per output folder: ``serve`` and a manual build into the same
    folder must not interleave, so the second waits for the first. Builds into different
    folders run side by side."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    with (cache_dir / f"build-{key}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_paths(outputs: Sequence[Output]) -> None:
    seen: set[str] = set()
    for output in outputs:
        pure = PurePosixPath(output.path)
        if pure.is_absolute() or ".." in pure.parts or not output.path or output.path.endswith("/"):
            raise BuildError(f"refusing to write outside the site: '{output.path}'")
        if output.path in seen:
            raise BuildError(f"two outputs want the same file: '{output.path}'")
        seen.add(output.path)


def write_site(
    out_dir: Path,
    outputs: Sequence[Output],
    fingerprints: dict[str, str],
    render: RenderFunction,
    cache_dir: Path,
    jobs: int = 1,
) -> WriteStats:
    """Make ``out_dir`` hold exactly ``outputs``; only changed files are rendered."""
    started = time.perf_counter()
    check_paths(outputs)
    with build_lock(cache_dir, out_dir):
        _remove_leftovers(out_dir)
        record = read_record(cache_dir, out_dir) if out_dir.is_dir() else None
        previous = record.fingerprints if record else {}
        changed = [o for o in outputs if previous.get(o.path) != fingerprints[o.path]]
        removed = len(set(previous) - set(fingerprints))
        if record is not None and not changed and not removed:
            return WriteStats(
                len(outputs), 0, len(outputs), 0, time.perf_counter() - started, False
            )
        staging = out_dir.with_name(f"{out_dir.name}.tmp-{os.getpid()}")
        try:
            staging.mkdir(parents=True)
            changed_paths = {o.path for o in changed}
            missing = _link_unchanged(
                out_dir, staging, [o for o in outputs if o.path not in changed_paths]
            )
            changed += missing
            reused = len(outputs) - len(changed)
            _render_all(staging, changed, render, jobs)
            _swap(staging, out_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        shutil.rmtree(staging, ignore_errors=True)  # the previous tree, after the swap
        write_record(cache_dir, out_dir, fingerprints)
        return WriteStats(
            len(outputs), len(changed), reused, removed, time.perf_counter() - started, True
        )


def _remove_leftovers(out_dir: Path) -> None:
    """Staging folders of builds that were killed; nothing else is ever written there."""
    if not out_dir.parent.is_dir():
        return
    for leftover in out_dir.parent.glob(f"{out_dir.name}.tmp-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _link_unchanged(old: Path, new: Path, outputs: Sequence[Output]) -> list[Output]:
    """Hard-link unchanged files into the new tree; returns those that were not there."""
    made: set[Path] = set()
    missing = []
    for output in outputs:
        target = new / output.path
        _ensure_parent(target, made)
        source = old / output.path
        try:
            os.link(source, target)
        except FileNotFoundError:
            missing.append(output)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copy2(source, target)
    return missing


def _ensure_parent(target: Path, made: set[Path]) -> None:
    parent = target.parent
    if parent not in made:
        parent.mkdir(parents=True, exist_ok=True)
        made.add(parent)


# The job the forked workers inherit, so that only chunk bounds cross the process boundary.
_JOB: tuple[Path, Sequence[Output], RenderFunction] | None = None


def _render_all(
    staging: Path, outputs: Sequence[Output], render: RenderFunction, jobs: int
) -> None:
    global _JOB
    if jobs <= 1 or len(outputs) < PARALLEL_THRESHOLD:
        _render_chunk(staging, outputs, render)
        return
    _JOB = (staging, outputs, render)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
            bounds = [(i, min(i + CHUNK, len(outputs))) for i in range(0, len(outputs), CHUNK)]
            for future in [pool.submit(_render_inherited, start, end) for start, end in bounds]:
                future.result()
    finally:
        _JOB = None


def _render_inherited(start: int, end: int) -> None:
    assert _JOB is not None, "worker started without a job"
    staging, outputs, render = _JOB
    _render_chunk(staging, outputs[start:end], render)


def _render_chunk(staging: Path, outputs: Sequence[Output], render: RenderFunction) -> None:
    made: set[Path] = set()
    for output in outputs:
        target = staging / output.path
        _ensure_parent(target, made)
        with target.open("xb") as handle:
            handle.write(render(output))


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap(staging: Path, out_dir: Path) -> None:
    """Put the new tree in place in one step; afterwards ``staging`` holds the old one."""
    if not out_dir.exists():
        staging.rename(out_dir)
        staging.mkdir()
        return
    if _exchange(staging, out_dir):
        return
    old = out_dir.with_name(f"{out_dir.name}.tmp-{os.getpid()}-old")
    out_dir.rename(old)
    staging.rename(out_dir)
    old.rename(staging)


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): both names always exist, so no moment without a site."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
