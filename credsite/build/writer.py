"""Putting a planned site on disk: atomically, incrementally and in parallel.

Only files whose fingerprint changed are rendered; a build record (kept outside the site, since
it lists every credential page) remembers the fingerprints. Everything is rendered next to the
output folder first, so a build that fails leaves the previous site as it was. Then either

- a few changed files (an edited module, an issue run) are renamed into the site one by one,
  each atomically; or
- when many changed (a template edit, the first build), a complete new tree, with unchanged
  files hard-linked from the old one, is swapped in with one rename.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shlex
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from credsite.base.errors import BuildError
from credsite.base.workers import worker_pool
from credsite.build.output import Output
from credsite.build.tables import cache_file, pairs, write_lines

RenderFunction = Callable[[Output], bytes]
PARALLEL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves
CHUNK = 200
LOOK_FOR_MISSING = 20_000  # up to this many files, an in-place build remakes deleted ones
IN_PLACE_MIN = 200  # changed files that always go in one by one (a module edit, an issue run)


class CarryRefused(Exception):  # noqa: N818 (a signal to the builder, not an error)
    """The outputs carried over from the last build are not what the site on disk holds, or
    the change is too large to go in place: the caller builds with every output instead."""


@dataclass(frozen=True)
class WriteStats:
    outputs: int
    rendered: int
    reused: int
    removed: int
    seconds: float
    written: bool  # whether the site on disk changed


@dataclass(frozen=True)
class BuildRecord:
    tree: tuple[int, int]  # (st_dev, st_ino) of the output folder this record describes
    fingerprints: dict[str, str]


RECORD_FORMAT = "credsite-build-record 2"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # never in a web path; the record is line-based


def record_path(cache_dir: Path, out_dir: Path) -> Path:
    return cache_file(cache_dir, out_dir, "build-record", ".txt")


def read_record(cache_dir: Path, out_dir: Path) -> BuildRecord | None:
    """The previous build's record, if it still describes the folder on disk.

    The folder's inode changes with every swap, so a record written before a crash (or a folder
    replaced by hand) does not match and the build starts from scratch: slower, never wrong.
    A line per file, ``fingerprint<TAB>path`` (tables.py).
    """
    try:
        lines = record_path(cache_dir, out_dir).read_text(encoding="utf-8").split("\n")
        stat = out_dir.stat()
    except (OSError, ValueError):
        return None
    if len(lines) < 3 or lines[0] != RECORD_FORMAT or lines[1] != f"{stat.st_dev} {stat.st_ino}":
        return None
    try:
        fingerprints = pairs(lines[2:-1], reverse=True)
    except ValueError:
        return None
    return BuildRecord((stat.st_dev, stat.st_ino), fingerprints)


def write_record(cache_dir: Path, out_dir: Path, fingerprints: dict[str, str]) -> None:
    stat = out_dir.stat()
    lines = [RECORD_FORMAT, f"{stat.st_dev} {stat.st_ino}"]
    lines += [f"{fingerprint}\t{path}" for path, fingerprint in fingerprints.items()]
    write_lines(record_path(cache_dir, out_dir), lines)


@contextmanager
def build_lock(cache_dir: Path, out_dir: Path) -> Iterator[None]:
    """One build at a time per output folder: ``serve`` and a manual build into the same
    folder must not interleave, so the second waits for the first, and says once, on stderr,
    which process it waits for. Builds into different folders run side by side.

    The lock is a POSIX record lock (``lockf``), not ``flock``: it belongs to this process
    alone, so the workers a build forks never hold it (a ``flock`` they inherited outlived a
    ``kill -9``'d build and hung every later one), and the kernel releases it the moment this
    process ends, however it ends. A dead build cannot hold it, so there is nothing to take
    over. Record locks do not keep out other threads of the same process, and closing any
    descriptor of the file releases them: a thread lock per file does both jobs."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_file(cache_dir, out_dir, "build", ".lock")
    with _thread_lock(path):
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            _acquire(handle, path, out_dir)
            try:
                _write_holder(handle)
                yield
            finally:
                os.ftruncate(handle, 0)
                fcntl.lockf(handle, fcntl.LOCK_UN)
        finally:
            os.close(handle)


@dataclass(frozen=True)
class LockHolder:
    """What the build holding a lock wrote into its file, for a waiting build to say."""

    pid: int
    started: str
    command: str


_THREAD_LOCKS: dict[Path, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()
HOLDER_WAIT = 1.0  # seconds a waiting build gives a new holder to write who it is


@contextmanager
def _thread_lock(path: Path) -> Iterator[None]:
    with _THREAD_LOCKS_GUARD:
        lock = _THREAD_LOCKS.setdefault(path, threading.Lock())
    with lock:
        yield


def _acquire(handle: int, path: Path, out_dir: Path) -> None:
    """Take the lock; if another build holds it, say who, then wait for it."""
    if _try_lock(handle):
        return
    holder = _read_holder(handle)
    deadline = time.monotonic() + HOLDER_WAIT
    while holder is None and time.monotonic() < deadline:  # locked, not yet written
        time.sleep(0.02)
        if _try_lock(handle):
            return
        holder = _read_holder(handle)
    print(_waiting_message(holder, path, out_dir), file=sys.stderr, flush=True)
    fcntl.lockf(handle, fcntl.LOCK_EX)


def _try_lock(handle: int) -> bool:
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno not in (errno.EACCES, errno.EAGAIN):
            raise
        return False
    return True


def _waiting_message(holder: LockHolder | None, path: Path, out_dir: Path) -> str:
    who = (
        f"PID {holder.pid} ({holder.command}), started {holder.started}"
        if holder
        else "a process that has not said who it is"
    )
    return (
        f"waiting for another build into {out_dir} to finish: {who}, holds {path}; "
        "the lock is released when that process ends"
    )


def _write_holder(handle: int) -> None:
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    command = _CONTROL.sub("?", shlex.join(sys.orig_argv))[:500]
    os.ftruncate(handle, 0)
    os.pwrite(handle, f"{os.getpid()}\n{started}\n{command}\n".encode(), 0)


def _read_holder(handle: int) -> LockHolder | None:
    """The holder the lock file names, if that process is alive (a killed holder's record
    stays in the file, but not its lock)."""
    lines = os.pread(handle, 4096, 0).decode("utf-8", "replace").split("\n")
    pid = int(lines[0]) if lines[0].isdigit() else 0
    if len(lines) < 3 or pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # alive, another user's
        pass
    return LockHolder(pid, lines[1], lines[2])


def check_paths(outputs: Sequence[Output]) -> None:
    """Every output stays inside the site and has a file of its own (strings, not PurePaths:
    this runs for every file of the site)."""
    seen: set[str] = set()
    for output in outputs:
        path = output.path
        if (
            not path
            or path.startswith("/")
            or path.endswith("/")
            or ".." in path.split("/")
            or _CONTROL.search(path)
        ):
            raise BuildError(f"refusing to write outside the site: '{path}'")
        if path in seen:
            raise BuildError(f"two outputs want the same file: '{path}'")
        seen.add(path)


def write_site(
    out_dir: Path,
    outputs: Sequence[Output],
    fingerprints: dict[str, str],
    render: RenderFunction,
    cache_dir: Path,
    jobs: int = 1,
    carried: Mapping[str, str] | None = None,
) -> WriteStats:
    """Make ``out_dir`` hold exactly ``outputs``; only changed files are rendered.

    ``carried`` (path -> fingerprint, also in ``fingerprints``) are files the last build wrote
    and this one does not plan again; if the site on disk does not hold exactly those, or the
    change must build a new tree, ``CarryRefused`` is raised before anything is written."""
    started = time.perf_counter()
    check_paths(outputs)
    with build_lock(cache_dir, out_dir):
        _remove_leftovers(out_dir)
        record = read_record(cache_dir, out_dir) if out_dir.is_dir() else None
        previous = record.fingerprints if record else {}
        if carried is not None:
            _check_carried(carried, previous, outputs, record is not None)
        changed = [o for o in outputs if previous.get(o.path) != fingerprints[o.path]]
        removed = len(set(previous) - set(fingerprints))
        if record is not None and not changed and not removed:
            total = len(fingerprints)
            return WriteStats(total, 0, total, 0, time.perf_counter() - started, False)
        in_place = record is not None and len(changed) + removed <= in_place_limit(
            len(fingerprints)
        )
        if carried is not None and not in_place:
            raise CarryRefused("too many changes to go in place")
        if in_place:
            if len(outputs) <= LOOK_FOR_MISSING:
                changed += _missing(out_dir, outputs, {o.path for o in changed})
            rendered = _update_in_place(
                out_dir,
                changed,
                set(previous) - set(fingerprints),
                render,
                jobs,
                forget_record=lambda: record_path(cache_dir, out_dir).unlink(missing_ok=True),
            )
        else:
            rendered = _replace_tree(out_dir, outputs, changed, render, jobs)
        write_record(cache_dir, out_dir, fingerprints)
        return WriteStats(
            len(fingerprints),
            rendered,
            len(fingerprints) - rendered,
            removed,
            time.perf_counter() - started,
            record is None or rendered > 0 or removed > 0,
        )


def _check_carried(
    carried: Mapping[str, str], previous: dict[str, str], outputs: Sequence[Output], recorded: bool
) -> None:
    if not recorded or any(previous.get(path) != value for path, value in carried.items()):
        raise CarryRefused("the site on disk is not the one the carried files were recorded for")
    if any(o.path in carried for o in outputs):
        raise BuildError("an output is both planned and carried over")


def in_place_limit(outputs: int) -> int:
    """Up to this many changed files are put into the site one by one; more build a new tree.

    A new tree is swapped in at once, but making it hard-links every unchanged file: seconds
    for a site of a hundred thousand credentials, where an edited module changes a few dozen."""
    return max(IN_PLACE_MIN, outputs // 10)


def _replace_tree(
    out_dir: Path,
    outputs: Sequence[Output],
    changed: list[Output],
    render: RenderFunction,
    jobs: int,
) -> int:
    """Build a complete new tree next to ``out_dir`` and swap the two in one rename."""
    staging = _staging(out_dir)
    try:
        staging.mkdir(parents=True)
        changed_paths = {o.path for o in changed}
        missing = _link_unchanged(
            out_dir, staging, [o for o in outputs if o.path not in changed_paths]
        )
        changed = changed + missing
        _render_all(staging, changed, render, jobs)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)  # the previous tree, after the swap
    return len(changed)


def _update_in_place(
    out_dir: Path,
    changed: list[Output],
    removed: set[str],
    render: RenderFunction,
    jobs: int,
    forget_record: Callable[[], None],
) -> int:
    """Render the changed files next to the site, then rename each into place.

    Nothing in ``out_dir`` changes until every file rendered, so a failed build leaves the site
    as it was. Each rename is atomic: a visitor gets the old file or the new one, never half a
    file. The caller's build record is removed first, so a build killed while renaming is
    followed by one that makes the whole tree again (``forget_record``). Unchanged files are
    only looked at on smaller sites (``LOOK_FOR_MISSING``): on a national one, one deleted by
    hand comes back with the next build that makes a new tree."""
    staging = _staging(out_dir)
    try:
        staging.mkdir(parents=True)
        _render_all(staging, changed, render, jobs)
        forget_record()
        made: set[str] = set()
        for output in changed:
            target = f"{out_dir}/{output.path}"
            _ensure_parent(target, made)
            (staging / output.path).replace(target)
        for path in sorted(removed, reverse=True):
            _remove_file(out_dir, path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(changed)


def _missing(out_dir: Path, outputs: Sequence[Output], changed: set[str]) -> list[Output]:
    base = str(out_dir)
    return [o for o in outputs if o.path not in changed and not os.path.lexists(f"{base}/{o.path}")]


def _remove_file(out_dir: Path, path: str) -> None:
    """Delete one output and the folders it leaves empty (never ``out_dir`` itself)."""
    target = out_dir / path
    target.unlink(missing_ok=True)
    parent = target.parent
    while parent != out_dir:
        try:
            parent.rmdir()
        except OSError:  # not empty: it holds other outputs
            return
        parent = parent.parent


def _staging(out_dir: Path) -> Path:
    return out_dir.with_name(f"{out_dir.name}.tmp-{os.getpid()}")


def _remove_leftovers(out_dir: Path) -> None:
    """Staging folders of builds that were killed; nothing else is ever written there."""
    if not out_dir.parent.is_dir():
        return
    for leftover in out_dir.parent.glob(f"{out_dir.name}.tmp-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _link_unchanged(old: Path, new: Path, outputs: Sequence[Output]) -> list[Output]:
    """Hard-link unchanged files into the new tree; returns those that were not there."""
    made: set[str] = set()
    missing = []
    old_base, new_base = str(old), str(new)
    for output in outputs:
        target = f"{new_base}/{output.path}"
        _ensure_parent(target, made)
        source = f"{old_base}/{output.path}"
        try:
            os.link(source, target)
        except FileNotFoundError:
            missing.append(output)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copy2(source, target)
    return missing


def _ensure_parent(target: str, made: set[str]) -> None:
    """Make the folder ``target`` goes in, unless this loop made it already (``made``): plain
    strings, as this runs once per file of the site."""
    parent = target.rpartition("/")[0]
    if parent not in made:
        Path(parent).mkdir(parents=True, exist_ok=True)
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
        with worker_pool(jobs) as pool:  # workers that end with the build: see workers.py
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
    """Render and write each output; plain os calls, as this runs once per file of the site."""
    made: set[str] = set()
    base = str(staging)
    for output in outputs:
        target = f"{base}/{output.path}"
        _ensure_parent(target, made)
        data = memoryview(render(output))
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        try:
            while data:
                data = data[os.write(handle, data) :]
        finally:
            os.close(handle)


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
    result: int = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
