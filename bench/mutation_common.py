"""What bench/mutation.py's two drivers (mutation_python.py: mutmut, mutation_js.py: Stryker)
share: the module table's row, one mutant's outcome in a vocabulary common to both tools, and
the temporary copy of the working tree they mutate.

Mutants are never made in the checkout: other people edit it while a run takes an hour. Each
driver works in a copy of the working tree as it is now (tracked files and new ones not
ignored, uncommitted edits included), made without touching git's state.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# One vocabulary for both tools. Detected: a test failed (killed), ran out of time (timeout)
# or the test process crashed (crashed). Undetected: every test passed (survived), or no test
# of the module's selection reaches the mutated code (no tests). Invalid mutants (Stryker's
# compile and runtime errors, mutmut's runs it could not judge) count in neither.
DETECTED = ("killed", "timeout", "crashed")
UNDETECTED = ("survived", "no tests")
INVALID = ("invalid",)


@dataclass(frozen=True)
class Target:
    """One row of the module table: the files a run mutates and the tests it runs for them."""

    name: str  # "py:atomic", "js:bitstring"
    sources: tuple[str, ...]  # repository paths; a Python entry may be a glob
    tests: tuple[str, ...]  # test files (pytest node ids allowed for Python)
    skip: tuple[str, ...] = ()  # pytest node ids left out: too slow to run for every mutant

    @property
    def language(self) -> str:
        return self.name.split(":", 1)[0]


@dataclass(frozen=True)
class Mutant:
    """One mutant: where it is, the change in one line, and what the tests made of it."""

    file: str
    line: int
    change: str  # "`old` → `new`", the same text every run for the same mutant
    status: str  # one of DETECTED, UNDETECTED or INVALID


@dataclass
class ModuleResult:
    """One target's run: its mutants, and what kept it from running fully, if anything."""

    name: str
    sources: list[str]
    tests: list[str]
    seconds: float = 0.0
    mutants: list[Mutant] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # the row's ``skip``
    deselected: list[str] = field(default_factory=list)  # tests that failed before mutation
    missing_tests: list[str] = field(default_factory=list)  # table entries not in the tree
    error: str | None = None


def one_line(text: str, limit: int = 100) -> str:
    """Source text on one line, whitespace collapsed, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def copy_working_tree(destination: Path) -> Path:
    """The working tree's files (tracked, and new ones git does not ignore) copied as they are
    on disk into ``destination``, with the checkout's npm packages linked in. Read-only git."""
    listing = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout
    for name in sorted(set(listing.decode("utf-8").split("\0")) - {""}):
        source = REPO / name
        if not source.is_file() and not source.is_symlink():
            continue  # deleted in the working tree, not yet in git
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    modules = REPO / "browser" / "node_modules"
    if modules.is_dir():
        (destination / "browser" / "node_modules").symlink_to(modules)
    return destination


def missing(tree: Path, tests: tuple[str, ...]) -> list[str]:
    """The table's test entries whose file is not in the copied tree (renamed or not yet
    written): reported, not run."""
    return [test for test in tests if not (tree / test.split("::", 1)[0]).is_file()]


def environment(**extra: str) -> dict[str, str]:
    """This process's environment with ``extra``, bytecode in the copies allowed."""
    env = dict(os.environ, **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
