"""The example site's output, byte for byte: a refactoring must not change what the build writes.

``tests/golden/`` holds the SHA-256 of every file that ``python build.py build`` (and ``build
--pack``) writes for the example site, and the ``--help`` text of every command. A change that
must alter the output (a template, a label, the browser code) updates them in the same commit::

    CREDSITE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_output.py

and the diff of ``tests/golden/`` then shows exactly which files changed. The build runs as a
subprocess through the CLI, so the check does not depend on how the package is laid out.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
UPDATE = os.environ.get("CREDSITE_UPDATE_GOLDEN") == "1"
COMMANDS = [
    "build",
    "check",
    "serve",
    "init",
    "keygen",
    "key",
    "issue",
    "revoke",
    "suspend",
    "reinstate",
    "renew-lists",
    "unpublish",
    "verify",
]


def _cli(*args: str, cwd: Path = REPO) -> str:
    environ = {**os.environ, "COLUMNS": "100", "SOURCE_DATE_EPOCH": "1764547200"}
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _manifest(folder: Path) -> str:
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}\n")
    return "".join(lines)


def _compare(name: str, actual: str) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8")
    if actual == expected:
        return
    old, new = set(expected.splitlines()), set(actual.splitlines())
    changed = sorted({line.split("  ", 1)[-1] for line in old ^ new})
    pytest.fail(
        f"{name}: {len(changed)} line(s) differ from tests/golden/{name}: "
        + ", ".join(changed[:20])
        + " — if the change must alter them, run CREDSITE_UPDATE_GOLDEN=1 on this test"
    )


@pytest.mark.parametrize("mode", ["", "packed", "private"], ids=["pages", "packed", "private"])
def test_the_example_site_builds_to_the_same_bytes(
    tmp_path: Path, example_source: Path, mode: str
) -> None:
    """Built in a copy of the example (its caches go there, not into the repository)."""
    out = tmp_path / "site"
    flag = {"": [], "packed": ["--pack"], "private": ["--private"]}[mode]
    _cli("build", "--out", str(out), *flag, cwd=example_source)
    _compare(f"example-site-{mode}.sha256" if mode else "example-site.sha256", _manifest(out))


def test_every_command_has_the_same_help() -> None:
    texts = [_cli("--help")] + [_cli(command, "--help") for command in COMMANDS]
    _compare("help.txt", "\n".join(texts))
