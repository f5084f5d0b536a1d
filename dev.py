#!/usr/bin/env python3
"""The developer commands: ``python3 dev.py serve``, ``python3 dev.py test`` and, to release,
``python3 dev.py dist``.

Each installs what it needs first — a virtual environment in .venv with credsite's Python
dependencies, the browser code's npm packages (``npm ci``), and for the tests Debian's chromium
when it is missing and we are root — then runs. Installs are skipped when nothing changed.
Only the standard library is used here, because it runs before anything is installed.

In CI (``CI=true``, .ci/run) a skipped test fails the run unless it says it may skip: pytest's
``@pytest.mark.may_skip("why")`` (tests/conftest.py), a Node test's skip reason starting with
``may skip:`` (``unexplained_skips`` below).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BROWSER = ROOT / "browser"
CHROMIUM = Path("/usr/bin/chromium")
DIST = ROOT / "dist"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*command: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], cwd=cwd, check=True, env=env)


def stale(stamp: Path, *inputs: Path) -> str | None:
    """The inputs' digest when the install recorded in ``stamp`` is out of date, else None."""
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in inputs if p.exists())).hexdigest()
    return None if stamp.is_file() and stamp.read_text() == digest else digest


def record(stamp: Path, digest: str) -> None:
    """Written only after a successful install, so a failed one is retried next time."""
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)


def ensure_python(extras: str) -> Path:
    if not venv_python().exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".credsite-{extras or 'base'}.stamp"
    digest = stale(stamp, ROOT / "pyproject.toml")
    if digest:
        target = f".[{extras}]" if extras else "."
        pip = [venv_python(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        run(*pip, "-e", target)
        record(stamp, digest)
    return venv_python()


def ensure_node() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        sys.exit("credsite's browser code needs Node.js 20 or newer (node and npm on PATH)")
    stamp = BROWSER / "node_modules" / ".credsite.stamp"
    digest = stale(stamp, BROWSER / "package.json", BROWSER / "package-lock.json")
    if digest:
        run("npm", "ci", "--no-audit", "--no-fund", cwd=BROWSER)
        record(stamp, digest)


def ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium")
        return
    sys.exit(
        "the browser tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium"
    )


def serve(args: list[str]) -> None:
    python = ensure_python("")
    ensure_node()
    os.execv(python, [str(python), str(ROOT / "build.py"), "serve", *args])


def test(args: list[str]) -> None:
    python = ensure_python("test")
    ensure_node()
    ensure_chromium()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    # --durations: every run names its slowest tests, so a CI run that grows shows where.
    pytest_args = args or ["-q", "-n", "auto", "--durations=25"]
    run(python, "-m", "pytest", *pytest_args, env=env)
    tests = sorted(str(p.relative_to(BROWSER)) for p in (BROWSER / "test").glob("*.test.js"))
    # The Node tests that compare with Python run `python3`: the virtual environment's, first
    # on PATH, so that they run here instead of skipping for want of credsite's dependencies.
    path = os.pathsep.join([str(venv_python().parent), os.environ.get("PATH", "")])
    with tempfile.TemporaryDirectory() as scratch:
        tap = Path(scratch) / "node-tests.tap"  # the same run, as TAP, to find the skips in
        reporters = ["--test-reporter=spec", "--test-reporter-destination=stdout"]
        reporters += ["--test-reporter=tap", f"--test-reporter-destination={tap}"]
        run("node", "--test", *reporters, *tests, cwd=BROWSER, env=dict(env, PATH=path))
        skipped = unexplained_skips(tap.read_text(encoding="utf-8"))
    if skipped:
        report = f"{len(skipped)} Node test(s) skipped:\n  " + "\n  ".join(skipped)
        if os.environ.get("CI") == "true":
            sys.exit(
                f"{report}\nin CI a Node test may skip only with a reason starting {MAY_SKIP!r}"
            )
        print(report, flush=True)


# A Node test that may skip in CI says so in its reason: test(name, { skip: cond && 'may skip:
# why' }). Any other skip there is a test that checked nothing, and fails the CI run
# (tests/conftest.py does the same for pytest, with @pytest.mark.may_skip).
MAY_SKIP = "may skip: "
TAP_SKIP = re.compile(r"^\s*ok \d+ - (?P<name>.*?) # SKIP(?: (?P<reason>.*))?$")


def unexplained_skips(tap: str) -> list[str]:
    """The skipped Node tests whose reason does not say they may skip, as "name: reason"."""
    found = (TAP_SKIP.match(line) for line in tap.splitlines())
    return [
        f"{m['name']}: {m['reason'] or 'no reason given'}"
        for m in found
        if m and not (m["reason"] or "").startswith(MAY_SKIP)
    ]


def dist(args: list[str]) -> None:
    """The sdist and the wheel in dist/, reproducibly, checked; see docs/releasing.md."""
    if args:
        sys.exit("usage: python3 dev.py dist")
    python = ensure_python("dist")
    ensure_node()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.setdefault("SOURCE_DATE_EPOCH", last_commit_time())
    print(f"SOURCE_DATE_EPOCH={env['SOURCE_DATE_EPOCH']}", flush=True)
    for old in DIST.glob("credsite-*"):
        old.unlink()
    package(python, ROOT, DIST, env, "--sdist", "--wheel")
    (sdist,), (wheel,) = sorted(DIST.glob("credsite-*.tar.gz")), sorted(DIST.glob("credsite-*.whl"))
    with tempfile.TemporaryDirectory() as scratch:
        again = wheel_from_sdist(python, sdist, Path(scratch), env)
        if again.read_bytes() != wheel.read_bytes():
            sys.exit(f"the wheel built from {sdist.name} differs from {wheel.name}")
    print(f"the wheel built from {sdist.name} is the same bytes as {wheel.name}")
    run(python, "-m", "twine", "check", "--strict", sdist, wheel)
    for artifact in (sdist, wheel):
        data = artifact.read_bytes()
        print(
            f"{hashlib.sha256(data).hexdigest()}  {artifact.relative_to(ROOT)}  {len(data)} bytes"
        )


def last_commit_time() -> str:
    """The last commit's time, so the same commit gives the same bytes on any machine."""
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0 or not result.stdout.strip().isdigit():
        sys.exit(f"SOURCE_DATE_EPOCH is unset and git cannot say when: {result.stderr.strip()}")
    return result.stdout.strip()


def package(python: Path, source: Path, out: Path, env: dict[str, str], *targets: str) -> None:
    """PyPA's build with the hatchling installed in .venv (no isolated environment to fetch
    it into). ``-P``: without it, the current folder comes first on sys.path, and in this
    repository ``import build`` would find our build.py."""
    run(python, "-P", "-m", "build", "--no-isolation", *targets, "--outdir", out, source, env=env)


def wheel_from_sdist(python: Path, sdist: Path, scratch: Path, env: dict[str, str]) -> Path:
    """Unpack the sdist and build a wheel from it, as pip does when it has no wheel."""
    with tarfile.open(sdist) as archive:
        archive.extractall(scratch, filter="data")
    (tree,) = [p for p in scratch.iterdir() if p.is_dir()]
    package(python, tree, scratch / "wheel", env, "--wheel")
    (wheel,) = (scratch / "wheel").glob("*.whl")
    return wheel


COMMANDS = {"serve": serve, "test": test, "dist": dist}

if __name__ == "__main__":
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before anything is checked
        sys.exit("credsite needs Python 3.11 or newer")
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(
            "usage: python3 dev.py serve [--port N] | python3 dev.py test [pytest options]"
            " | python3 dev.py dist"
        )
    try:
        COMMANDS[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
