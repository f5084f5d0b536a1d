"""Every command in docs/publishing.md and docs/publishing.nl.md runs, in order, as written.

The only substitutions are the ones a reader makes: the GitHub address becomes a local bare
repository (the test has no network), ID becomes a real credential id, the key id in the example
becomes the site's first key, and `credsite serve` gets a free port and is stopped once it
answers. Everything happens in a temporary HOME with its own virtual environment, which stands in
for pipx's: like pipx, `pipx install credsite` installs there with a pip from outside it (the
test's own, ``pip --python``), so the environment is made without a pip of its own (which takes
seconds to install and is never used). A folder holding this checkout's wheel stands in for the
package index (tests/package_index.py).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from .conftest import REPO
from .package_index import find_links, release
from .serving import free_port

pytestmark = pytest.mark.slow

BLOCK = re.compile(r"```sh\n(.*?)```", re.DOTALL)
PIPX_INSTALL = "pipx install credsite"
ORIGIN = "https://github.com/YOUR-ORGANISATION/microcredentials.git"


def commands(doc: Path) -> list[str]:
    lines = []
    for block in BLOCK.findall(doc.read_text(encoding="utf-8")):
        lines += [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    return lines


class Reader:
    """Runs a guide's commands the way a member of staff would, in a fresh HOME."""

    def __init__(self, home: Path, index: Path):
        self.home = home
        self.cwd = home
        venv = home / "venv"
        subprocess.run(
            [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
            check=True,
        )
        self.pip_install = shlex.join(
            [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install"]
        )
        self.env = dict(
            os.environ,
            HOME=str(home),
            PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
            GIT_AUTHOR_NAME="Programme Office",
            GIT_AUTHOR_EMAIL="office@example.org",
            GIT_COMMITTER_NAME="Programme Office",
            GIT_COMMITTER_EMAIL="office@example.org",
            GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
            PIP_DISABLE_PIP_VERSION_CHECK="1",
            PIP_FIND_LINKS=find_links(index),
        )
        for name in ("XDG_CONFIG_HOME", "CREDSITE_SIGNING_KEY", "VIRTUAL_ENV", "PYTHONPATH"):
            self.env.pop(name, None)
        self.remote = home / "remote.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(self.remote)], check=True)

    def substitute(self, line: str) -> str:
        line = line.replace(ORIGIN, str(self.remote))
        if line.startswith(PIPX_INSTALL):
            line = line.replace(PIPX_INSTALL, f"{self.pip_install} credsite", 1)
        if re.search(r"\bID\b", line):
            tokens = sorted(p.stem for p in (self.cwd / "content" / "credentials").glob("*.json"))
            line = re.sub(r"\bID\b", tokens[0], line)
        if "key-2026-11-23" in line:
            keys = yaml.safe_load((self.cwd / "keys.yaml").read_text())["keys"]
            line = line.replace("key-2026-11-23", keys[0]["id"])
        return line

    def run(self, line: str) -> None:
        line = self.substitute(line)
        words = shlex.split(line)
        if words[:1] == ["cd"]:
            self.cwd = (self.cwd / words[1].replace("~", str(self.home))).resolve()
            return
        if words[:2] == ["credsite", "serve"]:
            self.serve()
            return
        result = subprocess.run(
            ["bash", "-c", line],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"$ {line}\n{result.stdout}\n{result.stderr}"

    def serve(self) -> None:
        port = free_port()
        process = subprocess.Popen(
            ["credsite", "serve", "--port", str(port)],
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/nl/", timeout=2
                    ) as response:
                        assert response.status == 200
                        return
                except OSError:
                    time.sleep(0.2)
            raise AssertionError("credsite serve did not answer")
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_every_command_in_the_guide_runs(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The English guide, run; the Dutch one has exactly the same commands (the test below)."""
    index = release(tmp_path_factory).index
    reader = Reader(tmp_path / "home", index)
    reader.home.mkdir(exist_ok=True)
    lines = commands(REPO / "docs" / "publishing.md")
    assert len(lines) > 25
    for line in lines:
        reader.run(line)
    site = reader.cwd
    # The guide's story happened: two credentials issued, one revoked and taken down, keys rotated.
    assert len(list((site / "content/credentials").glob("*.json"))) == 2
    log = (site / "content/status/log.yaml").read_text()
    assert "action: revoked" in log
    assert "credential:" in (site / "content/status/unpublished.yaml").read_text()
    keys = yaml.safe_load((site / "keys.yaml").read_text())["keys"]
    assert [k["status"] for k in keys] == ["compromised", "active"]
    # What was pushed is what was committed, and no e-mail address or secret is in it.
    pushed = subprocess.run(
        ["git", "--git-dir", str(reader.remote), "log", "--oneline"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(pushed.stdout.splitlines()) >= 6
    tracked = subprocess.run(
        ["git", "grep", "-l", "-e", "@example.org", "-e", "secretKeyMultibase"],
        cwd=site,
        capture_output=True,
        text=True,
    )
    assert tracked.stdout.strip() == ""


def test_both_guides_have_the_same_commands() -> None:
    assert commands(REPO / "docs/publishing.md") == commands(REPO / "docs/publishing.nl.md")
