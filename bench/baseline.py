"""What the benchmarks' ``--baseline REV`` shares: the tree of a git revision, to measure beside
this checkout's in the same run (figures from one loaded machine compare only side by side)."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def checkout(revision: str, work: Path) -> Path:
    """`git archive` of ``revision`` into ``work/checkout`` (no change to the repository), with
    this checkout's npm packages linked in, so that its browser code builds without ``npm ci``."""
    root = work / "checkout"
    root.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive.stdout, check=True)
    modules = REPO / "browser" / "node_modules"
    if modules.is_dir() and (root / "browser").is_dir():
        (root / "browser" / "node_modules").symlink_to(modules)
    return root
