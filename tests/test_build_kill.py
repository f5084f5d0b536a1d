"""A build killed with ``kill -9``: its workers end with it and the next build is not blocked.

The build lock is taken so that worker processes never hold it, and a build that has to wait
for another says which process it waits for (credsite/build/writer.py, credsite/base/workers.py)."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from credsite.build.builder import CACHE_DIR, BuildOptions, build
from credsite.build.writer import build_lock

from .conftest import MODULE, REPO, copy_example
from .test_build import tree_digest

# With the example site, 11 files a module: about 2,400 outputs, well over
# writer.PARALLEL_THRESHOLD, and seconds of rendering left when the first module page is seen
# (about 5 s on a loaded 2-core machine, against a 10 ms poll).
MODULES = 200


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``, read from /proc (no psutil)."""
    found = set()
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:  # ended while we looked
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Whether ``pid`` still runs: a zombie (dead, not yet reaped by its new parent) does not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _build_command(root: Path, out: Path, jobs: int) -> list[str]:
    return [
        sys.executable, str(REPO / "build.py"), "--root", str(root),
        "build", "--out", str(out), "--jobs", str(jobs),
    ]  # fmt: skip


@contextlib.contextmanager
def _started(command: list[str]) -> Iterator[subprocess.Popen[str]]:
    """A process in a session of its own; whatever is left of that session is killed after."""
    process = subprocess.Popen(
        command,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert process.stderr is not None
        process.stderr.close()


def _large_site(folder: Path) -> Path:
    root = copy_example(folder)
    for number in range(MODULES):
        (root / "content/modules" / f"generated-{number:03d}.md").write_text(
            MODULE.replace("Testmodule", f"Module {number}"), encoding="utf-8"
        )
    return root


def _wait_for_workers(process: subprocess.Popen[str], out: Path) -> set[int]:
    """The build's workers, once they render (pages appear in the staging folder)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        if workers and list(out.parent.glob(f"{out.name}.tmp-*/*/modules/*")):
            return workers
        time.sleep(0.01)
    raise AssertionError("the build ended, or never rendered in workers, before it was killed")


def _assert_ended(pids: list[int], message: str) -> None:
    """Every process in ``pids`` is gone within five seconds."""
    deadline = time.monotonic() + 5
    while any(map(_running, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in pids if _running(pid)], message


@pytest.mark.slow
def test_a_build_killed_while_its_workers_render_blocks_nothing(tmp_path: Path) -> None:
    root = _large_site(tmp_path / "src")
    out = tmp_path / "out"
    with _started(_build_command(root, out, jobs=2)) as killed:
        workers = _wait_for_workers(killed, out)
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(timeout=30)
        _assert_ended(workers, "workers outlived their build")

    with _started(_build_command(root, out, jobs=2)) as after:
        try:
            after.wait(timeout=300)
        except subprocess.TimeoutExpired:
            pytest.fail("the build after the killed one did not finish")
        assert after.returncode == 0, after.stderr.read() if after.stderr else ""
    fresh = tmp_path / "fresh"
    build(BuildOptions(root=root, out_dir=fresh, jobs=1))
    assert tree_digest(out) == tree_digest(fresh)
    assert list(tmp_path.glob("out.tmp-*")) == []


HOLD = """\
import os, sys
from pathlib import Path
from credsite.build.writer import build_lock
with build_lock(Path(sys.argv[1]), Path(sys.argv[2])):
    print("locked", flush=True)
    if sys.argv[3] == "orphan":  # a worker that outlives its build: it must not keep the lock
        if os.fork() == 0:
            sys.stdin.read()
            os._exit(0)
        os._exit(0)  # like kill -9: the lock is never released by the code
    sys.stdin.read()
"""


def _holder(cache: Path, out: Path, how: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(cache), str(out), how],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def _lock_taken_within(cache: Path, out: Path, seconds: float) -> bool:
    """Whether this process gets the lock within ``seconds`` (the attempt runs in a child, so
    a lock that is never released cannot hang the test)."""
    attempt = subprocess.Popen(
        [sys.executable, "-c", HOLD.replace("sys.stdin.read()", "pass"), str(cache), str(out), ""],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        output, _ = attempt.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        attempt.kill()
        attempt.communicate()
        return False
    return output.strip() == "locked"


def test_a_process_forked_by_the_lock_holder_does_not_keep_the_lock(tmp_path: Path) -> None:
    """The holder dies without releasing the lock; the child it forked lives on."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    holder = _holder(cache, out, "orphan")
    try:
        holder.wait(timeout=30)
        assert _lock_taken_within(cache, out, 10), "an orphan of the holder keeps the lock"
    finally:
        assert holder.stdin is not None
        holder.stdin.close()  # the orphan reads its end of the pipe, and ends
        assert holder.stdout is not None
        holder.stdout.close()


def _line_within(stream: IO[str], seconds: float) -> str:
    """The next line a process writes, or '' when it writes none for ``seconds``."""
    ready, _, _ = select.select([stream], [], [], seconds)
    return stream.readline() if ready else ""


@pytest.mark.slow
def test_a_build_that_waits_for_the_lock_says_who_holds_it(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    holder = _holder(root / CACHE_DIR, out, "hold")
    assert holder.stdin is not None and holder.stdout is not None
    try:
        with _started(_build_command(root, out, jobs=1)) as waiting:
            assert waiting.stderr is not None
            line = _line_within(waiting.stderr, 60)
            assert f"PID {holder.pid}" in line, line
            assert "build-" in line and ".lock" in line, line
            time.sleep(0.5)
            assert waiting.poll() is None, "the build did not wait for the lock"
            holder.stdin.close()
            holder.wait(timeout=30)
            assert waiting.wait(timeout=120) == 0
            assert "waiting" not in waiting.stderr.read()  # said once
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        holder.stdout.close()
    assert (out / "index.html").is_file()


def test_a_lock_file_left_by_a_dead_build_does_not_stop_the_next(tmp_path: Path) -> None:
    """What a killed holder wrote into the lock file stays there; the lock itself is gone."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    holder = _holder(cache, out, "hold")
    holder.kill()
    holder.wait()
    assert holder.stdout is not None and holder.stdin is not None
    holder.stdout.close()
    holder.stdin.close()
    (lock,) = cache.glob("build-*.lock")
    with build_lock(cache, out):
        assert lock.exists()


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    """A POSIX lock does not keep out the holder's own threads; the build lock must."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    inside: list[int] = []
    most = 0

    def build_in_thread() -> None:
        nonlocal most
        with build_lock(cache, out):
            inside.append(1)
            most = max(most, len(inside))
            time.sleep(0.05)
            inside.pop()

    threads = [threading.Thread(target=build_in_thread) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert most == 1
    assert _lock_taken_within(cache, out, 10)  # and the last one to leave released it


POOL = """\
import sys, time
from credsite.base import workers
if sys.argv[1] == "watch":  # as where prctl is not available (not Linux)
    workers._kernel_kills_orphans = lambda: False
with workers.worker_pool(2) as pool:
    for _ in range(2):
        pool.submit(time.sleep, 60)
    time.sleep(60)
"""


@pytest.mark.parametrize("how", ["prctl", "watch"])
def test_pool_workers_end_when_their_parent_is_killed(how: str) -> None:
    """Both ways a worker learns of its parent's death: the kernel's signal, and the thread
    that watches the parent where the kernel offers none."""
    with _started([sys.executable, "-c", POOL, how]) as parent:
        deadline = time.monotonic() + 30
        while len(_children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        workers = _children(parent.pid)
        assert len(workers) == 2
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)
        _assert_ended(workers, "workers outlived their parent")
