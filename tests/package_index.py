"""The released package, built once per test run, and the package index stood in for.

What staff and CI install with ``pip install credsite`` (or ``credsite==X.Y.Z`` from a site's
requirements.txt) is the released wheel. It is built here the way ``python3 dev.py dist`` builds
it: PyPA's build, without an isolated environment, ``-P`` so that this repository's build.py does
not shadow it. The tests of the wheel use it, and the tests that run the guide and the CI files
point pip at its folder first (``PIP_FIND_LINKS``), so the commands run as written and install
the package exactly as a release would be installed, without the network. Nothing is written in
the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from credsite import __version__

from .conftest import REPO

NAME = f"credsite-{__version__}"
# What a package build must not leave in the checkout.
LEFTOVERS = ("build", "dist", "credsite.egg-info", "credsite/theme", "credsite/bundles")


def package(source: Path, out: Path, *targets: str, path: str | None = None) -> None:
    """Build ``targets`` (--sdist, --wheel) of ``source`` into ``out``, with ``path`` as PATH."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", SOURCE_DATE_EPOCH="1767225600")
    if path is not None:
        env["PATH"] = path
    command = [sys.executable, "-P", "-m", "build", "--no-isolation", *targets]
    result = subprocess.run(
        [*command, "--outdir", str(out), str(source)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def once_per_run(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder that ``make`` fills once per test run, even when each xdist worker asks for it:
    the first fills it while holding a lock, the others wait and use it."""
    import fcntl  # POSIX, as are the browser tests

    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # this run's folder, shared by its workers
    folder = base / name
    with (base / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".complete").touch()
    return folder


@dataclass(frozen=True)
class Dist:
    sdist: Path
    wheel: Path

    @property
    def index(self) -> Path:
        """The folder holding both: pip's ``--find-links`` for ``credsite==X.Y.Z``."""
        return self.wheel.parent


def release(factory: pytest.TempPathFactory) -> Dist:
    """The sdist and the wheel, built from this checkout once per test run."""
    before = {name: (REPO / name).exists() for name in LEFTOVERS}
    folder = once_per_run(
        factory, "credsite-dist", lambda out: package(REPO, out, "--sdist", "--wheel")
    )
    assert {name: (REPO / name).exists() for name in LEFTOVERS} == before
    return Dist(folder / f"{NAME}.tar.gz", folder / f"{NAME}-py3-none-any.whl")


def find_links(index: Path) -> str:
    """``PIP_FIND_LINKS`` with the index first, then whatever pip was given already."""
    return " ".join(filter(None, [str(index), os.environ.get("PIP_FIND_LINKS", "")]))
