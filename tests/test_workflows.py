"""The CI files `init` writes: they parse, and the commands they run pass in a fresh clone.

GitHub's `uses:` steps (checkout, setup-python, setup-node, Pages) are what GitHub provides; the
test stands in for them (a clone, a virtual environment, the machine's Node) and runs every `run:`
step as written, with credsite's address pointing at this checkout and the `${{ }}` expressions
GitHub would fill in filled in.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from credsite.init import init

from .conftest import REPO

pytestmark = pytest.mark.slow


def fresh_clone(tmp_path: Path) -> Path:
    source = tmp_path / "institution"
    init(source)
    git = ["git", "-c", "user.name=Office", "-c", "user.email=office@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=source, check=True)
    subprocess.run([*git, "add", "."], cwd=source, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Start"], cwd=source, check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(source), str(clone)], check=True)
    return clone


def environment(tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    venv = tmp_path / "runner-python"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    env = dict(
        os.environ,
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        **extra,
    )
    for name in ("XDG_CONFIG_HOME", "CREDSITE_SIGNING_KEY", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(name, None)
    return env


def run_script(lines: list[str], cwd: Path, env: dict[str, str]) -> None:
    script = "set -euo pipefail\n" + "\n".join(lines)
    result = subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, f"{script}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def test_github_workflow_builds_the_site(tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path)
    workflow = yaml.safe_load((clone / ".github/workflows/publish.yml").read_text())
    # YAML reads the key 'on' as True; the triggers must include pushes and pull requests.
    triggers = workflow.get("on", workflow.get(True))
    assert {"push", "pull_request"} <= set(triggers)
    assert workflow["permissions"] == {"contents": "read"}
    build = workflow["jobs"]["build"]["steps"]
    deploy = workflow["jobs"]["deploy"]
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert [s["uses"].split("@")[0] for s in deploy["steps"] if "uses" in s] == [
        "actions/deploy-pages"
    ]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in build)
    text = (clone / ".github/workflows/publish.yml").read_text()
    assert "CREDSITE_SIGNING_KEY" not in text and "secrets." not in text

    env = environment(
        tmp_path, {**workflow["env"], "CREDSITE_GIT": str(REPO), "CREDSITE_REF": _branch()}
    )
    lines = []
    for step in build:
        if "run" in step:
            lines.append(
                re.sub(
                    r"\$\{\{\s*steps\.pages\.outputs\.base_url\s*\}\}",
                    "https://example-org.github.io/microcredentials",
                    step["run"],
                )
            )
    run_script(lines, clone, env)
    page = (clone / "site/en/index.html").read_text()
    assert 'href="https://example-org.github.io/microcredentials/en/"' in page


def test_gitlab_pages_job_builds_into_public(tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path)
    pipeline = yaml.safe_load((clone / ".gitlab-ci.yml").read_text())
    job = pipeline["pages"]
    assert job["artifacts"]["paths"] == ["public"]
    template = pipeline[job["extends"]]
    env = environment(
        tmp_path,
        {
            **pipeline["variables"],
            "CREDSITE_GIT": str(REPO),
            "CREDSITE_REF": _branch(),
            "CI_PAGES_URL": "https://example-org.gitlab.io/microcredentials",
        },
    )
    lines = [
        line.replace("python3 -m venv .venv", "python3 -m venv --system-site-packages .venv")
        for line in template["before_script"]
    ]
    run_script(lines + job["script"], clone, env)
    assert (clone / "public/nl/modules/example-module/index.html").is_file()


def _branch() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--abbrev-ref", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()
