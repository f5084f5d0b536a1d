"""Worker processes that end when the process that started them ends.

Every pool of the project (rendering, verifying signatures, signing) forks its workers, so that
the job is inherited rather than sent. A forked worker also inherits the write end of its own
work queue, so it never sees the queue close: when its parent is killed (``kill -9``, the
out-of-memory killer) it would wait for work for ever, holding whatever the parent had open —
a build's or an issue run's lock among them. Each worker therefore asks the kernel to kill it
when its parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``), and where that is not available it
watches its parent from a thread.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_INTERVAL = 0.2  # seconds between two looks at the parent, where prctl is not available


def worker_pool(processes: int) -> ProcessPoolExecutor:
    """A pool of forked workers that end with this process.

    The kernel's parent-death signal follows the thread that forked the worker, so the pool
    must be used from the thread that made it, and ended before that thread ends (a ``with``
    block in one function does both)."""
    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=get_context("fork"),
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )


def exit_with_parent(parent: int) -> None:
    """Run first in each worker: from here on, the worker ends when ``parent`` does.

    A worker ends at once, with SIGKILL: whatever it was writing is atomic (a whole file or a
    temporary that the next run removes), and nothing it could still do is wanted."""
    if not _kernel_kills_orphans():
        threading.Thread(
            target=_watch, args=(parent,), name="exit-with-parent", daemon=True
        ).start()
    if os.getppid() != parent:  # the parent died before the worker could ask
        os._exit(1)


def _kernel_kills_orphans() -> bool:
    """Ask Linux to send SIGKILL to this process when its parent dies; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return False
    status: int = prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # C int: 0 or -1
    return status == 0


def _watch(parent: int) -> None:
    """The fallback: a worker whose parent died is adopted by another process."""
    while os.getppid() == parent:
        threading.Event().wait(WATCH_INTERVAL)
    os._exit(1)
